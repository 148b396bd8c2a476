/*
 * npm run build && node dist/bench/prepare.js [--rounds N]
 *
 * Per-event cost of the JS work that turns a gold event into a ledger row, stage by stage:
 * toEpcis (EPCIS rendering), eventHash (CBV 2.0 event hash), canonicalJson (stored bytes) and
 * prepareEvent (all three together). Runs over the ~27k events of the demo (`generateDemo(1)`),
 * one warm-up round first; the reported figure is the best of the measured rounds (µs/event).
 * A digest of every output is printed so that runs before and after a change can be compared.
 */
import { createHash } from 'node:crypto';
import { toEpcis, type GoldEvent } from '../src/custody/index.js';
import { generateDemo } from '../src/demo/index.js';
import { ORPAILLE_CONTEXT, eventHash, type EpcisEvent } from '../src/epcis/index.js';
import { canonicalJson } from '../src/kernel/index.js';
import { prepareEvent } from '../src/ledger/index.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const ROUNDS = Math.max(1, Number(args.get('rounds') ?? 3));
/** `--only eventHash` times one stage (handy under `node --cpu-prof`). */
const ONLY = args.get('only');

const events: GoldEvent[] = generateDemo(1).batches.flat();
const epcis: EpcisEvent[] = events.map(toEpcis);
const ids: string[] = epcis.map((e) => eventHash(e, ORPAILLE_CONTEXT));
const withIds = epcis.map((e, i) => ({ ...e, eventID: ids[i] }));

let sink = 0; // keeps results alive so nothing is optimised away

const allStages: Record<string, () => void> = {
  toEpcis: () => {
    for (const e of events) sink += toEpcis(e).type.length;
  },
  eventHash: () => {
    for (const e of epcis) sink += eventHash(e, ORPAILLE_CONTEXT).length;
  },
  canonicalJson: () => {
    for (const e of withIds) sink += canonicalJson(e).length;
  },
  prepareEvent: () => {
    for (const e of events) sink += prepareEvent(e).body.length;
  },
};

if (ONLY && !allStages[ONLY]) throw new Error(`--only: one of ${Object.keys(allStages).join(', ')}`);
const stages = ONLY ? { [ONLY]: allStages[ONLY]! } : allStages;

function timeUs(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1000 / events.length;
}

const counts = new Map<string, number>();
for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
console.log(`${events.length} events (${[...counts].map(([t, n]) => `${t} ${n}`).join(', ')}), node ${process.version}`);

for (const run of Object.values(stages)) run(); // warm-up
const best: Record<string, number> = {};
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, run] of Object.entries(stages)) {
    const us = timeUs(run);
    best[name] = Math.min(best[name] ?? Infinity, us);
  }
}
for (const [name, us] of Object.entries(best)) console.log(`${name.padEnd(14)} ${us.toFixed(2).padStart(8)} µs/event`);

const digest = createHash('sha256');
for (const e of events) {
  const p = prepareEvent(e);
  digest.update(p.eventId).update('\n').update(p.body).update('\n');
}
console.log(`output digest  ${digest.digest('hex')} (${sink > 0 ? 'ok' : '-'})`);
