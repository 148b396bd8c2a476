import { appendTimed, benchWorld, plainEventScan, purchaseEvents, type Fresh, type Line } from './ledger.js';

/**
 * The red-flag engine over `count` events (production + cash purchase pairs at 20 sites, which run
 * over their capacity): the cost it adds to capture (same events captured with and without the
 * on-capture scan), and the on-demand scan of the whole ledger against a plain read of the same rows.
 */
export async function redFlagBench(count: number, fresh: Fresh, line: Line): Promise<void> {
  const h1 = await fresh();
  const plain = await benchWorld({ ...h1.config, redFlagsOnCapture: false });
  const events = purchaseEvents(plain, count);
  const withoutSecs = await appendTimed(plain, events);

  // The on-demand scan of the whole ledger (it raises every incident: none were raised at capture).
  const t0 = performance.now();
  const report = await plain.orp.redFlags.scan();
  const scanSecs = (performance.now() - t0) / 1000;
  // Baseline: a plain read of the same event rows, in the same pages.
  const { rows, secs: readSecs } = await plainEventScan(plain.orp);
  await plain.orp.close();
  await h1.drop();

  const h2 = await fresh();
  const flagged = await benchWorld(h2.config);
  const withSecs = await appendTimed(flagged, events);
  const raised = (await flagged.orp.incidents.list({ limit: 1 })).total;
  await flagged.orp.close();
  await h2.drop();

  line(`red-flag scan of the whole ledger (${report.events} events, ${report.hits} hits)`, `${scanSecs.toFixed(2)} s (target < 10 s)`);
  line(`baseline: plain read of the same ${rows} event rows`, `${readSecs.toFixed(2)} s (scan = ${(scanSecs / readSecs).toFixed(1)}x)`);
  line(`capture of the same events with the on-capture scan`, `${Math.round(events.length / withSecs)} events/s (${raised} incidents raised)`);
  line(`baseline: the same capture without it`, `${Math.round(events.length / withoutSecs)} events/s (ratio ${(withoutSecs / withSecs).toFixed(2)})`);
}
