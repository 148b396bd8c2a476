import { describe, expect, it } from 'vitest';
import { confirmsImmediateDisengagement, evolveRisk, riskEntryProblems, riskResponse, riskStatus, riskStatusChangeRefusal, riskStatusOn, type RiskEntry } from './register.js';
import { RISK_CATALOGUE_V1, RISK_IDS, riskCatalogue, riskCatalogueOn, riskDefinition } from './risks.js';

const entry = (over: Partial<RiskEntry> = {}): RiskEntry => ({
  id: 'r-1',
  owner: 'https://id.example/417/house',
  subject: { kind: 'supplier', uri: 'https://id.example/417/asmo' },
  risk: 'security-forces',
  catalogueVersion: '1',
  observedOn: '2026-03-01',
  source: 'site visit',
  evidence: [{ kind: 'report', reference: 'visit-2026-03-01.pdf' }],
  recordedBy: 'A. Kabila',
  history: [{ status: 'identified', on: '2026-03-01', by: 'A. Kabila' }],
  ...over,
});

describe('risk model', () => {
  it('gives every OECD Annex II risk its response class: serious abuses and armed groups disengage, the others mitigate', () => {
    const response = (id: string) => riskDefinition(id)!.response;
    expect(response('serious-abuses')).toBe('disengage');
    expect(response('armed-groups')).toBe('disengage');
    for (const id of ['security-forces', 'bribery-fraud', 'money-laundering', 'taxes-royalties']) expect(response(id)).toBe('mitigate');
  });

  it('lists the four Minamata Annex C practices and the ESG risks under progressive improvement (CRAFT module 5)', () => {
    const mercury = RISK_CATALOGUE_V1.risks.filter((r) => r.family === 'mercury').map((r) => r.id);
    expect(mercury).toEqual(['mercury-whole-ore', 'mercury-open-burning', 'mercury-residential-burning', 'mercury-cyanide']);
    for (const r of RISK_CATALOGUE_V1.risks.filter((x) => x.family !== 'annex-ii')) {
      expect(r.response).toBe('improve');
      expect(r.craftModule).toBe(5);
    }
  });

  it('defines every risk id once, with a source', () => {
    expect(RISK_CATALOGUE_V1.risks.map((r) => r.id).sort()).toEqual([...RISK_IDS].sort());
    for (const r of RISK_CATALOGUE_V1.risks) expect(r.source).not.toBe('');
  });

  it('answers the catalogue version in force on a date', () => {
    expect(riskCatalogueOn('2026-03-01').version).toBe('1');
  });

  it('applies a new reading of the standards from its start date only', () => {
    const v2 = { version: '2', effectiveFrom: '2027-01-01', risks: RISK_CATALOGUE_V1.risks.map((r) => (r.id === 'child-labour' ? { ...r, response: 'mitigate' as const } : r)) };
    const versions = [RISK_CATALOGUE_V1, v2];
    expect(riskCatalogueOn('2026-12-31', versions).version).toBe('1');
    expect(riskCatalogueOn('2027-01-01', versions).version).toBe('2');
    expect(riskCatalogue('1', versions)!.risks.find((r) => r.id === 'child-labour')!.response).toBe('improve');
    expect(riskCatalogue('2', versions)!.risks.find((r) => r.id === 'child-labour')!.response).toBe('mitigate');
  });
});

describe('risk register entries', () => {
  it('accepts an entry with evidence, source and date', () => {
    expect(riskEntryProblems(entry())).toEqual([]);
  });

  it('rejects an entry without source, person or a known risk', () => {
    const p = riskEntryProblems(entry({ source: ' ', recordedBy: '', risk: 'gossip' as never }));
    expect(p.join('\n')).toMatch(/source is required/);
    expect(p.join('\n')).toMatch(/recordedBy is required/);
    expect(p.join('\n')).toMatch(/risk gossip is not in the risk model/);
  });

  it('rejects a status dated before the observation and evidence without a reference', () => {
    const p = riskEntryProblems(entry({ history: [{ status: 'identified', on: '2026-02-01', by: 'x' }], evidence: [{ kind: 'photo', reference: '' }] }));
    expect(p.join('\n')).toMatch(/cannot come before the observation/);
    expect(p.join('\n')).toMatch(/needs a reference/);
  });

  it('refuses a status change to the same status, before the last change, or without a person', () => {
    const e = entry();
    expect(riskStatusChangeRefusal(e, { status: 'identified', on: '2026-03-05', by: 'x' })).toMatch(/already identified/);
    expect(riskStatusChangeRefusal(e, { status: 'confirmed', on: '2026-02-05', by: 'x' })).toMatch(/before the last one/);
    expect(riskStatusChangeRefusal(e, { status: 'confirmed', on: '2026-03-05', by: '' })).toMatch(/person/);
    expect(riskStatusChangeRefusal(e, { status: 'confirmed', on: '2026-03-05', by: 'x' })).toBeUndefined();
  });

  it('keeps the history: the status on a date is the last change on or before it', () => {
    const e = evolveRisk(entry(), { status: 'confirmed', on: '2026-04-01', by: 'B', reason: 'second visit' });
    expect(riskStatus(e)).toBe('confirmed');
    expect(riskStatusOn(e, '2026-03-15')).toBe('identified');
    expect(riskStatusOn(e, '2026-04-01')).toBe('confirmed');
    expect(riskStatusOn(e, '2026-02-01')).toBeUndefined();
  });

  it('says that confirming support to armed groups calls for immediate disengagement, and a mitigable risk does not', () => {
    expect(confirmsImmediateDisengagement(entry({ risk: 'armed-groups' }), { status: 'confirmed' })).toBe(true);
    expect(confirmsImmediateDisengagement(entry({ risk: 'armed-groups' }), { status: 'identified' })).toBe(false);
    expect(confirmsImmediateDisengagement(entry({ risk: 'taxes-royalties' }), { status: 'confirmed' })).toBe(false);
    expect(riskResponse(entry({ risk: 'mercury-open-burning' }))).toBe('improve');
  });
});
