import { describe, expect, it } from 'vitest';
import { certifiedTransfer, firstAuthorisedBuyersOn, goodDeliveryOn, licenceOn, rmapOn, traderCertificationOn, type Authorisation, type CertifiedTransfer } from './index.js';

const ASMO = 'org:asmo';
const HOUSE = 'org:house';
const REFINER = 'org:refiner';
const JEWELLER = 'org:jeweller';
const ARM = 'org:arm';

const auth = (over: Partial<Authorisation> & Pick<Authorisation, 'id' | 'kind' | 'holder'>): Authorisation => ({
  scheme: 'fairmined',
  issuer: ARM,
  scope: {},
  issuedOn: '2026-01-01',
  validUntil: '2026-12-31',
  statusChanges: [],
  ...over,
});

const fairmined: Authorisation[] = [
  auth({ id: 'fm-cert', kind: 'producer_certificate', holder: ASMO, scope: { sites: ['site:1', 'site:2'], ecological: true } }),
  auth({ id: 'ptt-house', kind: 'permit_to_trade', holder: HOUSE, scope: { suppliers: [ASMO], firstAuthorisedBuyer: true } }),
  auth({ id: 'ptt-refiner', kind: 'permit_to_trade', holder: REFINER, scope: { suppliers: [HOUSE] } }),
];

const sale = (over: Partial<CertifiedTransfer> = {}): CertifiedTransfer => ({ scheme: 'fairmined', seller: ASMO, buyer: HOUSE, date: '2026-05-05', sites: ['site:1'], ...over });

describe('certified transfers', () => {
  it('passes certified status from a certified producer to its First Authorized Buyer, naming both authorisations', () => {
    const v = certifiedTransfer(fairmined, sale());
    expect(v).toMatchObject({ valid: true, problems: [] });
    expect(v.backing.map((a) => a.id)).toEqual(['fm-cert', 'ptt-house']);
  });

  it('a suspension stops certified transfers from its date on, not retroactively', () => {
    const suspended = fairmined.map((a) => (a.id === 'ptt-house' ? { ...a, statusChanges: [{ status: 'suspended' as const, from: '2026-06-01', reason: 'audit finding' }] } : a));
    expect(certifiedTransfer(suspended, sale({ date: '2026-05-31T17:00:00+02:00' })).valid).toBe(true);
    const after = certifiedTransfer(suspended, sale({ date: '2026-06-01' }));
    expect(after.valid).toBe(false);
    expect(after.problems).toEqual([expect.objectContaining({ party: HOUSE, role: 'buyer', reason: 'suspended', since: '2026-06-01', authorisation: 'ptt-house' })]);
    expect(after.backing).toEqual([]);
  });

  it('breaks at an expired Permit to Trade and says since when', () => {
    const v = certifiedTransfer(fairmined, { scheme: 'fairmined', seller: HOUSE, buyer: REFINER, date: '2027-01-10' });
    expect(v.valid).toBe(false);
    expect(v.problems.map((p) => [p.party, p.reason, p.since])).toEqual([
      [HOUSE, 'expired', '2027-01-01'],
      [REFINER, 'expired', '2027-01-01'],
    ]);
  });

  it('refuses a sale from a producer to a buyer whose permit does not make it the First Authorized Buyer', () => {
    const v = certifiedTransfer(fairmined, sale({ buyer: REFINER }));
    expect(v.problems).toEqual([expect.objectContaining({ party: REFINER, reason: 'not_covered', authorisation: 'ptt-refiner' })]);
  });

  it('refuses a buyer whose permit lists other suppliers only', () => {
    const v = certifiedTransfer(fairmined, { scheme: 'fairmined', seller: JEWELLER, buyer: REFINER, date: '2026-05-05' });
    expect(v.problems.map((p) => [p.party, p.reason])).toEqual([
      [JEWELLER, 'missing'],
      [REFINER, 'not_covered'],
    ]);
  });

  it('refuses gold from a site the producer certificate does not cover, and ecological gold from a non-ecological certificate', () => {
    expect(certifiedTransfer(fairmined, sale({ sites: ['site:9'] })).problems[0]).toMatchObject({ party: ASMO, reason: 'not_covered' });
    const plain = fairmined.map((a) => (a.id === 'fm-cert' ? { ...a, scope: { sites: ['site:1'] } } : a));
    expect(certifiedTransfer(plain, sale({ ecological: true })).problems[0]).toMatchObject({ party: ASMO, reason: 'not_covered' });
    expect(certifiedTransfer(plain, sale()).valid).toBe(true);
  });

  it('Fairtrade: a certified producer sells to a FLOCERT-certified trader, who must hold the certification on the day', () => {
    const ft = [
      auth({ id: 'ft-cert', kind: 'producer_certificate', scheme: 'fairtrade', holder: ASMO, issuer: 'org:flocert' }),
      auth({ id: 'flocert-house', kind: 'trader_certification', scheme: 'fairtrade', holder: HOUSE, issuer: 'org:flocert', validUntil: '2026-03-31' }),
    ];
    expect(certifiedTransfer(ft, sale({ scheme: 'fairtrade', date: '2026-03-31' })).valid).toBe(true);
    expect(certifiedTransfer(ft, sale({ scheme: 'fairtrade', date: '2026-04-01' })).problems[0]).toMatchObject({ party: HOUSE, needs: 'trader_certification', reason: 'expired' });
  });
});

describe('scheme registers', () => {
  it('names the First Authorized Buyers of a producer on a date', () => {
    expect(firstAuthorisedBuyersOn(fairmined, ASMO, '2026-05-05')).toEqual([HOUSE]);
    expect(firstAuthorisedBuyersOn(fairmined, ASMO, '2027-05-05')).toEqual([]);
  });

  it('RMAP: the next assessment is due one cycle after the last; conformant up to that day, expired the day after', () => {
    const rmap = [auth({ id: 'rmap', kind: 'rmap', scheme: 'rmap', holder: REFINER, issuer: 'org:rmi', issuedOn: '2024-03-15', validUntil: '2099-12-31', scope: { rmapStatus: 'conformant', assessmentCycleYears: 2, lastAssessedOn: '2024-03-15' } })];
    expect(rmapOn(rmap, REFINER, '2026-03-15')).toMatchObject({ listed: 'conformant', nextAssessmentDue: '2026-03-15', conformant: true });
    expect(rmapOn(rmap, REFINER, '2026-03-16')).toMatchObject({ conformant: false, standing: { valid: false, reason: 'expired', since: '2026-03-16' } });
  });

  it('RMAP: an active refiner (assessment under way) is listed but not conformant', () => {
    const rmap = [auth({ id: 'rmap', kind: 'rmap', scheme: 'rmap', holder: REFINER, scope: { rmapStatus: 'active' } })];
    expect(rmapOn(rmap, REFINER, '2026-05-05')).toMatchObject({ listed: 'active', conformant: false, standing: { valid: true } });
    expect(rmapOn(rmap, HOUSE, '2026-05-05')).toBeUndefined();
  });

  it('LBMA Good Delivery: a refiner removed from the list is not Good Delivery from that date', () => {
    const gd = [auth({ id: 'gd', kind: 'lbma_good_delivery', scheme: 'lbma', holder: REFINER, issuer: 'org:lbma', statusChanges: [{ status: 'withdrawn', from: '2026-09-01', reason: 'moved to the former list' }] })];
    expect(goodDeliveryOn(gd, REFINER, '2026-08-31')?.valid).toBe(true);
    expect(goodDeliveryOn(gd, REFINER, '2026-09-01')).toMatchObject({ valid: false, reason: 'withdrawn' });
  });

  it('FLOCERT trader certification and licences for both schemes, a licence covering only its products', () => {
    const all = [
      auth({ id: 'flo', kind: 'trader_certification', scheme: 'fairtrade', holder: HOUSE }),
      auth({ id: 'lic-fm', kind: 'licence', holder: JEWELLER, scope: { products: ['jewellery'] } }),
      auth({ id: 'lic-ft', kind: 'licence', scheme: 'fairtrade', holder: JEWELLER }),
    ];
    expect(traderCertificationOn(all, HOUSE, '2026-05-05')?.valid).toBe(true);
    expect(licenceOn(all, JEWELLER, 'fairmined', '2026-05-05', 'jewellery')?.valid).toBe(true);
    expect(licenceOn(all, JEWELLER, 'fairmined', '2026-05-05', 'coins')).toBeUndefined();
    expect(licenceOn(all, JEWELLER, 'fairtrade', '2026-05-05', 'coins')?.valid).toBe(true);
  });
});
