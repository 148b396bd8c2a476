import { step5Report } from '../src/reporting/step5.js';
import { appendTimed, BENCH_NOW, benchWorld, plainEventScan, purchaseEvents, type Fresh, type Line } from './ledger.js';

/**
 * The OECD Step 5 report (HTML) of the trading house over a ledger of `count` events (production + purchase
 * pairs: every lot is in its supply, like the demo's exporter), against a plain full scan of the events table
 * (every row's body, in pages): the report reads indexed columns, so it should stay a fraction of the scan.
 */
export async function step5Bench(count: number, fresh: Fresh, line: Line): Promise<void> {
  const h = await fresh();
  const w = await benchWorld({ ...h.config, redFlagsOnCapture: false });
  const events = purchaseEvents(w, count);
  await appendTimed(w, events);
  const year = new Date(events[0]!.eventTime).getUTCFullYear();
  const t0 = performance.now();
  const report = await step5Report(w.orp, { org: w.house.id, year, format: 'html', generatedAt: BENCH_NOW });
  const reportSecs = (performance.now() - t0) / 1000;
  // Baseline: every event row with its body, in pages, in ledger order.
  const { rows, secs: scanSecs } = await plainEventScan(w.orp);
  await w.orp.close();
  await h.drop();
  line(`OECD Step 5 report of the buyer of ${report.report.figures.lots} lots (${events.length} events)`, `${reportSecs.toFixed(2)} s (target < 2 s on the demo)`);
  line(`baseline: plain full scan of the ${rows} event rows`, `${scanSecs.toFixed(2)} s (report = ${(reportSecs / scanSecs).toFixed(2)}x)`);
}
