import { captureEntry } from '../../src/ledger/index.js';
import { fixedClock } from '../../src/kernel/index.js';
import { openOrpaille, type Orpaille } from '../../src/orpaille.js';
import type { DeliveryRules } from '../../src/subscriptions/index.js';
import type { TestStore } from '../support/stores.js';
import { makeWorld, NOW, type World } from '../support/world.js';
import { fakeTimers, type FakeTimers } from './fake-timers.js';

/** Small batches and short, round backoff so that tests step through retries. */
export const TEST_DELIVERY: Partial<DeliveryRules> = {
  maxEventsPerPost: 3,
  requestTimeoutMs: 5000,
  backoff: { initialMs: 1000, factor: 2, maxMs: 3_600_000 },
  pauseAfterMs: 86_400_000,
  pollMs: 1000,
};

export interface SubsWorld extends World {
  clock: ReturnType<typeof fixedClock>;
  timers: FakeTimers;
  /** Closes the Orpaille instance and opens a new one on the same database (a restart). */
  restart(): Promise<Orpaille>;
  /** Captures plain EPCIS events recorded by `org` (default the trading house); returns their event ids in ledger order. */
  capture(n: number, org?: { uri: string }): Promise<string[]>;
}

let serial = 0;

/** A world whose Orpaille runs on a test clock and fake timers, with the test delivery rules. */
export async function subsWorld(store: TestStore, delivery: Partial<DeliveryRules> = {}): Promise<SubsWorld> {
  const w = (await makeWorld(store)) as SubsWorld;
  await w.orp.close();
  w.clock = fixedClock(NOW);
  w.timers = fakeTimers(w.clock);
  const open = () => openOrpaille({ ...w.config, clock: w.clock, timers: w.timers, delivery: { ...TEST_DELIVERY, ...delivery } });
  w.orp = await open();
  w.restart = async () => {
    await w.orp.close();
    w.orp = await open();
    return w.orp;
  };
  w.capture = async (n, org = w.house) => {
    const entries = Array.from({ length: n }, () => {
      serial++;
      return captureEntry(
        {
          type: 'ObjectEvent',
          eventTime: w.at(2, 8),
          eventTimeZoneOffset: '+01:00',
          epcList: [`https://id.gs1.org/01/09521234543213/21/${serial}`],
          action: 'OBSERVE',
          bizStep: serial % 2 === 0 ? 'shipping' : 'receiving',
          readPoint: { id: 'https://id.gs1.org/414/9521234500008' },
        },
        org.uri,
      );
    });
    const r = await w.orp.append(entries);
    if (!r.committed) throw new Error(`capture rejected: ${JSON.stringify(r.results)}`);
    return r.results.map((x) => x.eventId!);
  };
  return w;
}
