import type { GoldEvent } from '../src/custody/index.js';
import { benchWorld, purchasePair, type BenchWorld } from './ledger.js';

type Line = (label: string, value: string) => void;
type Fresh = () => Promise<{ config: { databaseUrl?: string; sqlitePath?: string }; drop(): Promise<void> }>;

const BATCH = 10_000;

async function build(w: BenchWorld, events: GoldEvent[]): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += BATCH) {
    const r = await w.orp.append(events.slice(i, i + BATCH));
    if (!r.committed) throw new Error(`bench batch rejected: ${JSON.stringify(r.results.find((x) => x.status !== 'accepted'))}`);
  }
  return (performance.now() - t0) / 1000;
}

/**
 * The red-flag engine over `count` events (production + cash purchase pairs at 20 sites, which run
 * over their capacity): the cost it adds to capture (same events captured with and without the
 * on-capture scan), and the on-demand scan of the whole ledger against a plain read of the same rows.
 */
export async function redFlagBench(count: number, fresh: Fresh, line: Line): Promise<void> {
  const h1 = await fresh();
  const plain = await benchWorld({ ...h1.config, redFlagsOnCapture: false });
  const events: GoldEvent[] = [];
  for (let n = 0; events.length < count; n++) events.push(...purchasePair(plain, n));
  const withoutSecs = await build(plain, events);

  // The on-demand scan of the whole ledger (it raises every incident: none were raised at capture).
  const t0 = performance.now();
  const report = await plain.orp.redFlags.scan();
  const scanSecs = (performance.now() - t0) / 1000;
  // Baseline: a plain read of the same event rows, in the same pages.
  const t1 = performance.now();
  let rows = 0;
  for (let after = 0; ; ) {
    const page = await plain.orp.incidents.goldBodies(after, 5000);
    if (page.lastSeq === undefined) break;
    rows += page.rows.length;
    after = page.lastSeq;
  }
  const readSecs = (performance.now() - t1) / 1000;
  await plain.orp.close();
  await h1.drop();

  const h2 = await fresh();
  const flagged = await benchWorld(h2.config);
  const withSecs = await build(flagged, events);
  const raised = (await flagged.orp.incidents.list({ limit: 1 })).total;
  await flagged.orp.close();
  await h2.drop();

  line(`red-flag scan of the whole ledger (${report.events} events, ${report.hits} hits)`, `${scanSecs.toFixed(2)} s (target < 10 s)`);
  line(`baseline: plain read of the same ${rows} event rows`, `${readSecs.toFixed(2)} s (scan = ${(scanSecs / readSecs).toFixed(1)}x)`);
  line(`capture of the same events with the on-capture scan`, `${Math.round(events.length / withSecs)} events/s (${raised} incidents raised)`);
  line(`baseline: the same capture without it`, `${Math.round(events.length / withoutSecs)} events/s (ratio ${(withoutSecs / withSecs).toFixed(2)})`);
}
