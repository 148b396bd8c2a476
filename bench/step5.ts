import type { GoldEvent } from '../src/custody/index.js';
import { step5Report } from '../src/reporting/step5.js';
import { BENCH_NOW, benchWorld, purchasePair } from './ledger.js';

type Line = (label: string, value: string) => void;
type Fresh = () => Promise<{ config: { databaseUrl?: string; sqlitePath?: string }; drop(): Promise<void> }>;

const BATCH = 10_000;

/**
 * The OECD Step 5 report (HTML) of the trading house over a ledger of `count` events (production + purchase
 * pairs: every lot is in its supply, like the demo's exporter), against a plain full scan of the events table
 * (every row's body, in pages): the report reads indexed columns, so it should stay a fraction of the scan.
 */
export async function step5Bench(count: number, fresh: Fresh, line: Line): Promise<void> {
  const h = await fresh();
  const w = await benchWorld({ ...h.config, redFlagsOnCapture: false });
  const events: GoldEvent[] = [];
  for (let n = 0; events.length < count; n++) events.push(...purchasePair(w, n));
  for (let i = 0; i < events.length; i += BATCH) {
    const r = await w.orp.append(events.slice(i, i + BATCH));
    if (!r.committed) throw new Error(`bench batch rejected: ${JSON.stringify(r.results.find((x) => x.status !== 'accepted'))}`);
  }
  const year = new Date(events[0]!.eventTime).getUTCFullYear();
  const t0 = performance.now();
  const report = await step5Report(w.orp, { org: w.house.id, year, format: 'html', generatedAt: BENCH_NOW });
  const reportSecs = (performance.now() - t0) / 1000;
  // Baseline: every event row with its body, 5,000 a page, in ledger order.
  const t1 = performance.now();
  let rows = 0;
  for (let after = 0; ; ) {
    const page = await w.orp.incidents.goldBodies(after, 5000);
    if (page.lastSeq === undefined) break;
    rows += page.rows.length;
    after = page.lastSeq;
  }
  const scanSecs = (performance.now() - t1) / 1000;
  await w.orp.close();
  await h.drop();
  line(`OECD Step 5 report of the buyer of ${report.report.figures.lots} lots (${events.length} events)`, `${reportSecs.toFixed(2)} s (target < 2 s on the demo)`);
  line(`baseline: plain full scan of the ${rows} event rows`, `${scanSecs.toFixed(2)} s (report = ${(reportSecs / scanSecs).toFixed(2)}x)`);
}
