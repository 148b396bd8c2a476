import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { certificationRulesFrom, inspectionProblems, siteStatusOn, type RuleVersion, type SiteInspection } from './index.js';

/** The periods shipped in rules/certification.json: the numbers under test are data, not code. */
const shipped = (JSON.parse(readFileSync(new URL('../../rules/certification.json', import.meta.url), 'utf8')) as { values: RuleVersion[] }).values;
const rules = certificationRulesFrom(shipped);
const SITE = 'site:kilo';

const inspected = (date: string, status: SiteInspection['status'], id = `i-${date}`): SiteInspection => ({ id, site: SITE, date, status, inspector: 'J. Mbala', agency: 'CEEC' });
const statusOn = (inspections: SiteInspection[], date: string, blueSince?: string) => siteStatusOn(SITE, inspections, date, rules, blueSince);

describe('ICGLR mine-site status on a date', () => {
  it('a site never inspected is blue, and may not export', () => {
    expect(statusOn([], '2026-05-05')).toMatchObject({ status: 'blue', code: 0, exportAllowed: false, reason: 'not yet inspected' });
  });

  it('a never-inspected site turns red after three years blue from its registration', () => {
    expect(statusOn([], '2029-03-31', '2026-04-01')).toMatchObject({ status: 'blue', until: '2029-03-31' });
    expect(statusOn([], '2029-04-01', '2026-04-01')).toMatchObject({ status: 'red', since: '2029-04-01' });
  });

  it('green is valid one year from the inspection, then blue', () => {
    const i = [inspected('2026-02-10', 1)];
    expect(statusOn(i, '2026-02-09')).toMatchObject({ status: 'blue', reason: 'not yet inspected' });
    expect(statusOn(i, '2026-02-10')).toMatchObject({ status: 'green', code: 1, since: '2026-02-10', until: '2027-02-09', exportAllowed: true, inspection: 'i-2026-02-10' });
    expect(statusOn(i, '2027-02-10')).toMatchObject({ status: 'blue', since: '2027-02-10', exportAllowed: false });
  });

  it('blue after an expired green lasts at most three years, then red', () => {
    const i = [inspected('2026-02-10', 1)];
    expect(statusOn(i, '2030-02-09')).toMatchObject({ status: 'blue', until: '2030-02-09' });
    expect(statusOn(i, '2030-02-10')).toMatchObject({ status: 'red', code: 3, since: '2030-02-10' });
  });

  it('yellow may still export for three months to remedy; unremedied, it is red', () => {
    const i = [inspected('2026-03-15', 2)];
    expect(statusOn(i, '2026-06-14')).toMatchObject({ status: 'yellow', code: 2, until: '2026-06-14', exportAllowed: true });
    expect(statusOn(i, '2026-06-15')).toMatchObject({ status: 'red', since: '2026-06-15', exportAllowed: false });
  });

  it('a re-inspection within the remedy period decides from its date', () => {
    const i = [inspected('2026-03-15', 2), inspected('2026-05-01', 1)];
    expect(statusOn(i, '2026-06-15')).toMatchObject({ status: 'green', since: '2026-05-01' });
  });

  it('red lasts at least six months: an earlier re-inspection takes effect only when they end', () => {
    const i = [inspected('2026-01-10', 3), inspected('2026-03-01', 1)];
    expect(statusOn(i, '2026-07-09')).toMatchObject({ status: 'red', since: '2026-01-10', inspection: 'i-2026-01-10' });
    expect(statusOn(i, '2026-07-10')).toMatchObject({ status: 'green', since: '2026-07-10', until: '2027-02-28', inspection: 'i-2026-03-01' });
  });

  it('red stays red until a re-inspection, however long', () => {
    expect(statusOn([inspected('2020-01-10', 3)], '2026-07-10')).toMatchObject({ status: 'red', since: '2020-01-10' });
  });

  it('reads each inspection with the periods in force on its date', () => {
    const longerGreen = certificationRulesFrom([...shipped, { rule: 'icglr.status_period', key: 'green', effectiveFrom: '2027-01-01', value: { months: 24, limit: 'validity', then: 'blue' }, source: 'test', confidence: 'assumed' }]);
    expect(siteStatusOn(SITE, [inspected('2026-06-01', 1)], '2027-07-01', longerGreen).status).toBe('blue');
    expect(siteStatusOn(SITE, [inspected('2027-06-01', 1)], '2028-07-01', longerGreen).status).toBe('green');
  });

  it('names the missing rule instead of guessing a period', () => {
    expect(() => siteStatusOn(SITE, [inspected('2026-06-01', 1)], '2026-07-01', certificationRulesFrom([]))).toThrow(expect.objectContaining({ code: 'ORP_NO_RULE' }));
  });

  it('ignores the inspections of other sites', () => {
    expect(statusOn([{ ...inspected('2026-02-10', 1), site: 'site:other' }], '2026-05-05').status).toBe('blue');
  });
});

describe('inspection records', () => {
  it('names every problem of a malformed inspection', () => {
    expect(inspectionProblems({ id: '', site: SITE, date: '2026-13-01', status: 7 as 1, inspector: '', agency: 'CEEC' })).toEqual([
      'id is required',
      expect.stringMatching(/date 2026-13-01/),
      expect.stringMatching(/status must be an ICGLR code/),
      'inspector is required',
    ]);
  });
});
