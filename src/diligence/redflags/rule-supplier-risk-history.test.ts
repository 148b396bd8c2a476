import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleVersion } from '../../certification/index.js';
import type { GoldEvent, ProductionEvent, PurchaseEvent, ReceiveEvent } from '../../custody/index.js';
import { projectRoot } from '../../paths.js';
import { parseRiskAreas, type RiskArea } from './areas.js';
import { scanEvents } from './engine.js';
import { redFlagRulesFrom } from './rules.js';
import type { ScanContext, ScanEvent, SiteFacts, SupplierExposure, SupplierRiskHit } from './types.js';

const shipped = (JSON.parse(readFileSync(join(projectRoot(), 'rules', 'diligence.json'), 'utf8')) as { values: RuleVersion[] }).values;
const CMRT = parseRiskAreas(JSON.parse(readFileSync(join(projectRoot(), 'rules', 'risk-areas.geojson'), 'utf8'))).filter((a) => a.id === 'cmrt-covered-countries');

const HOUSE = 'urn:org:house';
const EXPORTER = 'urn:org:exporter';
const REFINER = 'urn:org:refiner';
const COMPTOIR = 'urn:org:comptoir-bukavu';
const ITURI: SiteFacts = { uri: 'urn:site:ituri', id: 'ituri', name: 'Ituri site', country: 'CD', latitude: 1.9, longitude: 30.0, licenceType: 'artisanal', licensedOn: '2020-01-01', capacityGramsPerMonth: 100_000 };
const PERU: SiteFacts = { ...ITURI, uri: 'urn:site:puno', id: 'puno', name: 'Puno site', country: 'PE', latitude: -14.2, longitude: -69.4 };

const at = (day: string) => `${day}T10:00:00.000Z`;
const base = (day: string, recorder: string) => ({ eventTime: at(day), eventTimeZoneOffset: '+00:00', recorder });

function produce(site: SiteFacts, lot: string, day: string, recorder = HOUSE): ProductionEvent {
  return { ...base(day, recorder), type: 'production', site: site.uri, producer: recorder, lot: { lot, form: 'dore', grossMg: 10_000, fineness: 8500, cocModel: 'segregated' } };
}
function buy(lot: string, seller: string, buyer: string, day: string, n = lot): PurchaseEvent {
  return { ...base(day, buyer), type: 'purchase', lots: [lot], seller, buyer, purchaseNumber: `PO-${n}`, price: '100.00', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: true };
}
function receive(lot: string, from: string, to: string, day: string): ReceiveEvent {
  return { ...base(day, to), type: 'receive', lots: [lot], from, to };
}

interface Opts {
  areas?: RiskArea[];
  rules?: RuleVersion[];
  /** Origin and transit incidents raised by earlier scans, per party. */
  stored?: Record<string, SupplierRiskHit[]>;
  /** Ledger sequence number of the first event (later than any stored incident's). */
  firstSeq?: number;
}

/**
 * Scans events with a supplier history built as the store builds it: every party of an event touching
 * a lot is exposed to the lot's production site at the event's time.
 */
function scan(golds: GoldEvent[], o: Opts = {}) {
  const events: ScanEvent[] = golds.map((gold, i) => ({ seq: i + (o.firstSeq ?? 1), gold, atMs: Date.parse(gold.eventTime) }));
  const siteOfLot = new Map<string, string>();
  const exposures = new Map<string, SupplierExposure[]>();
  for (const e of events) {
    const g = e.gold;
    if (g.type === 'production') siteOfLot.set(g.lot.lot, g.site);
    const lots = g.type === 'production' ? [g.lot.lot] : g.type === 'purchase' || g.type === 'receive' || g.type === 'ship' ? g.lots : [];
    const parties = g.type === 'purchase' ? [g.seller, g.buyer] : g.type === 'receive' || g.type === 'ship' ? [g.from, g.to] : [g.recorder];
    for (const p of new Set([...parties, g.recorder])) {
      for (const lot of lots) {
        const site = siteOfLot.get(lot);
        if (site) exposures.set(p, [...(exposures.get(p) ?? []), { atMs: e.atMs, seq: e.seq, lot, site }]);
      }
    }
  }
  const org = (uri: string, country: string) => [uri, { uri, id: uri.split(':').at(-1)!, name: uri.split(':').at(-1)!, country }] as const;
  const ctx: ScanContext = {
    rules: redFlagRulesFrom(o.rules ?? shipped),
    sites: new Map([ITURI, PERU].map((s) => [s.uri, s])),
    organisations: new Map([org(HOUSE, 'CD'), org(EXPORTER, 'UG'), org(REFINER, 'CH'), org(COMPTOIR, 'CD')]),
    productions: () => [],
    cashApproved: () => false,
    areas: o.areas ?? CMRT,
    siteStatus: () => undefined,
    miners: new Map(),
    lotFacts: () => undefined,
    lotOrigins: () => [],
    minedActivity: () => [],
    supplierHistory: (s) => ({ exposures: exposures.get(s) ?? [], hits: o.stored?.[s] ?? [] }),
  };
  return scanEvents(events, ctx).filter((h) => h.rule === 'supplier_risk_history');
}

describe('supplier risk history', () => {
  it('flags a purchase from a supplier that held gold from a site in a listed country within the 365 days before', () => {
    const hits = scan([produce(ITURI, 'L1', '2026-01-10', EXPORTER), buy('L1', EXPORTER, REFINER, '2026-03-01'), produce(PERU, 'L2', '2026-06-01', EXPORTER), buy('L2', EXPORTER, REFINER, '2026-06-02')]);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      key: `supplier_risk_history|${REFINER}|${EXPORTER}|cmrt-covered-countries|2026`,
      org: REFINER,
      subject: EXPORTER,
      seqs: [1, 2],
      threshold: { area: 'cmrt-covered-countries', windowDays: 365 },
      numbers: { matchedBy: 'lot', sourcedOn: '2026-01-10T10:00:00.000Z' },
      ruleVersion: { rule: 'redflag.supplier_risk_history', key: 'default' },
    });
  });

  it('reads history from the window only: a lot held 366 days before does not count, one held 364 days before does', () => {
    const old = [produce(ITURI, 'L1', '2025-01-01', EXPORTER), produce(PERU, 'L2', '2026-01-02', EXPORTER), buy('L2', EXPORTER, REFINER, '2026-01-02')];
    expect(scan(old)).toEqual([]);
    const recent = [produce(ITURI, 'L1', '2025-01-03', EXPORTER), produce(PERU, 'L2', '2026-01-02', EXPORTER), buy('L2', EXPORTER, REFINER, '2026-01-02')];
    expect(scan(recent)).toHaveLength(1);
  });

  it('judges each exposure by the areas in force on its own date', () => {
    const listedLater = CMRT.map((a) => ({ ...a, effectiveFrom: '2026-02-01' }));
    const golds = [produce(ITURI, 'L1', '2026-01-10', EXPORTER), produce(PERU, 'L2', '2026-03-01', EXPORTER), buy('L2', EXPORTER, REFINER, '2026-03-01')];
    expect(scan(golds, { areas: listedLater })).toEqual([]);
    expect(scan(golds, { areas: CMRT })).toHaveLength(1);
  });

  it('flags from an origin or transit incident the supplier was the subject of, without any lot of the area', () => {
    const stored = { [EXPORTER]: [{ atMs: Date.parse(at('2025-11-01')), rule: 'risk_area_transit' as const, key: 'risk_area_transit|x|y|cmrt-covered-countries', area: 'cmrt-covered-countries', seqs: [41] }] };
    const golds = [produce(PERU, 'L2', '2026-03-01', EXPORTER), receive('L2', EXPORTER, REFINER, '2026-03-02')];
    const hits = scan(golds, { stored, firstSeq: 100 });
    expect(hits.map((h) => [h.numbers['matchedBy'], h.seqs])).toEqual([['risk_area_transit', [41, 101]]]);
    // An incident raised by an event recorded after the receive is not its history.
    expect(scan(golds, { stored, firstSeq: 10 })).toEqual([]);
    expect(scan(golds)).toEqual([]);
  });

  it('sees a transit hit found earlier in the same scan: the supplier received from a party in a listed country', () => {
    // The comptoir (CD, not listed here) receives from the exporter in Uganda (listed): a transit hit of the comptoir's;
    // the refiner then buys Peru gold from the comptoir.
    const cmrtWithoutCd = CMRT.map((a) => ({ ...a, countries: a.countries.filter((c) => c !== 'CD') }));
    const golds = [produce(PERU, 'L3', '2026-02-01', EXPORTER), receive('L3', EXPORTER, COMPTOIR, '2026-02-02'), produce(PERU, 'L4', '2026-03-01', COMPTOIR), buy('L4', COMPTOIR, REFINER, '2026-03-02')];
    const hits = scan(golds, { areas: cmrtWithoutCd });
    expect(hits.map((h) => [h.org, h.subject, h.numbers['matchedBy']])).toEqual([[REFINER, COMPTOIR, 'risk_area_transit']]);
  });

  it('reads only what the ledger held before the event: a backdated lot recorded later is not the purchase’s history', () => {
    const golds = [produce(PERU, 'L2', '2026-03-01', EXPORTER), buy('L2', EXPORTER, REFINER, '2026-03-01'), produce(ITURI, 'L1', '2026-01-10', EXPORTER)];
    expect(scan(golds)).toEqual([]);
    // Recorded before the purchase, the same lot is history.
    expect(scan([golds[2]!, golds[0]!, golds[1]!])).toHaveLength(1);
  });

  it('raises one incident per buyer, supplier, area and calendar year', () => {
    const golds = [produce(ITURI, 'L1', '2026-01-10', EXPORTER), buy('L1', EXPORTER, REFINER, '2026-03-01'), produce(ITURI, 'L2', '2026-04-01', EXPORTER), buy('L2', EXPORTER, REFINER, '2026-04-02'), produce(ITURI, 'L3', '2027-01-05', EXPORTER), receive('L3', EXPORTER, REFINER, '2027-01-06'), buy('L3', EXPORTER, HOUSE, '2027-01-07')];
    expect(scan(golds).map((h) => [h.org, h.key.split('|').at(-1)])).toEqual([
      [REFINER, '2026'],
      [REFINER, '2027'],
      [HOUSE, '2027'],
    ]);
  });

  it('judges nothing between an organisation and itself, and nothing once a version switches the rule off', () => {
    expect(scan([produce(ITURI, 'L1', '2026-01-10', EXPORTER), receive('L1', EXPORTER, EXPORTER, '2026-01-11')])).toEqual([]);
    const off: RuleVersion[] = [
      ...shipped.map((v) => (v.rule === 'redflag.supplier_risk_history' ? { ...v, effectiveTo: '2026-02-01' } : v)),
      { rule: 'redflag.supplier_risk_history', key: 'default', effectiveFrom: '2026-02-01', value: { enabled: false, windowDays: 365 }, source: 'test', confidence: 'assumed' },
    ];
    const golds = [produce(ITURI, 'L1', '2026-01-10', EXPORTER), buy('L1', EXPORTER, REFINER, '2026-01-20', 'a'), buy('L1', REFINER, HOUSE, '2026-03-01', 'b')];
    expect(scan(golds, { rules: off }).map((h) => h.org)).toEqual([REFINER]);
  });

  it('uses the window of the version in force: 30 days leaves out a lot held 40 days before', () => {
    const short: RuleVersion[] = [
      ...shipped.filter((v) => v.rule !== 'redflag.supplier_risk_history'),
      { rule: 'redflag.supplier_risk_history', key: 'default', effectiveFrom: '2000-01-01', value: { windowDays: 30 }, source: 'test', confidence: 'assumed' },
    ];
    const golds = [produce(ITURI, 'L1', '2026-01-10', EXPORTER), produce(PERU, 'L2', '2026-02-19', EXPORTER), buy('L2', EXPORTER, REFINER, '2026-02-19')];
    expect(scan(golds, { rules: short })).toEqual([]);
    expect(scan(golds)).toHaveLength(1);
  });
});
