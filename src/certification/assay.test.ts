import { describe, expect, it } from 'vitest';
import { reconcileAssays, type AssayResult } from './assay.js';
import { certificationRulesFrom, type RuleVersion } from './rules.js';

const limit: RuleVersion = { rule: 'assay.splitting_limit', key: 'gold', effectiveFrom: '2000-01-01', value: { maxDifferencePermille: '0.5' }, source: 'test: 0.05 % Au absolute', confidence: 'likely' };
const umpireStands: RuleVersion = { rule: 'assay.umpire', key: 'gold', effectiveFrom: '2000-01-01', value: { final: 'umpire' }, source: 'test', confidence: 'assumed' };
const rules = certificationRulesFrom([limit, umpireStands]);

const assay = (role: AssayResult['role'], fineness: number, method: AssayResult['method'] = 'fire_assay'): AssayResult => ({ role, method, lab: `${role} lab`, sampleIds: [`S-${role}`], fineness, date: '2026-05-04' });

describe('assay exchange', () => {
  it('takes the mean of the buyer\'s and seller\'s assays when they differ by no more than the splitting limit', () => {
    const r = reconcileAssays([assay('seller', 9134), assay('buyer', 9129)], 'gold', '2026-05-04', rules);
    expect(r).toMatchObject({ status: 'final', basis: 'mean', difference: 5, splittingLimit: 5 });
    // (913.4 + 912.9) / 2 = 913.15, rounded down to 913.1: never more gold than measured.
    expect(r.status === 'final' && r.fineness).toBe(9131);
  });

  it('asks for an umpire assay when the difference exceeds the splitting limit', () => {
    const r = reconcileAssays([assay('seller', 9134), assay('buyer', 9128)], 'gold', '2026-05-04', rules);
    expect(r).toMatchObject({ status: 'umpire_needed', difference: 6, splittingLimit: 5 });
  });

  it('lets the umpire result stand under the umpire rule in force', () => {
    const r = reconcileAssays([assay('seller', 9140), assay('buyer', 9120), assay('umpire', 9127)], 'gold', '2026-05-04', rules);
    expect(r).toMatchObject({ status: 'final', basis: 'umpire', fineness: 9127 });
    expect(r.status === 'final' && r.rules.map((x) => x.rule)).toEqual(['assay.splitting_limit', 'assay.umpire']);
  });

  it('takes the mean of the umpire and the closer party when the rule says so', () => {
    const other = certificationRulesFrom([limit, { ...umpireStands, value: { final: 'mean_with_closest' } }]);
    const r = reconcileAssays([assay('seller', 9140), assay('buyer', 9120), assay('umpire', 9127)], 'gold', '2026-05-04', other);
    // The buyer (912.0) is closer to 912.7 than the seller (914.0): (912.0 + 912.7) / 2 = 912.35 -> 912.3.
    expect(r).toMatchObject({ status: 'final', basis: 'mean_with_closest', fineness: 9123 });
  });

  it('judges by the splitting limit in force on the assay date', () => {
    const tighter = certificationRulesFrom([{ ...limit, effectiveTo: '2026-01-01' }, { ...limit, effectiveFrom: '2026-01-01', value: { maxDifferencePermille: '0.3' } }, umpireStands]);
    expect(reconcileAssays([assay('seller', 9134), assay('buyer', 9130)], 'gold', '2025-12-31', tighter).status).toBe('final');
    expect(reconcileAssays([assay('seller', 9134), assay('buyer', 9130)], 'gold', '2026-01-01', tighter).status).toBe('umpire_needed');
  });

  it('says what is missing, and warns that XRF is a screening method', () => {
    expect(reconcileAssays([assay('seller', 9134)], 'gold', '2026-05-04', rules)).toMatchObject({ status: 'incomplete', missing: ['buyer'] });
    const r = reconcileAssays([assay('seller', 9134, 'xrf'), assay('buyer', 9133)], 'gold', '2026-05-04', rules);
    expect(r.warnings.join()).toMatch(/XRF/);
  });

  it('refuses two assays in the same role and a missing splitting-limit rule', () => {
    expect(() => reconcileAssays([assay('seller', 9134), assay('seller', 9133)], 'gold', '2026-05-04', rules)).toThrowError(/two seller assays/);
    expect(() => reconcileAssays([assay('seller', 9134), assay('buyer', 9133)], 'silver', '2026-05-04', rules)).toThrowError(/assay.splitting_limit/);
  });
});
