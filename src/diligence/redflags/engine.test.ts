import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleVersion } from '../../certification/index.js';
import type { GoldEvent, ProductionEvent, PurchaseEvent, ReceiveEvent } from '../../custody/index.js';
import { projectRoot } from '../../paths.js';
import { parseRiskAreas, type RiskArea } from './areas.js';
import { scanEvents } from './engine.js';
import { redFlagRulesFrom } from './rules.js';
import type { ScanContext, ScanEvent, SiteFacts, SiteProduction } from './types.js';

const shipped = (JSON.parse(readFileSync(join(projectRoot(), 'rules', 'diligence.json'), 'utf8')) as { values: RuleVersion[] }).values;
const CMRT = parseRiskAreas(JSON.parse(readFileSync(join(projectRoot(), 'rules', 'risk-areas.geojson'), 'utf8')));
const REAL = JSON.parse(readFileSync(join(projectRoot(), 'test', 'fixtures', 'mine-sites', 'redflag-points.json'), 'utf8')) as {
  points: { id: string; territory?: string; region?: string; country: string; lon: number; lat: number }[];
  hulls: Record<string, [number, number][]>;
};

const HOUSE = 'https://id.gs1.org/417/6150002000002';
const REFINER = 'https://id.gs1.org/417/7640001000001';
const EXPORTER = 'https://id.gs1.org/417/6150003000003';

function site(id: string, over: Partial<SiteFacts> = {}): SiteFacts {
  return { uri: `urn:site:${id}`, id, name: `Site ${id}`, country: 'CD', latitude: 1.9, longitude: 30.0, licenceType: 'artisanal', licensedOn: '2024-01-01', capacityGramsPerMonth: 3000, ...over };
}

function production(siteUri: string, at: string, grams: number, n: number): ProductionEvent {
  return {
    type: 'production',
    eventTime: at,
    eventTimeZoneOffset: '+02:00',
    recorder: HOUSE,
    site: siteUri,
    producer: 'urn:asmo',
    lot: { lot: `urn:lot:${n}`, form: 'dore', grossMg: grams * 1000, fineness: 8500, cocModel: 'segregated' },
  };
}

function purchase(at: string, price: string, method: PurchaseEvent['paymentMethod'], number = 'P-1', currency = 'USD'): PurchaseEvent {
  return { type: 'purchase', eventTime: at, eventTimeZoneOffset: '+02:00', recorder: HOUSE, lots: ['urn:lot:1'], seller: 'urn:miner', buyer: HOUSE, purchaseNumber: number, price, currency, paymentMethod: method, custodyTransferred: true };
}

interface World {
  sites?: SiteFacts[];
  areas?: RiskArea[];
  rules?: RuleVersion[];
  approved?: string[];
  status?: (site: string, day: string) => { status: string; reason: string } | undefined;
}

/** Scans events in order; production history is the events' own (what a full scan reads). */
function scan(golds: GoldEvent[], w: World = {}) {
  const events: ScanEvent[] = golds.map((gold, i) => ({ seq: i + 1, gold, atMs: Date.parse(gold.eventTime) }));
  const productions = new Map<string, SiteProduction[]>();
  for (const e of events) {
    if (e.gold.type !== 'production') continue;
    const list = productions.get(e.gold.site) ?? [];
    list.push({ atMs: e.atMs, grossMg: e.gold.lot.grossMg });
    productions.set(e.gold.site, list);
  }
  const sites = w.sites ?? [site('a')];
  const ctx: ScanContext = {
    rules: redFlagRulesFrom(w.rules ?? shipped),
    sites: new Map(sites.map((s) => [s.uri, s])),
    organisations: new Map([
      [HOUSE, { uri: HOUSE, id: 'house', name: 'Maison d’achat', country: 'CD' }],
      [EXPORTER, { uri: EXPORTER, id: 'exporter', name: 'Bunia Gold Export', country: 'CD' }],
      [REFINER, { uri: REFINER, id: 'refiner', name: 'Affinerie du Jura', country: 'CH' }],
    ]),
    productions: (s) => productions.get(s) ?? [],
    cashApproved: (b, n) => (w.approved ?? []).includes(`${b}|${n}`),
    areas: w.areas ?? [],
    siteStatus: w.status ?? (() => undefined),
    miners: new Map(),
    lotFacts: () => undefined,
    lotOrigins: () => [],
    minedActivity: () => [],
  };
  return scanEvents(events, ctx);
}

const day = (d: number, hour = 10) => new Date(Date.UTC(2026, 5, 1, hour) + d * 86_400_000).toISOString();

describe('site over capacity', () => {
  it('flags a site whose production over the rolling 30 days exceeds its stated monthly capacity', () => {
    const s = site('a', { capacityGramsPerMonth: 1000 });
    const evs = Array.from({ length: 11 }, (_, i) => production(s.uri, day(i * 2), 100, i));
    const hits = scan(evs, { sites: [s] }).filter((h) => h.rule === 'site_over_capacity');
    expect(hits).toHaveLength(1);
    // The 11th lot (day 20) brings the window to 1,100 g against 1,000 g.
    expect(hits[0]!.seqs).toEqual([11]);
    expect(hits[0]!.numbers).toMatchObject({ windowGrossGrams: '1100.000', productions: 11 });
    expect(hits[0]!.threshold).toMatchObject({ capacityGramsPerMonth: 1000, windowDays: 30, limitGrams: '1000.000' });
    expect(hits[0]!.ruleVersion).toMatchObject({ rule: 'redflag.site_over_capacity', effectiveFrom: '2000-01-01' });
  });

  it('does not flag production at exactly the capacity', () => {
    const s = site('a', { capacityGramsPerMonth: 1000 });
    expect(scan(Array.from({ length: 10 }, (_, i) => production(s.uri, day(i * 2), 100, i)), { sites: [s] }).filter((h) => h.rule === 'site_over_capacity')).toEqual([]);
  });

  it('lets production older than the window drop out of the sum', () => {
    const s = site('a', { capacityGramsPerMonth: 1000 });
    // 600 g on day 0, 600 g on day 31: never more than 600 g in any 30 days.
    expect(scan([production(s.uri, day(0), 600, 1), production(s.uri, day(31), 600, 2)], { sites: [s] }).filter((h) => h.rule === 'site_over_capacity')).toEqual([]);
    // Within 30 days, the same two lots are over.
    expect(scan([production(s.uri, day(0), 600, 1), production(s.uri, day(29), 600, 2)], { sites: [s] }).filter((h) => h.rule === 'site_over_capacity')).toHaveLength(1);
  });

  it('raises one hit per site and month, however many events stay above', () => {
    const s = site('a', { capacityGramsPerMonth: 100 });
    const hits = scan(Array.from({ length: 5 }, (_, i) => production(s.uri, day(i), 90, i)), { sites: [s] }).filter((h) => h.rule === 'site_over_capacity');
    expect(hits.map((h) => h.key)).toEqual([`site_over_capacity|${s.uri}|2026-06`]);
  });

  it('judges each event by the rule version in force on its date, and a version can switch the rule off', () => {
    const s = site('a', { capacityGramsPerMonth: 100 });
    const evs = [production(s.uri, day(0), 150, 1), production(s.uri, day(10), 150, 2)];
    const off: RuleVersion[] = [
      ...shipped.map((v) => (v.rule === 'redflag.site_over_capacity' ? { ...v, effectiveTo: '2026-06-05' } : v)),
      { rule: 'redflag.site_over_capacity', key: 'default', effectiveFrom: '2026-06-05', value: { enabled: false, windowDays: 30, maxPermilleOfCapacity: 1000 }, source: 'test', confidence: 'assumed' },
    ];
    const hits = scan(evs, { sites: [s], rules: off }).filter((h) => h.rule === 'site_over_capacity');
    expect(hits.map((h) => h.seqs)).toEqual([[1]]);
    const higher: RuleVersion[] = [
      ...shipped.filter((v) => v.rule !== 'redflag.site_over_capacity'),
      { rule: 'redflag.site_over_capacity', key: 'default', effectiveFrom: '2000-01-01', value: { windowDays: 30, maxPermilleOfCapacity: 2000 }, source: 'test', confidence: 'assumed' },
    ];
    expect(scan([production(s.uri, day(0), 150, 1)], { sites: [s], rules: higher }).filter((h) => h.rule === 'site_over_capacity')).toEqual([]);
  });
});

describe('cash without approval', () => {
  it('flags a cash purchase above the threshold of its currency with no approval recorded', () => {
    const hits = scan([purchase(day(0), '10000.01', 'cash')]);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ rule: 'cash_without_approval', org: HOUSE, subject: 'P-1', numbers: { price: '10000.01', currency: 'USD', approved: false }, threshold: { above: '10000.00' } });
  });

  it('does not flag a cash purchase at the threshold, one paid otherwise, or one a person approved', () => {
    expect(scan([purchase(day(0), '10000.00', 'cash')])).toEqual([]);
    expect(scan([purchase(day(0), '50000', 'mobile_money')])).toEqual([]);
    expect(scan([purchase(day(0), '50000', 'cash')], { approved: [`${HOUSE}|P-1`] })).toEqual([]);
  });

  it('judges a currency without a threshold rule not at all (the table says nothing for it)', () => {
    expect(scan([purchase(day(0), '99999999', 'cash', 'P-2', 'CDF')])).toEqual([]);
  });
});

describe('risk areas', () => {
  it('flags production at a site in a CMRT covered country, once per site and area', () => {
    const s = site('ituri');
    const hits = scan([production(s.uri, day(0), 10, 1), production(s.uri, day(1), 10, 2)], { sites: [s], areas: CMRT });
    expect(hits.filter((h) => h.rule === 'risk_area_origin').map((h) => h.key)).toEqual([`risk_area_origin|${s.uri}|cmrt-covered-countries`]);
    expect(hits[0]!.numbers).toMatchObject({ matchedBy: 'country CD' });
  });

  it('flags the real Amazon centroids that lie in an indigenous territory once that territory is loaded, and no other', () => {
    const amazon = REAL.points.filter((p) => p.territory);
    const sites = amazon.map((p) => site(p.id, { country: p.country, longitude: p.lon, latitude: p.lat }));
    const golds = sites.map((s, i) => production(s.uri, day(i), 10, i));
    expect(scan(golds, { sites, areas: CMRT }).filter((h) => h.rule === 'risk_area_origin')).toEqual([]);
    const yanomami = territory('Yanomami');
    const flagged = scan(golds, { sites, areas: [yanomami] }).filter((h) => h.rule === 'risk_area_origin');
    expect(flagged.map((h) => h.numbers['site']).sort()).toEqual(amazon.filter((p) => p.territory === 'Yanomami').map((p) => p.id).sort());
    expect(flagged[0]!.threshold).toMatchObject({ category: 'protected_area', area: 'ti-yanomami' });
    expect(scan(golds, { sites, areas: [yanomami, territory('Munduruku')] }).filter((h) => h.rule === 'risk_area_origin')).toHaveLength(amazon.length);
  });

  it('places the real Peru points in their own region', () => {
    const peru = REAL.points.filter((p) => p.region);
    const sites = peru.map((p) => site(p.id, { country: p.country, longitude: p.lon, latitude: p.lat }));
    const golds = sites.map((s, i) => production(s.uri, day(i), 10, i));
    const areas = ['Puno', 'Cusco'].map((r) => ({ ...territory(r), id: `pe-${r.toLowerCase()}`, category: 'cahra' as const }));
    const hits = scan(golds, { sites, areas }).filter((h) => h.rule === 'risk_area_origin');
    for (const p of peru) expect(hits.filter((h) => h.numbers['site'] === p.id).map((h) => h.threshold['area'])).toEqual([`pe-${p.region!.toLowerCase()}`]);
  });

  it('ignores an area before the date it is listed', () => {
    const s = site('ituri');
    const later = CMRT.map((a) => ({ ...a, effectiveFrom: '2026-06-10' }));
    expect(scan([production(s.uri, day(0), 10, 1)], { sites: [s], areas: later }).filter((h) => h.rule === 'risk_area_origin')).toEqual([]);
    expect(scan([production(s.uri, day(10), 10, 1)], { sites: [s], areas: later }).filter((h) => h.rule === 'risk_area_origin')).toHaveLength(1);
  });

  it('flags a recorder outside the area that receives gold from a party inside it (transit), not the parties inside', () => {
    const receive: ReceiveEvent = { type: 'receive', eventTime: day(3), eventTimeZoneOffset: '+01:00', recorder: REFINER, lots: ['urn:lot:1'], from: EXPORTER, to: REFINER };
    const shipInside: GoldEvent = { type: 'ship', eventTime: day(2), eventTimeZoneOffset: '+02:00', recorder: HOUSE, lots: ['urn:lot:1'], from: HOUSE, to: EXPORTER };
    const hits = scan([shipInside, receive], { areas: CMRT });
    expect(hits.map((h) => [h.rule, h.org, h.subject])).toEqual([['risk_area_transit', REFINER, EXPORTER]]);
    expect(hits[0]!.summary).toContain('received from Bunia Gold Export in CD');
  });
});

describe('production and the site’s standing', () => {
  it('flags production dated before the site’s licence took effect, and production at an unlicensed site', () => {
    const s = site('a', { licensedOn: '2026-06-05' });
    const { licensedOn: _none, ...u } = site('b', { licenceType: 'none' });
    const hits = scan([production(s.uri, day(0), 1, 1), production(s.uri, day(5), 1, 2), production(u.uri, day(5), 1, 3)], { sites: [s, u] }).filter((h) => h.rule === 'production_before_licence');
    expect(hits.map((h) => h.seqs)).toEqual([[1], [3]]);
    expect(hits[0]!.threshold).toMatchObject({ licensedOn: '2026-06-05' });
    expect(hits[1]!.summary).toContain('holds no licence');
  });

  it('flags production at an ICGLR site whose status is Red, only in the covered countries', () => {
    const red = () => ({ status: 'red', reason: 'red at inspection I-1' });
    const s = site('a');
    expect(scan([production(s.uri, day(0), 1, 1)], { sites: [s], status: red }).filter((h) => h.rule === 'production_site_status')).toHaveLength(1);
    expect(scan([production(s.uri, day(0), 1, 1)], { sites: [s], status: () => ({ status: 'yellow', reason: 'remedy' }) }).filter((h) => h.rule === 'production_site_status')).toEqual([]);
    const peru = site('p', { country: 'PE' });
    expect(scan([production(peru.uri, day(0), 1, 1)], { sites: [peru], status: red }).filter((h) => h.rule === 'production_site_status')).toEqual([]);
  });
});

it('gives the same hits, with the same keys, when the same events are scanned again', () => {
  const s = site('a', { capacityGramsPerMonth: 100 });
  const evs = [production(s.uri, day(0), 150, 1), purchase(day(0, 12), '20000', 'cash')];
  expect(scan(evs, { sites: [s], areas: CMRT })).toEqual(scan(evs, { sites: [s], areas: CMRT }));
});

function territory(name: string): RiskArea {
  return parseRiskAreas({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { id: `ti-${name.toLowerCase()}`, name, category: 'protected_area', effectiveFrom: '2000-01-01', source: 'test hull of the data set’s points' }, geometry: { type: 'Polygon', coordinates: [REAL.hulls[name]] } }],
  })[0]!;
}
