import { describe, expect, it } from 'vitest';
import { earn, emptyAccount, genealogyOf, type CocModel, type GoldEvent, type IdentifiedEvent, type LotForm, type LotInputEdge, type LotState } from '../custody/index.js';
import type { Authorisation } from './authorisations.js';
import { checkClaim, type ClaimInput, type ClaimName, type SiteStanding } from './claims.js';

/*
 * A Fairmined chain like the demo's Peruvian one: a cooperative produces at two sites and melts the
 * week into an export bar, exports it to a refiner (its First Authorized Buyer), which buys it,
 * refines it into a bar and sells the bar to a jeweller, who casts a ring. Every test changes one thing.
 */

const COOP = 'org:coop';
const REFINER = 'org:refiner';
const JEWELLER = 'org:jeweller';
const ARM = 'org:arm';
const S1 = 'site:1';
const S2 = 'site:2';

interface Chain {
  scheme: string;
  /** Model and scheme of the ring; an uncertified lot mixed into it when `mixed`. */
  ringModel?: CocModel;
  mixed?: boolean;
  /** The jeweller melts only 40 g of the 100 g bar and then sells the rest to someone without a permit. */
  partial?: boolean;
}

let seq = 0;
const ev = (event: GoldEvent): IdentifiedEvent => ({ eventId: `ev:${++seq}`, event });
const base = (date: string, recorder: string) => ({ eventTime: `${date}T12:00:00.000Z`, eventTimeZoneOffset: '+00:00', recorder });

function state(lot: string, form: LotForm, cocModel: CocModel, owner: string, date: string, scheme?: string, grams = 100, site?: string): LotState {
  return {
    lot,
    form,
    initialMg: grams * 1000,
    heldMg: grams * 1000,
    fineness: form === 'product' ? 7500 : 9000,
    custodian: owner,
    owner,
    status: 'active',
    cocModel,
    ...(scheme ? { scheme } : {}),
    ...(site ? { site } : {}),
    createdAt: Date.parse(`${date}T12:00:00Z`),
    lastEventAt: Date.parse(`${date}T12:00:00Z`),
  };
}

function chain(c: Chain = { scheme: 'fairmined' }) {
  const s = c.scheme;
  const seg = 'segregated' as const;
  const newLot = (lot: string, form: LotForm, cocModel: CocModel, scheme?: string) => ({ lot, form, grossMg: 100_000, fineness: 9000, cocModel, ...(scheme ? { scheme } : {}) });
  const lots = [
    state('P1', 'dore', seg, COOP, '2026-03-06', s, 100, S1),
    state('P2', 'dore', seg, COOP, '2026-03-06', s, 100, S2),
    state('E1', 'dore', seg, REFINER, '2026-03-17', s),
    state('B1', 'bar', seg, JEWELLER, '2026-03-25', s),
    ...(c.mixed ? [state('U', 'bar', 'mass_balance', JEWELLER, '2026-03-01')] : []),
  ];
  const ringModel = c.ringModel ?? (c.mixed ? 'mass_balance' : seg);
  const ring = state('R1', 'product', ringModel, JEWELLER, '2026-03-27', c.mixed ? undefined : s, 50);
  const edges: LotInputEdge[] = [
    { output: 'E1', input: 'P1', fineMg: 90_000 },
    { output: 'E1', input: 'P2', fineMg: 90_000 },
    { output: 'B1', input: 'E1', fineMg: 90_000 },
    { output: 'R1', input: 'B1', fineMg: 36_000 },
    ...(c.mixed ? [{ output: 'R1', input: 'U', fineMg: 1_000 }] : []),
  ];
  const events = [
    ev({ ...base('2026-03-06', COOP), type: 'production', site: S1, producer: COOP, lot: newLot('P1', 'dore', seg, s) }),
    ev({ ...base('2026-03-06', COOP), type: 'production', site: S2, producer: COOP, lot: newLot('P2', 'dore', seg, s) }),
    ev({ ...base('2026-03-17', COOP), type: 'transform', operation: 'melt', inputs: [{ lot: 'P1', massMg: 100_000 }, { lot: 'P2', massMg: 100_000 }], outputs: [newLot('E1', 'dore', seg, s)] }),
    ev({ ...base('2026-03-19', COOP), type: 'export', lots: ['E1'], exporter: COOP, destination: REFINER, destinationCountry: 'CH' }),
    ev({ ...base('2026-03-23', REFINER), type: 'receive', lots: ['E1'], from: COOP, to: REFINER }),
    ev({ ...base('2026-03-23', REFINER), type: 'purchase', lots: ['E1'], seller: COOP, buyer: REFINER, purchaseNumber: 'PO-1', price: '1000', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: false }),
    ev({ ...base('2026-03-25', REFINER), type: 'transform', operation: 'refine', inputs: [{ lot: 'E1', massMg: 200_000 }], outputs: [newLot('B1', 'bar', seg, s)] }),
    ev({ ...base('2026-03-26', REFINER), type: 'purchase', lots: ['B1'], seller: REFINER, buyer: JEWELLER, purchaseNumber: 'SO-1', price: '1000', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: false }),
    ev({ ...base('2026-03-26', REFINER), type: 'ship', lots: ['B1'], from: REFINER, to: JEWELLER }),
    ev({ ...base('2026-03-27', JEWELLER), type: 'receive', lots: ['B1'], from: REFINER, to: JEWELLER }),
    ev({
      ...base('2026-03-27', JEWELLER),
      type: 'transform',
      operation: 'melt',
      inputs: [{ lot: 'B1', massMg: c.partial ? 40_000 : 100_000 }, ...(c.mixed ? [{ lot: 'U', massMg: 1_000 }] : [])],
      outputs: [{ ...newLot('R1', 'product', ringModel, c.mixed ? undefined : s), grossMg: 50_000, fineness: 7500 }],
    }),
    ...(c.partial
      ? [ev({ ...base('2026-04-02', JEWELLER), type: 'purchase', lots: ['B1'], seller: JEWELLER, buyer: 'org:stranger', purchaseNumber: 'X', price: '1', currency: 'USD', paymentMethod: 'cash', custodyTransferred: true })]
      : []),
  ];
  return genealogyOf(ring, edges, lots, events);
}

function auth(id: string, kind: Authorisation['kind'], holder: string, over: Partial<Authorisation> = {}): Authorisation {
  return { id, kind, scheme: 'fairmined', holder, issuer: ARM, scope: {}, issuedOn: '2025-01-01', validUntil: '2027-12-31', statusChanges: [], ...over };
}

const certificate = (over: Partial<Authorisation> = {}) => auth('CERT-COOP', 'producer_certificate', COOP, { scope: { sites: [S1, S2] }, ...over });
const permit = (over: Partial<Authorisation> = {}) => auth('PTT-REF', 'permit_to_trade', REFINER, { scope: { firstAuthorisedBuyer: true, suppliers: [COOP] }, ...over });
const licence = (over: Partial<Authorisation> = {}) => auth('LIC-JEW', 'licence', JEWELLER, { scope: { products: ['jewellery'] }, ...over });
const fairmined = () => [certificate(), permit(), licence()];

const green: SiteStanding = { status: 'green', reason: 'green at inspection' };

function check(claim: ClaimName, authorisations: Authorisation[], over: Partial<ClaimInput> & { genealogy?: ReturnType<typeof chain> } = {}) {
  const genealogy = over.genealogy ?? chain();
  const root = genealogy.lots[0]!;
  const lot: LotState = state(root.lot, root.form, root.cocModel, JEWELLER, '2026-03-27', root.scheme, 50);
  return checkClaim({ claim, lot, genealogy, authorisations, siteStatus: () => green, at: '2026-04-30T12:00:00Z', ...over });
}

describe('segregated claims (Fairmined Labelled)', () => {
  it('holds on a ring whose chain is certified end to end, and names the lots, sites and producers behind it', () => {
    const v = check('fairmined-labelled', fairmined());
    expect(v.reasons).toEqual([]);
    expect(v.valid).toBe(true);
    expect(v.backing).toEqual({ lots: ['R1', 'B1', 'E1', 'P1', 'P2'], sites: [S1, S2], producers: [COOP] });
  });

  it('a certified chain broken by an expired Permit to Trade', () => {
    // The refiner's permit ends on 24 March: its refining and everything it did after is uncertified.
    const v = check('fairmined-labelled', [certificate(), permit({ validUntil: '2026-03-24' }), licence()]);
    expect(v.valid).toBe(false);
    expect(v.reasons.map((r) => [r.code, r.transfer?.type, r.date])).toEqual([
      ['AUTHORISATION_EXPIRED', 'transform', '2026-03-25'],
      ['AUTHORISATION_EXPIRED', 'purchase', '2026-03-26'],
      ['AUTHORISATION_EXPIRED', 'ship', '2026-03-26'],
      ['AUTHORISATION_EXPIRED', 'receive', '2026-03-27'],
    ]);
    expect(v.reasons[0]).toMatchObject({ party: REFINER, needs: 'permit_to_trade', authorisation: 'PTT-REF', since: '2026-03-25', event: expect.stringMatching(/^ev:/) });
    expect(v.reasons[0]!.message).toContain('Permit to Trade PTT-REF was expired since 2026-03-25');
  });

  it('reports every failure, not the first', () => {
    const v = check('fairmined-labelled', [certificate({ scope: { sites: [S1] } }), permit({ validUntil: '2026-03-24' })]);
    const codes = v.reasons.map((r) => r.code);
    expect(codes).toContain('AUTHORISATION_NOT_COVERING'); // site 2 is not on the certificate
    expect(codes.filter((c) => c === 'AUTHORISATION_EXPIRED')).toHaveLength(4);
    expect(v.reasons.filter((r) => r.code === 'AUTHORISATION_MISSING').map((r) => [r.party, r.needs])).toEqual([
      [JEWELLER, 'licence'],
      [JEWELLER, 'licence'],
      [JEWELLER, 'licence'],
      [JEWELLER, 'licence'],
    ]);
  });

  it('lets a suspension stop certified transfers from its date on, not before', () => {
    const v = check('fairmined-labelled', [certificate(), permit({ statusChanges: [{ status: 'suspended', from: '2026-03-26' }] }), licence()]);
    expect(v.reasons.map((r) => [r.code, r.date])).toEqual([
      ['AUTHORISATION_SUSPENDED', '2026-03-26'],
      ['AUTHORISATION_SUSPENDED', '2026-03-26'],
      ['AUTHORISATION_SUSPENDED', '2026-03-27'],
    ]);
  });

  it('needs the producer certificate to cover each origin site on its production date', () => {
    const v = check('fairmined-labelled', [certificate({ validUntil: '2026-03-05' }), permit(), licence()]);
    expect(v.reasons.map((r) => [r.code, r.site, r.lot, r.date])).toEqual([
      ['AUTHORISATION_EXPIRED', S1, 'P1', '2026-03-06'],
      ['AUTHORISATION_EXPIRED', S2, 'P2', '2026-03-06'],
    ]);
  });

  it("needs the first buyer from a producer to be the producer's First Authorized Buyer", () => {
    const v = check('fairmined-labelled', [certificate(), permit({ scope: { suppliers: [COOP] } }), licence()]);
    expect(v.reasons.map((r) => [r.code, r.transfer?.type, r.party])).toEqual([['AUTHORISATION_NOT_COVERING', 'purchase', REFINER]]);
    expect(v.reasons[0]!.message).toContain('First Authorized Buyer');
  });

  it('needs a licence, not a Permit to Trade, from the final seller of a product', () => {
    const v = check('fairmined-labelled', [certificate(), permit(), auth('PTT-JEW', 'permit_to_trade', JEWELLER)]);
    expect(new Set(v.reasons.map((r) => `${r.code} ${r.party} ${r.needs}`))).toEqual(new Set([`AUTHORISATION_MISSING ${JEWELLER} licence`]));
  });

  it('ends at a mix with other material, naming the mix', () => {
    const v = check('fairmined-labelled', fairmined(), { genealogy: chain({ scheme: 'fairmined', mixed: true }) });
    const mix = v.reasons.find((r) => r.code === 'MIXED_WITH_OTHER_MATERIAL');
    expect(mix).toMatchObject({ lot: 'R1', event: expect.stringMatching(/^ev:/) });
    expect(mix!.message).toContain('U');
    expect(v.reasons.map((r) => `${r.code} ${r.lot}`)).toEqual(
      expect.arrayContaining(['LOT_NOT_SEGREGATED R1', 'LOT_NOT_CERTIFIED R1', 'LOT_NOT_SEGREGATED U', 'LOT_NOT_CERTIFIED U', 'ORIGIN_UNKNOWN U']),
    );
  });

  it("judges an ancestor only up to its use in the chain: the rest of a partly used bar may go elsewhere", () => {
    const g = chain({ scheme: 'fairmined', partial: true });
    expect(g.transfers.some((t) => t.to === 'org:stranger')).toBe(false);
    expect(check('fairmined-labelled', fairmined(), { genealogy: g }).valid).toBe(true);
  });

  it('needs an ecological producer certificate for Fairmined Ecological', () => {
    expect(check('fairmined-ecological', fairmined()).reasons.map((r) => [r.code, r.lot])).toEqual([
      ['NOT_ECOLOGICAL', 'P1'],
      ['NOT_ECOLOGICAL', 'P2'],
    ]);
    expect(check('fairmined-ecological', [certificate({ scope: { sites: [S1, S2], ecological: true } }), permit(), licence()]).valid).toBe(true);
  });
});

describe('Fairtrade fully traceable', () => {
  const fairtrade = (refinerCertified = true): Authorisation[] => [
    auth('FT-COOP', 'producer_certificate', COOP, { scheme: 'fairtrade' }),
    ...(refinerCertified ? [auth('FLO-REF', 'trader_certification', REFINER, { scheme: 'fairtrade' })] : []),
    auth('FT-LIC', 'licence', JEWELLER, { scheme: 'fairtrade' }),
  ];

  it('holds on a Fairtrade chain of certified traders and a licensed seller', () => {
    expect(check('fairtrade-fully-traceable', fairtrade(), { genealogy: chain({ scheme: 'fairtrade' }) }).reasons).toEqual([]);
  });

  it('needs FLOCERT trader certification of every trader, and Fairtrade gold', () => {
    const v = check('fairtrade-fully-traceable', fairtrade(false), { genealogy: chain({ scheme: 'fairtrade' }) });
    expect(new Set(v.reasons.map((r) => `${r.code} ${r.party} ${r.needs}`))).toEqual(new Set([`AUTHORISATION_MISSING ${REFINER} trader_certification`]));
    const fairminedGold = check('fairtrade-fully-traceable', fairtrade());
    expect(fairminedGold.reasons.filter((r) => r.code === 'LOT_NOT_CERTIFIED')).toHaveLength(5);
  });
});

describe('mass-balance claims (Fairmined Incorporated, Fairtrade Gold Sourcing Programme)', () => {
  const plainRing = () => chain({ scheme: 'fairmined', mixed: true });
  const account = (expiresAt: number) => {
    const a = emptyAccount(JEWELLER, 'fairmined');
    earn(a, 30_000, Date.parse('2026-03-01T00:00:00Z'), expiresAt);
    earn(a, 10_000, Date.parse('2026-03-10T00:00:00Z'), Date.parse('2027-03-10T00:00:00Z'));
    return a;
  };

  it("holds when the holder's usable credits cover the fine gold claimed, naming the oldest entries that do", () => {
    const v = check('fairmined-incorporated', [], { genealogy: plainRing(), credits: account(Date.parse('2027-03-01T00:00:00Z')) });
    expect(v.valid).toBe(true);
    // The ring holds 50 g at 750: 37.5 g fine, covered by both entries.
    expect(v.backing.credits).toMatchObject({ holder: JEWELLER, claimedGrams: '37.500', availableGrams: '40.000' });
    expect(v.backing.credits!.entries.map((e) => e.entry)).toEqual([1, 2]);
    expect(v.backing.lots).toEqual(['R1']);
  });

  it('an expired credit does not count', () => {
    const v = check('fairmined-incorporated', [], { genealogy: plainRing(), credits: account(Date.parse('2026-04-01T00:00:00Z')) });
    expect(v.valid).toBe(false);
    expect(v.reasons).toEqual([expect.objectContaining({ code: 'CREDITS_INSUFFICIENT', party: JEWELLER, lot: 'R1', date: '2026-04-30' })]);
    expect(v.reasons[0]!.message).toContain('30.000 g more had expired');
  });

  it('holds on a lot already carrying the scheme, whose claim was backed when it was made', () => {
    expect(check('fairmined-incorporated', []).valid).toBe(true);
    expect(check('fairtrade-gold-sourcing-programme', []).reasons.map((r) => r.code)).toEqual(['CREDITS_INSUFFICIENT']);
  });
});

describe('CRAFT-conformant source and ICGLR certified', () => {
  it('needs a CRAFT report of every origin producer valid on the production date', () => {
    const craft = (validUntil: string) => [auth('CRAFT-COOP', 'craft_report', COOP, { scheme: 'craft', validUntil })];
    expect(check('craft-conformant-source', craft('2026-12-31')).valid).toBe(true);
    expect(check('craft-conformant-source', craft('2026-03-05')).reasons.map((r) => [r.code, r.lot, r.authorisation])).toEqual([
      ['AUTHORISATION_EXPIRED', 'P1', 'CRAFT-COOP'],
      ['AUTHORISATION_EXPIRED', 'P2', 'CRAFT-COOP'],
    ]);
    expect(check('craft-conformant-source', []).reasons.map((r) => r.code)).toEqual(['AUTHORISATION_MISSING', 'AUTHORISATION_MISSING']);
  });

  it('needs every origin site Green on its production date', () => {
    const seen: string[] = [];
    const siteStatus = (site: string, date: string): SiteStanding => {
      seen.push(`${site} ${date}`);
      return site === S2 ? { status: 'yellow', inspection: 'INS-2', reason: 'yellow at inspection INS-2' } : green;
    };
    const v = check('icglr-certified', [], { siteStatus });
    expect(seen).toEqual([`${S1} 2026-03-06`, `${S2} 2026-03-06`]);
    expect(v.reasons).toEqual([expect.objectContaining({ code: 'SITE_NOT_GREEN', site: S2, lot: 'P2', date: '2026-03-06' })]);
  });
});
