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
import { craftHistory, kycStanding, siteIndicatorSeries } from '../assessor/index.js';
import { ANNEX_II_KEY, MITIGATION_DEADLINE_RULE, RISK_CATALOGUES, riskResponse, riskStatus } from '../diligence/index.js';
import { checklistOf, requireOrganisation, supplierStanding } from '../registrar/index.js';
import { publicVerification } from '../accounts/index.js';
import { DEMO_AUTHORISATIONS, DEMO_DILIGENCE, DEMO_DISCLOSED_FIELDS, DEMO_ORG_IDS, DEMO_PERIOD, DEMO_RED_FLAGS, DEMO_TAG_REUSE, demoDisclosureCode, demoRing, generateDemo, seedDemo, type DemoPlan } from './index.js';

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

  it("publishes the demo ring's facts for the consumer page: Fairmined gold of Peru, the ICGLR ids kept back", async () => {
    const code = await demoDisclosureCode(orp);
    expect(code).toBeDefined();
    const d = (await orp.access.disclosure(code!))!;
    expect(d.lot).toBe(demoRing(plan)!.lot);
    const { facts } = await publicVerification(orp, code!);
    expect(Object.keys(facts).sort()).toEqual([...DEMO_DISCLOSED_FIELDS].sort());
    expect(facts).toMatchObject({ originCountries: ['PE'], certificationScheme: 'fairmined', forms: expect.arrayContaining(['dore', 'bar', 'product']) });
    expect(facts['custodianNames']).toContain(plan.organisations.find((o) => o.org.id === DEMO_ORG_IDS.jeweller)!.org.name);
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

  describe('due diligence on file', () => {
    const ituri = async () => orp.registry.sites(DEMO_ORG_IDS.asmo);
    const org = (id: string) => requireOrganisation(orp, id);

    it('keeps a risk register with entries per supplier and per Ituri site, each with evidence, source and date', async () => {
      const entries = await orp.risks.risks();
      const asmo = await org(DEMO_ORG_IDS.asmo);
      expect(entries.some((e) => e.subject.kind === 'supplier' && e.subject.uri === asmo.uri)).toBe(true);
      for (const s of await ituri()) expect(entries.some((e) => e.subject.kind === 'site' && e.subject.uri === s.uri), s.id).toBe(true);
      for (const e of entries) {
        expect(e.evidence.length, e.id).toBeGreaterThan(0);
        expect(e.source.trim(), e.id).not.toBe('');
        expect(e.observedOn <= DEMO_PERIOD.to, e.id).toBe(true);
      }
      // Several statuses, so the register shows a history, not a list.
      expect(new Set(entries.map(riskStatus)).size).toBeGreaterThanOrEqual(3);
    });

    it('holds a CRAFT self-assessment of the cooperative reviewed by its buyer, then a second one that shows progress', async () => {
      const h = await craftHistory(orp, DEMO_ORG_IDS.asmo);
      const buyer = await org(DEMO_ORG_IDS.tradingHouse);
      expect(h.assessments.length).toBeGreaterThanOrEqual(2);
      for (const a of h.assessments) {
        expect(a).toMatchObject({ buyer: buyer.uri, stage: 'reviewed' });
        expect(a.review!.reviewedOn >= a.assessedOn).toBe(true);
        expect(a.answers.filter((x) => x.answer !== 'not_applicable').every((x) => x.evidence.length > 0)).toBe(true);
      }
      const last = h.progress.at(-1)!;
      expect(last.improved.length).toBeGreaterThan(0);
      expect(last.worsened).toEqual([]);
    });

    it("keeps a supplier's KYC file: owners at the rule's threshold identified, a valid licence, a watchlist hit cleared by a person", async () => {
      const owner = await org(DEMO_DILIGENCE.kyc.owner);
      const date = '2026-06-01';
      const threshold = (await orp.kycRules()).beneficialOwnerThreshold('mined', date)!;
      const file = await kycStanding(orp, { owners: [owner.uri], supplier: DEMO_DILIGENCE.kyc.supplier, date, supply: 'mined' });
      expect(file.gaps).toEqual([]);
      expect(file.threshold.basisPoints).toBe(threshold.basisPoints);
      expect(file.beneficialOwners.length).toBeGreaterThan(0);
      for (const o of file.beneficialOwners) expect(o.shareBasisPoints).toBeGreaterThanOrEqual(threshold.basisPoints);
      expect(file.licences.some((l) => l.valid)).toBe(true);
      expect(file.watchlist.falsePositives).toBeGreaterThan(0);
      // Before the person's review, the same file had the hit pending.
      const pending = file.records.find((r) => r.kind === 'watchlist_hit' && r.outcome === 'pending');
      expect(pending?.kind).toBe('watchlist_hit');
      const before = await kycStanding(orp, { owners: [owner.uri], supplier: DEMO_DILIGENCE.kyc.supplier, date: pending!.kind === 'watchlist_hit' ? pending!.checkedOn : date });
      expect(before.watchlist.pending).toHaveLength(1);
      expect(before.complete).toBe(false);
    });

    it('records mercury and ESG indicators per Ituri site over several months: Hg:Au falling, gold as produced in the ledger', async () => {
      const local = (t: string) => new Date(Date.parse(t) + 2 * 3_600_000).toISOString().slice(0, 10);
      for (const site of await ituri()) {
        const series = await siteIndicatorSeries(orp, site.id);
        expect(new Set(series.points.map((p) => p.periodFrom.slice(0, 7))).size, site.id).toBeGreaterThanOrEqual(3);
        for (const p of series.points) {
          expect(p.hgAuRatio, site.id).toBeDefined();
          expect(p.retortsInUse).toBeDefined();
          expect(p.trainingSessions).toBeGreaterThan(0);
          const produced = events(plan)
            .filter((e) => e.type === 'production' && e.site === site.uri && local(e.eventTime) >= p.periodFrom && local(e.eventTime) <= p.periodTo)
            .reduce((a, e) => a + (e.type === 'production' ? fineGoldMg(e.lot.grossMg, e.lot.fineness) : 0), 0);
          expect(p.goldProducedMg, `${site.id} ${p.periodFrom}`).toBe(produced);
        }
        expect(series.trend?.improving, site.id).toBe(true);
        expect(series.points[0]!.retortsInUse!).toBeLessThan(series.points.at(-1)!.retortsInUse!);
      }
    });

    it('has a risk management plan adopted when the Annex II risk was confirmed, due six months later per the rule table, with progress reports', async () => {
      const risk = (await orp.risks.risk(DEMO_DILIGENCE.planRisk))!;
      expect(riskResponse(risk)).toBe('mitigate');
      const confirmedOn = risk.history.find((c) => c.status === 'confirmed')!.on;
      const plan = (await orp.plans.plan(DEMO_DILIGENCE.plan))!;
      expect(plan.supplier).toBe(risk.subject.uri);
      expect(plan.adoptedOn).toBe(confirmedOn);
      const months = ((await orp.rules.certificationRules()).valueOn(MITIGATION_DEADLINE_RULE, ANNEX_II_KEY, confirmedOn)!.value as { months: number }).months;
      const due = new Date(`${confirmedOn}T00:00:00Z`);
      due.setUTCMonth(due.getUTCMonth() + months);
      expect(plan.deadline).toBe(due.toISOString().slice(0, 10));
      expect(plan.measures.length).toBeGreaterThan(1);
      for (const m of plan.measures) {
        const reports = plan.progress.filter((r) => r.measure === m.id);
        expect(reports.length, m.id).toBeGreaterThan(1);
        for (const r of reports) expect(r.reportedOn >= plan.adoptedOn && r.reportedOn <= plan.deadline).toBe(true);
      }
    });

    it('records one continue and one mitigate decision (the mitigation under the plan), and refuses no demo supplier', async () => {
      for (const [by, supplier, decision] of DEMO_DILIGENCE.decisions) {
        const standing = await supplierStanding(orp, await org(by), supplier);
        expect(standing.inForce?.decision).toBe(decision);
        expect(standing.refusesNewLots).toBe(false);
      }
      expect(new Set(DEMO_DILIGENCE.decisions.map((d) => d[2]))).toEqual(new Set(['continue', 'mitigate']));
      const mitigation = (await orp.gating.decisions((await org(DEMO_ORG_IDS.tradingHouse)).uri)).find((d) => d.decision === 'mitigate')!;
      expect(mitigation.planId).toBe(DEMO_DILIGENCE.plan);
      // No confirmed Annex II 1-2 risk, hence no automatic suspension.
      const disengage = new Set(RISK_CATALOGUES.flatMap((c) => c.risks.filter((r) => r.response === 'disengage').map((r) => r.id)));
      for (const e of await orp.risks.risks()) if (disengage.has(e.risk)) expect(e.history.some((c) => c.status === 'confirmed'), e.id).toBe(false);
    });

    it('shows a person working an incident: the first capacity incident under review with an owner and its history, the cash incident still open', async () => {
      const over = (await orp.incidents.list({ rule: 'site_over_capacity' })).incidents.sort((a, b) => a.evidence.eventTime.localeCompare(b.evidence.eventTime));
      expect(over[0]).toMatchObject({ status: 'under_review', owner: DEMO_DILIGENCE.officer });
      expect(over[0]!.history.map((h) => h.status)).toEqual(['open', 'under_review']);
      expect(over[0]!.history[1]!.note).toContain(DEMO_DILIGENCE.incidentRisk);
      expect((await orp.risks.risk(DEMO_DILIGENCE.incidentRisk))!.source).toContain('site_over_capacity');
    });

    it('has the OECD five-step checklist of the trading house partly done, each done item with evidence', async () => {
      const c = await checklistOf(orp, await org(DEMO_ORG_IDS.tradingHouse), DEMO_PERIOD.to);
      const items = c.steps.flatMap((s) => s.items);
      const done = items.filter((i) => i.status === 'done');
      expect(done.length).toBeGreaterThan(0);
      for (const i of done) expect(i.evidence.length, i.id).toBeGreaterThan(0);
      expect(items.some((i) => i.status === 'in_progress' || i.status === 'not_started')).toBe(true);
      expect(c.complete).toBe(false);
      expect(c.steps.some((s) => s.complete)).toBe(true);
    });
  });

  describe('tag custody', () => {
    it('issues every tag the demo uses to the agent that uses it, and each agent’s count on the last day reconciles', async () => {
      for (const c of plan.tags.counts) {
        const { stock, lastCount } = await orp.tags.stock(c.agent, DEMO_PERIOD.to);
        expect(stock.issued, c.agent).toBe(stock.used + stock.voided + stock.lost + stock.onHand);
        expect(stock.used, c.agent).toBeGreaterThan(0);
        expect(lastCount, c.agent).toMatchObject({ reconciled: true, difference: 0, count: { id: c.id, onHand: stock.onHand } });
      }
      const house = await orp.tags.stock(DEMO_TAG_REUSE.agent, DEMO_PERIOD.to);
      expect(house.stock).toMatchObject({ voided: 1, lost: 1 });
    });

    it('raises the one tag incident built in: a lot tagged with the tag of a lot bought a week earlier', async () => {
      const tagIncidents = (await orp.incidents.list({ limit: 1000 })).incidents.filter((i) => i.rule.startsWith('tag_'));
      expect(tagIncidents.map((i) => i.rule)).toEqual(['tag_reused']);
      const house = await requireOrganisation(orp, DEMO_TAG_REUSE.agent);
      expect(tagIncidents[0]).toMatchObject({ org: house.uri, evidence: { numbers: { firstUsedOn: DEMO_TAG_REUSE.tagOf, uses: 2 } } });
      expect(tagIncidents[0]!.evidence.eventTime.slice(0, 10)).toBe(DEMO_TAG_REUSE.date);
    });
  });

  it('does nothing when the database already has organisations', async () => {
    const again = await seedDemo(orp, { seed: 1 });
    expect(again).toEqual(seeded);
  });
});
