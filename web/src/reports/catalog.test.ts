import { describe, expect, it } from 'vitest';
import { dispositionFilename } from '../api';
import { initialValues, lastMonth, reportRequest, REPORTS, type ReportDef } from './catalog';

const report = (id: ReportDef['id']) => REPORTS.find((r) => r.id === id)!;
const member = { kind: 'user' as const, id: 'u1', org: { id: 'coop-puno', uri: 'urn:org:coop-puno' }, role: 'viewer' as const, platformAdmin: false, visibleParties: [] };
const platformAdmin = { ...member, org: null, role: 'admin' as const, platformAdmin: true };

describe('report forms', () => {
  it('starts periods at last month, across a new year', () => {
    expect(lastMonth(new Date(2026, 11, 2))).toEqual({ from: '2026-11-01', to: '2026-12-01' });
    expect(lastMonth(new Date(2027, 0, 31))).toEqual({ from: '2026-12-01', to: '2027-01-01' });
  });

  it('starts years at the current year and the statement at the caller’s organisation', () => {
    const ctx = { today: new Date(2026, 11, 2), principal: member };
    expect(initialValues(report('step5'), ctx)).toEqual({ year: '2026', format: 'pdf' });
    expect(initialValues(report('cmrt'), ctx)).toEqual({ period: '2026', scope: 'A' });
    expect(initialValues(report('statement'), ctx)).toEqual({ producer: 'coop-puno', from: '2026-11-01', to: '2026-12-01', format: 'pdf' });
  });

  it('offers the organisation reports to members only and the ICGLR certificate to its writers only', () => {
    const ids = (p: typeof member | typeof platformAdmin) => REPORTS.filter((r) => r.available(p)).map((r) => r.id);
    expect(ids(member)).toEqual(['step5', 'cmrt', 'rmap', 'statement', 'programme']);
    expect(ids({ ...member, role: 'operator' as never })).toContain('icglr');
    expect(ids(platformAdmin)).toEqual(['statement', 'programme']);
  });

  it('sends a GET report’s values as its query, leaving out empty ones', () => {
    expect(reportRequest(report('programme'), { from: '2026-01-01', to: ' 2027-01-01 ', format: '' })).toEqual({ query: { from: '2026-01-01', to: '2027-01-01' } });
  });

  it('sends the ICGLR certificate’s values as a JSON body with the verifier nested', () => {
    const r = reportRequest(report('icglr'), { lot: 'L1', lang: 'fr', 'verifier.name': 'A. Verifier', 'verifier.id': 'V-1', route: '' });
    expect(r).toEqual({ body: { lot: 'L1', lang: 'fr', verifier: { name: 'A. Verifier', id: 'V-1' } } });
  });

  it('saves a download under the file name of its Content-Disposition', () => {
    expect(dispositionFilename('attachment; filename="step5-coop-puno-2026.pdf"')).toBe('step5-coop-puno-2026.pdf');
    expect(dispositionFilename("attachment; filename=\"a.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")).toBe('résumé.pdf');
    expect(dispositionFilename('attachment; filename=plain.csv')).toBe('plain.csv');
    expect(dispositionFilename('attachment')).toBeUndefined();
    expect(dispositionFilename(null)).toBeUndefined();
  });
});
