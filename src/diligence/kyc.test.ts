import { describe, expect, it } from 'vitest';
import { kycProblems, kycRulesFrom, kycStandingOn, licenceValidOn, type BeneficialOwner, type KycRecord, type SupplierLicence, type WatchlistHit } from './kyc.js';

const S = 'urn:supplier';
const base = { owner: 'urn:buyer', supplier: S, evidence: [], recordedBy: 'A. Kabila' };
const owner = (id: string, name: string, bp: number, on = '2026-01-10'): BeneficialOwner => ({ ...base, id, kind: 'beneficial_owner', name, shareBasisPoints: bp, identifiedOn: on });
const licence = (over: Partial<SupplierLicence> = {}): SupplierLicence => ({ ...base, id: 'l1', kind: 'licence', licenceType: 'trading', number: 'CDT-001', issuer: 'SAEMAPE', validFrom: '2026-01-01', validUntil: '2026-12-31', ...over });
const hit = (over: Partial<WatchlistHit> = {}): WatchlistHit => ({ ...base, id: 'h1', kind: 'watchlist_hit', list: 'UN 1533', matchedName: 'J. Doe', checkedOn: '2026-02-01', outcome: 'pending', checkedBy: 'B. Mulamba', ...over });
const rules = kycRulesFrom([
  { rule: 'kyc.beneficial_owner_threshold', key: 'mined', effectiveFrom: '2021-11-01', value: { percent: '10' }, source: 'LBMA RGG v9' },
  { rule: 'kyc.beneficial_owner_threshold', key: 'recycled', effectiveFrom: '2021-11-01', value: { percent: '25' }, source: 'LBMA RGG v9' },
]);

describe('supplier KYC', () => {
  it('reads the beneficial-owner threshold from rule data: 10 % for mined gold, 25 % for recycled, none before the rule', () => {
    expect(rules.beneficialOwnerThreshold('mined', '2026-03-01')!.basisPoints).toBe(1000);
    expect(rules.beneficialOwnerThreshold('recycled', '2026-03-01')!.basisPoints).toBe(2500);
    expect(rules.beneficialOwnerThreshold('mined', '2020-01-01')).toBeUndefined();
  });

  it('names the owners at or above the threshold of the supply type', () => {
    const records: KycRecord[] = [owner('o1', 'A', 1000), owner('o2', 'B', 2000), owner('o3', 'C', 900), licence()];
    const mined = kycStandingOn(S, records, '2026-03-01', 'mined', rules.beneficialOwnerThreshold('mined', '2026-03-01')!);
    expect(mined.beneficialOwners.map((o) => o.name)).toEqual(['A', 'B']);
    expect(mined.complete).toBe(true);
    const recycled = kycStandingOn(S, records, '2026-03-01', 'recycled', rules.beneficialOwnerThreshold('recycled', '2026-03-01')!);
    expect(recycled.beneficialOwners).toEqual([]);
  });

  it('reports a gap when no licence is valid on the date, and a licence is valid through its last day', () => {
    expect(licenceValidOn(licence(), '2026-12-31')).toBe(true);
    expect(licenceValidOn(licence(), '2027-01-01')).toBe(false);
    const k = kycStandingOn(S, [owner('o1', 'A', 5000), licence()], '2027-01-05', 'mined', { basisPoints: 1000, source: 's' });
    expect(k.gaps).toEqual(['no licence valid on 2027-01-05']);
    expect(k.complete).toBe(false);
  });

  it('keeps a watchlist hit open until a person reviews it; the latest review of a name stands', () => {
    const t = { basisPoints: 1000, source: 's' };
    const pending = kycStandingOn(S, [owner('o1', 'A', 5000), licence(), hit()], '2026-03-01', 'mined', t);
    expect(pending.gaps).toEqual(['watchlist hit on UN 1533 for "J. Doe" awaits a person\'s review']);
    const cleared = kycStandingOn(S, [owner('o1', 'A', 5000), licence(), hit(), hit({ id: 'h2', checkedOn: '2026-02-03', outcome: 'false_positive' })], '2026-03-01', 'mined', t);
    expect(cleared.complete).toBe(true);
    expect(cleared.watchlist.falsePositives).toBe(1);
    const confirmed = kycStandingOn(S, [owner('o1', 'A', 5000), licence(), hit({ outcome: 'true_match' })], '2026-03-01', 'mined', t);
    expect(confirmed.gaps[0]).toMatch(/true match on UN 1533/);
  });

  it('does not read records dated after the date, and flags shares adding up to more than 100 %', () => {
    const t = { basisPoints: 1000, source: 's' };
    expect(kycStandingOn(S, [owner('o1', 'A', 5000, '2026-05-01'), licence()], '2026-03-01', 'mined', t).gaps).toEqual(['no beneficial owner identified (every owner of 10 % or more must be)']);
    expect(kycStandingOn(S, [owner('o1', 'A', 6000), owner('o2', 'B', 6000), licence()], '2026-03-01', 'mined', t).gaps).toEqual(["beneficial owners' shares add up to 120 %, more than 100 %"]);
  });

  it('rejects a share above 100 %, a licence ending before it starts and a hit without a reviewer', () => {
    expect(kycProblems(owner('o', 'A', 10_001)).join()).toMatch(/at most 100 %/);
    expect(kycProblems(licence({ validUntil: '2025-01-01' })).join()).toMatch(/before validFrom/);
    expect(kycProblems(hit({ checkedBy: '' })).join()).toMatch(/a person reviews every hit/);
  });
});
