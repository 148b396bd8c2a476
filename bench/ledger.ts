import { createHash } from 'node:crypto';
import type { GoldEvent, TransformEvent } from '../src/custody/index.js';
import { fixedClock } from '../src/kernel/index.js';
import { openOrpaille, type Orpaille } from '../src/orpaille.js';
import { lotUri, makeMiner, makeOrganisation, makeSite, type Organisation } from '../src/parties/index.js';

/** A bench ledger: an ASMO with sites and miners, a trading house, a refiner. */
export interface BenchWorld {
  orp: Orpaille;
  house: Organisation;
  asmo: Organisation;
  siteUris: string[];
  minerUris: string[];
}

export const BENCH_NOW = '2026-11-30T12:00:00.000Z';

export async function benchWorld(config: { databaseUrl?: string; sqlitePath?: string; redFlagsOnCapture?: boolean }): Promise<BenchWorld> {
  const orp = await openOrpaille({ ...config, clock: fixedClock(BENCH_NOW) });
  const asmo = makeOrganisation({ id: 'asmo', name: 'Bench ASMO', roles: ['producer'], country: 'CD', companyPrefix: '6150001' });
  const house = makeOrganisation({ id: 'house', name: 'Bench trading house', roles: ['trading_house', 'refiner'], country: 'CD', companyPrefix: '6150002' });
  for (const o of [asmo, house]) await orp.addOrganisation(o, createHash('sha256').update(`bench:${o.id}`).digest());
  const sites = Array.from({ length: 20 }, (_, k) =>
    makeSite(asmo, k + 1, {
      id: `site-${k + 1}`,
      name: `Site ${k + 1}`,
      country: 'CD',
      geometry: { type: 'Point', coordinates: [29.5 + k / 20, 1.2 + k / 40] },
      licenceType: 'artisanal',
      capacityGramsPerMonth: 3000,
    }),
  );
  await orp.registry.addSites(sites);
  const miners = Array.from({ length: 1000 }, (_, k) => makeMiner(asmo, k + 1, { displayName: `Miner ${k + 1}`, gender: k % 4 === 0 ? 'female' : 'male', birthYear: 1990, registeredOn: '2025-01-01' }));
  await orp.registry.addMiners(miners);
  return { orp, house, asmo, siteUris: sites.map((s) => s.uri), minerUris: miners.map((m) => m.uri) };
}

const T0 = Date.UTC(2025, 0, 1);

/** Production + purchase of lot number `n` by the trading house (2 events). */
export function purchasePair(w: BenchWorld, n: number, lotNumber = `P${n}`): GoldEvent[] {
  const lot = lotUri(w.house, 'dore', lotNumber);
  const eventTime = new Date(T0 + n * 1000).toISOString();
  const base = { eventTime, eventTimeZoneOffset: '+02:00', recorder: w.house.uri };
  const miner = w.minerUris[n % w.minerUris.length]!;
  return [
    {
      ...base,
      type: 'production',
      site: w.siteUris[n % w.siteUris.length]!,
      producer: w.asmo.uri,
      miner,
      lot: { lot, form: 'dore', grossMg: 1000 + (n % 20_000), fineness: 6000 + (n % 3500), cocModel: 'segregated', tag: `T${n}` },
    },
    { ...base, type: 'purchase', lots: [lot], seller: miner, buyer: w.house.uri, purchaseNumber: `PO-${n}`, price: '120.00', currency: 'USD', paymentMethod: 'cash', custodyTransferred: true },
  ];
}

/**
 * A genealogy `levels` deep: each level melts the previous level's lot with three fresh purchases.
 * Returns the events (in order) and the lot number of the final bar.
 */
export function deepGenealogy(w: BenchWorld, levels: number, startN: number): { events: GoldEvent[]; bar: string } {
  const events: GoldEvent[] = [];
  let prev: { lot: string; grossMg: number; fineness: number } | undefined;
  let n = startN;
  for (let level = 1; level <= levels; level++) {
    const inputs: { lot: string; massMg: number }[] = [];
    let fineIn = 0;
    for (let k = 0; k < 3; k++) {
      const pair = purchasePair(w, n, `G${level}-${k}-${startN}`);
      events.push(...pair);
      const lot = (pair[0] as Extract<GoldEvent, { type: 'production' }>).lot;
      inputs.push({ lot: lot.lot, massMg: lot.grossMg });
      fineIn += Math.floor((lot.grossMg * lot.fineness) / 10000);
      n++;
    }
    if (prev) {
      inputs.push({ lot: prev.lot, massMg: prev.grossMg });
      fineIn += Math.floor((prev.grossMg * prev.fineness) / 10000);
    }
    const isLast = level === levels;
    const fineness = isLast ? 9999 : 9000;
    const grossMg = Math.floor((fineIn * 0.995 * 10000) / fineness);
    const out = lotUri(w.house, isLast ? 'bar' : 'dore', `G${level}-${startN}`);
    const t: TransformEvent = {
      type: 'transform',
      eventTime: new Date(T0 + n * 1000).toISOString(),
      eventTimeZoneOffset: '+02:00',
      recorder: w.house.uri,
      operation: isLast ? 'refine' : 'melt',
      inputs,
      outputs: [{ lot: out, form: isLast ? 'bar' : 'dore', grossMg, fineness, cocModel: 'segregated' }],
    };
    events.push(t);
    prev = { lot: out, grossMg, fineness };
    n++;
  }
  return { events, bar: `G${levels}-${startN}` };
}

/** Appends `events` in transactions of `batch` events; the seconds it took (throws on the first rejected batch). */
export async function appendTimed(w: BenchWorld, events: GoldEvent[], batch = 10_000): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += batch) {
    const r = await w.orp.append(events.slice(i, i + batch));
    if (!r.committed) throw new Error(`bench batch rejected: ${JSON.stringify(r.results.find((x) => x.status !== 'accepted'))}`);
  }
  return (performance.now() - t0) / 1000;
}

/** Baseline of the ledger scans: every event row with its body, 5,000 a page in ledger order; rows read and seconds. */
export async function plainEventScan(orp: Orpaille): Promise<{ rows: number; secs: number }> {
  const t0 = performance.now();
  let rows = 0;
  for (let after = 0; ; ) {
    const page = await orp.incidents.goldBodies(after, 5000);
    if (page.lastSeq === undefined) break;
    rows += page.rows.length;
    after = page.lastSeq;
  }
  return { rows, secs: (performance.now() - t0) / 1000 };
}

/** How a bench section prints a figure, and how it gets a fresh empty database (bench/run.ts). */
export type Line = (label: string, value: string) => void;
export type Fresh = () => Promise<{ config: { databaseUrl?: string; sqlitePath?: string }; drop(): Promise<void> }>;

/** Production + purchase pairs (purchasePair) up to `count` events. */
export function purchaseEvents(w: BenchWorld, count: number): GoldEvent[] {
  const events: GoldEvent[] = [];
  for (let n = 0; events.length < count; n++) events.push(...purchasePair(w, n));
  return events;
}
