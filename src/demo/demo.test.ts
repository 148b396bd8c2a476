import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStores } from '../../test/support/stores.js';
import type { GoldEvent, NewLot, TransformEvent } from '../custody/types.js';
import { fineGoldMg, fixedClock, lotNumberOf } from '../kernel/index.js';
import { prepareEvent } from '../ledger/index.js';
import { openOrpaille, type Orpaille } from '../orpaille.js';
import { projectRoot } from '../paths.js';
import { DEMO_AUTHORISATIONS, DEMO_ORG_IDS, DEMO_PERIOD, DEMO_RED_FLAGS, generateDemo, seedDemo, type DemoPlan } from './index.js';

const events = (plan: DemoPlan): GoldEvent[] => plan.batches.flat();
const digestOfIds = (evs: GoldEvent[]) => createHash('sha256').update(evs.map((e) => prepareEvent(e).eventId).join('\n')).digest('hex');
const transforms = (plan: DemoPlan, operation: TransformEvent['operation']) =>
  events(plan).filter((e): e is TransformEvent => e.type === 'transform' && e.operation === operation);
/** 18K ring lots cast from Ituri gold only (segregated, no scheme). */
const ituriRings = (plan: DemoPlan): NewLot[] =>
  transforms(plan, 'melt')
    .flatMap((t) => t.outputs)
    .filter((o) => o.form === 'product' && o.cocModel === 'segregated' && o.scheme === undefined);
/** Fairmined ring lots in casting order: the first from the March collection, the last from August's. */
const fairminedRings = (plan: DemoPlan): NewLot[] =>
  transforms(plan, 'melt')
    .flatMap((t) => t.outputs)
    .filter((o) => o.form === 'product' && o.scheme === 'fairmined');

describe('generateDemo', () => {
  let plan: DemoPlan;
  beforeAll(() => {
    plan = generateDemo(1);
  });

  it('is deterministic: the same seed gives the same event ids, another seed other ones', () => {
    const ids = events(plan).map((e) => prepareEvent(e).eventId);
    expect(new Set(ids).size).toBe(ids.length);
    const again = generateDemo(1);
    expect(digestOfIds(events(again))).toBe(createHash('sha256').update(ids.join('\n')).digest('hex'));
    expect(again.organisations.map((o) => Buffer.from(o.keySeed).toString('hex'))).toEqual(
      plan.organisations.map((o) => Buffer.from(o.keySeed).toString('hex')),
    );
    expect(again.miners).toEqual(plan.miners);
    const other = generateDemo(2);
    expect(digestOfIds(other.batches[0]!)).not.toBe(digestOfIds(plan.batches[0]!));
  });

  it('holds 25,000-45,000 events in chronological batches within the period', () => {
    const all = events(plan);
    expect(all.length).toBeGreaterThanOrEqual(25_000);
    expect(all.length).toBeLessThanOrEqual(45_000);
    let last = 0;
    const problems: string[] = [];
    for (const e of all) {
      const t = Date.parse(e.eventTime);
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(e.eventTime)) problems.push(`time ${e.eventTime}`);
      if (!['+02:00', '+01:00', '-05:00', '+00:00'].includes(e.eventTimeZoneOffset)) problems.push(`offset ${e.eventTimeZoneOffset}`);
      if (t < last) problems.push(`${e.eventTime} after ${new Date(last).toISOString()}`);
      last = t;
    }
    expect(problems).toEqual([]);
    expect(Date.parse(all[0]!.eventTime)).toBeGreaterThanOrEqual(Date.parse(`${DEMO_PERIOD.from}T00:00:00+02:00`));
    expect(last).toBeLessThan(Date.parse(`${DEMO_PERIOD.to}T24:00:00+02:00`));
    // 40-70 trading-house purchases a day, Monday to Saturday.
    const perDay = new Map<string, number>();
    for (const e of all) if (e.type === 'purchase' && e.seller.includes('/8018/')) perDay.set(e.eventTime.slice(0, 10), (perDay.get(e.eventTime.slice(0, 10)) ?? 0) + 1);
    expect(Math.min(...perDay.values())).toBeGreaterThanOrEqual(40);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(75);
  });

  it('registers the parties: an Ituri ASMO with 300 miners at 3 sites, distinct prefixes and keys', () => {
    const asmo = plan.organisations.find((o) => o.org.id === DEMO_ORG_IDS.asmo)!.org;
    const miners = plan.miners.filter((m) => m.organisation === asmo.id);
    expect(miners).toHaveLength(300);
    const women = miners.filter((m) => m.gender === 'female').length / miners.length;
    expect(women).toBeGreaterThan(0.2);
    expect(women).toBeLessThan(0.3);
    for (const m of miners) {
      expect(m.birthYear).toBeGreaterThanOrEqual(1965);
      expect(m.birthYear).toBeLessThanOrEqual(2006);
      expect(m.registeredOn < DEMO_PERIOD.from).toBe(true);
      expect(Number(m.registeredOn.slice(0, 4)) - m.birthYear).toBeGreaterThanOrEqual(18);
    }
    const sites = plan.sites.filter((s) => s.organisation === asmo.id);
    expect(sites).toHaveLength(3);
    for (const s of sites) {
      expect(s.latitude).toBeGreaterThanOrEqual(1.3);
      expect(s.latitude).toBeLessThanOrEqual(2.0);
      expect(s.longitude).toBeGreaterThanOrEqual(29.9);
      expect(s.longitude).toBeLessThanOrEqual(30.6);
      expect(s.licenceType).toBe('artisanal');
      expect(s.capacityGramsPerMonth).toBeGreaterThanOrEqual(1500);
      expect(s.capacityGramsPerMonth).toBeLessThanOrEqual(4000);
    }
    const prefixes = plan.organisations.map((o) => o.org.companyPrefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const p of prefixes) expect(p).toMatch(/^\d{7,9}$/);
    for (const o of plan.organisations) expect(o.keySeed).toHaveLength(32);
    expect(new Set(plan.organisations.map((o) => Buffer.from(o.keySeed).toString('hex'))).size).toBe(plan.organisations.length);
    const roles = new Set(plan.organisations.flatMap((o) => o.org.roles));
    for (const r of ['producer', 'trading_house', 'exporter', 'refiner', 'manufacturer', 'certifier', 'ngo', 'authority']) expect(roles).toContain(r);
  });

  it('uses the real Peruvian points and the Ghanaian polygon copied into data/mine-sites.json', () => {
    const file = JSON.parse(readFileSync(join(projectRoot(), 'src/demo/data/mine-sites.json'), 'utf8')) as {
      source: string;
      peru: { sites: { longitude: number; latitude: number }[] };
    };
    expect(file.source).toContain('mining-detector');
    const peru = plan.sites.filter((s) => s.country === 'PE');
    expect(peru.map((s) => [s.longitude, s.latitude])).toEqual(file.peru.sites.map((s) => [s.longitude, s.latitude]));
    const ghana = plan.sites.filter((s) => s.country === 'GH');
    expect(ghana).toHaveLength(1);
    const g = ghana[0]!.geometry;
    expect(g.type).toBe('Polygon');
    if (g.type === 'Polygon') expect(g.coordinates[0]!.length).toBeLessThanOrEqual(30);
  });

  it('contains the two built-in red flags and no other over-capacity month', () => {
    const all = events(plan);
    const site = new Map(plan.sites.map((s) => [s.uri, s]));
    const xrf = new Map<string, number>();
    for (const e of all) if (e.type === 'assay') xrf.set(e.lot, e.fineness);
    const totals = new Map<string, { gross: number; fine: number; capacity: number }>();
    for (const e of all) {
      if (e.type !== 'production') continue;
      const s = site.get(e.site)!;
      const key = `${s.id}|${e.eventTime.slice(0, 7)}`;
      const t = totals.get(key) ?? { gross: 0, fine: 0, capacity: s.capacityGramsPerMonth * 1000 };
      t.gross += e.lot.grossMg;
      t.fine += fineGoldMg(e.lot.grossMg, Math.min(e.lot.fineness, xrf.get(e.lot.lot) ?? e.lot.fineness));
      totals.set(key, t);
    }
    const over = [...totals].filter(([, t]) => t.gross > t.capacity);
    expect(over.map(([k]) => k)).toEqual([`${DEMO_RED_FLAGS.siteOverCapacity.site}|${DEMO_RED_FLAGS.siteOverCapacity.month}`]);
    expect(over[0]![1].fine).toBeGreaterThan(over[0]![1].capacity);

    const house = plan.organisations.find((o) => o.org.id === DEMO_ORG_IDS.tradingHouse)!.org.uri;
    const bigCash = all.filter((e) => e.type === 'purchase' && e.buyer === house && e.paymentMethod === 'cash' && Number(e.price) > 10_000);
    expect(bigCash).toHaveLength(1);
    expect(bigCash[0]!.eventTime.slice(0, 10)).toBe(DEMO_RED_FLAGS.largeCashPurchase.date);
  });

  it('refines to bars of at least 995.0 and casts 18K rings within the melt tolerance', () => {
    const refined = transforms(plan, 'refine').flatMap((t) => t.outputs);
    expect(refined.length).toBeGreaterThan(0);
    for (const o of refined) expect(o.fineness).toBeGreaterThanOrEqual(9950);
    const rings = transforms(plan, 'melt').filter((t) => t.outputs.every((o) => o.form === 'product'));
    expect(rings.length).toBeGreaterThan(0);
    for (const o of rings.flatMap((t) => t.outputs)) expect(o.fineness).toBe(7500);
    expect(ituriRings(plan).length).toBeGreaterThan(0);
    expect(transforms(plan, 'split').length).toBeGreaterThan(0);
  });
});

describe.each(testStores)('seedDemo on $name', (store) => {
  let orp: Orpaille;
  let cleanup: () => Promise<void>;
  let plan: DemoPlan;
  let seeded: Awaited<ReturnType<typeof seedDemo>>;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    plan = generateDemo(1);
    const handle = await store.create();
    cleanup = handle.cleanup;
    orp = await openOrpaille({
      ...(handle.databaseUrl ? { databaseUrl: handle.databaseUrl } : { sqlitePath: handle.sqlitePath! }),
      clock: fixedClock('2026-12-01T00:00:00Z'),
    });
    const t0 = performance.now();
    seeded = await seedDemo(orp, { seed: 1, onProgress: (done, total) => progress.push([done, total]) });
    const seconds = (performance.now() - t0) / 1000;
    console.log(`demo seeded on ${store.name}: ${seeded.events} events in ${seconds.toFixed(1)} s (${Math.round(seeded.events / seconds)} events/s)`);
  }, 1_800_000);

  afterAll(async () => {
    await orp?.close();
    await cleanup?.();
  });

  it('accepts every event and registers every party', async () => {
    const total = events(plan).length;
    expect(seeded).toEqual({ organisations: plan.organisations.length, miners: plan.miners.length, sites: plan.sites.length, events: total });
    expect(progress.at(-1)).toEqual([total, total]);
  });

  it('has 300 miners and 3 sites in the Ituri ASMO', async () => {
    expect(await orp.registry.miners(DEMO_ORG_IDS.asmo)).toHaveLength(300);
    expect(await orp.registry.sites(DEMO_ORG_IDS.asmo)).toHaveLength(3);
  });

  it('holds only bars of at least 995.0', async () => {
    const bars = await orp.queries.lots({ form: 'bar', limit: 10_000 });
    expect(bars.length).toBeGreaterThan(0);
    for (const b of bars) expect(b.fineness).toBeGreaterThanOrEqual(9950);
  });

  it('traces a ring back to the Ituri sites, shares summing to 1', async () => {
    const ituriSites = new Set((await orp.registry.sites(DEMO_ORG_IDS.asmo)).map((s) => s.uri));
    const ring = ituriRings(plan)[0]!;
    const trace = await orp.traceBackward(lotNumberOf(ring.lot)!);
    expect(trace.origins.length).toBeGreaterThan(0);
    for (const o of trace.origins) expect(ituriSites.has(o.site)).toBe(true);
    expect(trace.origins.reduce((a, o) => a + o.share, 0)).toBeCloseTo(1, 6);
    expect(trace.unknownShare).toBeCloseTo(0, 9);
  });

  it('traces a Fairmined ring back to the Puno sites only', async () => {
    const puno = new Set((await orp.registry.sites(DEMO_ORG_IDS.peru)).map((s) => s.uri));
    const ring = transforms(plan, 'melt')
      .flatMap((t) => t.outputs)
      .find((o) => o.form === 'product' && o.scheme === 'fairmined')!;
    const trace = await orp.traceBackward(ring.lot);
    for (const o of trace.origins) expect(puno.has(o.site)).toBe(true);
    expect(trace.origins.reduce((a, o) => a + o.share, 0)).toBeCloseTo(1, 6);
  });

  it('verifies', async () => {
    const v = await orp.verify();
    expect(v.failure).toBeUndefined();
    expect(v.ok).toBe(true);
    expect(v.records).toBe(seeded.events);
  }, 600_000);

  it("the demo ring's claim check (fairmined-labelled) is valid and names its lots and sites", async () => {
    const ring = fairminedRings(plan)[0]!;
    const v = await orp.checkClaim(lotNumberOf(ring.lot)!, 'fairmined-labelled');
    expect(v.reasons).toEqual([]);
    expect(v.valid).toBe(true);
    const punoSites = (await orp.registry.sites(DEMO_ORG_IDS.peru)).map((s) => s.uri);
    expect(v.backing.sites.length).toBeGreaterThan(0);
    for (const s of v.backing.sites) expect(punoSites).toContain(s);
    // The ring, the refiner's kilobar, the cooperative's export bar and the weekly production lots it melted.
    expect(v.backing.lots[0]).toBe(ring.lot);
    const forms = new Map((await orp.queries.lotsByIds(v.backing.lots)).map((l) => [l.lot, l.form]));
    expect(new Set(forms.values())).toEqual(new Set(['product', 'bar', 'dore']));
    expect(v.backing.lots.length).toBeGreaterThanOrEqual(5);
    const peru = plan.organisations.find((o) => o.org.id === DEMO_ORG_IDS.peru)!.org.uri;
    expect(v.backing.producers).toEqual([peru]);
  });

  it('a certified chain broken by an expired Permit to Trade', async () => {
    // The refiner's permit ran out on 31 July: the August Fairmined collection is not Fairmined Labelled.
    const ring = fairminedRings(plan).at(-1)!;
    const v = await orp.checkClaim(ring.lot, 'fairmined-labelled');
    expect(v.valid).toBe(false);
    const refiner = plan.organisations.find((o) => o.org.id === DEMO_ORG_IDS.refiner)!.org.uri;
    expect(v.reasons.length).toBeGreaterThan(0);
    for (const r of v.reasons) {
      expect(r).toMatchObject({ code: 'AUTHORISATION_EXPIRED', party: refiner, needs: 'permit_to_trade', authorisation: DEMO_AUTHORISATIONS.refinerPermit, since: '2026-08-01' });
      expect(r.date! > DEMO_AUTHORISATIONS.refinerPermitUntil).toBe(true);
    }
    expect(v.reasons.map((r) => r.transfer?.type)).toEqual(expect.arrayContaining(['receive', 'purchase', 'transform']));
  });

  it('holds an Ituri ring CRAFT-conformant and ICGLR certified (Green sites), and not a Puno ring (never inspected)', async () => {
    const ituri = lotNumberOf(ituriRings(plan)[0]!.lot)!;
    expect((await orp.checkClaim(ituri, 'craft-conformant-source')).reasons).toEqual([]);
    expect((await orp.checkClaim(ituri, 'icglr-certified')).reasons).toEqual([]);
    const puno = await orp.checkClaim(fairminedRings(plan)[0]!.lot, 'icglr-certified');
    expect(puno.valid).toBe(false);
    expect(new Set(puno.reasons.map((r) => r.code))).toEqual(new Set(['SITE_NOT_GREEN']));
  });

  it('raises the built-in red flags as incidents while it is captured: the Nizi site above capacity, the large cash purchase', async () => {
    const sites = await orp.registry.sites();
    const nizi = sites.find((s) => s.id === DEMO_RED_FLAGS.siteOverCapacity.site)!;
    const over = (await orp.incidents.list({ rule: 'site_over_capacity' })).incidents;
    expect(over.length).toBeGreaterThan(0);
    expect(new Set(over.map((i) => i.subject))).toEqual(new Set([nizi.uri]));
    expect(over.map((i) => i.evidence.eventTime.slice(0, 7))).toContain(DEMO_RED_FLAGS.siteOverCapacity.month);
    const cash = (await orp.incidents.list({ rule: 'cash_without_approval' })).incidents;
    expect(cash).toHaveLength(1);
    const house = (await orp.registry.organisation(DEMO_RED_FLAGS.largeCashPurchase.buyer))!;
    expect(cash[0]).toMatchObject({ org: house.uri, status: 'open' });
    expect(cash[0]!.evidence.eventTime.slice(0, 10)).toBe(DEMO_RED_FLAGS.largeCashPurchase.date);
    expect(Number(cash[0]!.evidence.numbers['price'])).toBeGreaterThan(DEMO_RED_FLAGS.largeCashPurchase.aboveUsd);
    // The Ituri sites lie in a CMRT covered country; nothing is flagged at the Peru or Ghana sites.
    const origin = (await orp.incidents.list({ rule: 'risk_area_origin' })).incidents;
    expect(new Set(origin.map((i) => sites.find((s) => s.uri === i.subject)!.country))).toEqual(new Set(['CD']));
    // A scan of the whole ledger finds the same hits and raises nothing new.
    const scan = await orp.redFlags.scan();
    expect(scan.raised).toEqual([]);
    expect(scan.hits).toBe((await orp.incidents.list()).total);
  });

  it('does nothing when the database already has organisations', async () => {
    const again = await seedDemo(orp, { seed: 1 });
    expect(again).toEqual(seeded);
  });
});
