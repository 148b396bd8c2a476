import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoldEvent } from '../../src/custody/index.js';
import { testStores } from '../support/stores.js';
import { makeWorld, NOW, type World } from '../support/world.js';

/*
 * Large batches are hashed in worker threads when the compiled worker exists (dist/, built by
 * `npm test`'s pretest). This suite appends through the compiled ledger so that path is exercised,
 * and checks it gives exactly the ids the in-thread path gives.
 */
const dist = (path: string) => new URL(`../../dist/src/${path}`, import.meta.url).href;
const compiled = (await import(dist('orpaille.js'))) as typeof import('../../src/orpaille.js');
const compiledKernel = (await import(dist('kernel/index.js'))) as typeof import('../../src/kernel/index.js');
const { prepareEvent } = await import('../../src/ledger/index.js');

describe.each(testStores)('worker-prepared batches on $name', (store) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(store);
  });
  afterEach(async () => {
    await w.cleanup();
  });

  it('records the same event ids as in-thread preparation, in order, and verifies', async () => {
    const events: GoldEvent[] = [];
    for (let k = 0; k < 1600; k++) events.push(...w.buy(`W${k}`, { at: w.at(2 + (k % 20)), grams: 1 + (k % 25), fineness: 600 + (k % 350) }));
    await w.orp.close();
    const orp = await compiled.openOrpaille({ ...w.config, clock: compiledKernel.fixedClock(NOW) });
    w.orp = orp;
    const r = await orp.append(events);
    expect(r.committed).toBe(true);
    expect(r.accepted).toBe(3200);
    expect(r.results.map((x) => x.eventId)).toEqual(events.map((e) => prepareEvent(e).eventId));
    expect(r.results.map((x) => x.seq)).toEqual(events.map((_, i) => i + 1));
    expect((await orp.verify()).ok).toBe(true);
  });

  it('rolls back every chunk already written when a later chunk holds a rejected event', async () => {
    const events: GoldEvent[] = [];
    for (let k = 0; k < 1500; k++) events.push(...w.buy(`R${k}`, { at: w.at(3) }));
    events.push(...w.buy('R1', { at: w.at(4) })); // lot R1 exists: production again is refused
    await w.orp.close();
    const orp = await compiled.openOrpaille({ ...w.config, clock: compiledKernel.fixedClock(NOW) });
    w.orp = orp;
    const r = await orp.append(events);
    expect(r.committed).toBe(false);
    expect(r.results[3000]).toMatchObject({ status: 'rejected', error: { code: 'ORP_LOT_EXISTS' } });
    expect(r.results[0]!.status).toBe('rolled_back');
    expect((await orp.registry.counts()).events).toBe(0);
    expect((await orp.verify()).ok).toBe(true);
  });

  it('reads pending gold readings of captured events in the workers and judges them across chunks', async () => {
    const { toEpcis } = await import('../../src/custody/index.js');
    const compiledLedger = (await import(dist('ledger/index.js'))) as typeof import('../../src/ledger/index.js');
    const events: GoldEvent[] = [];
    for (let k = 0; k < 1200; k++) events.push(...w.buy(`C${k}`, { at: w.at(3) }));
    const lot = w.lot(w.house, 'dore', 'C7');
    const consume = (reason: string, at: number): GoldEvent => ({ type: 'consume', eventTime: w.at(at), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lot, reason });
    // C7 is consumed early in the batch (first chunk) and again at its end (a later chunk).
    const all = [...events.slice(0, 100), consume('sample', 5), ...events.slice(100), consume('sample again', 6)];
    await w.orp.close();
    const orp = await compiled.openOrpaille({ ...w.config, clock: compiledKernel.fixedClock(NOW) });
    w.orp = orp;
    const r = await orp.append(all.map((e) => compiledLedger.pendingCaptureEntry(toEpcis(e), e.recorder)), { mode: 'partial' });
    expect(r.results.at(-1)).toMatchObject({ status: 'rejected', error: { code: 'ORP_LOT_CLOSED' } });
    expect(r.accepted).toBe(all.length - 1);
    expect(r.results.slice(0, -1).map((x) => x.eventId)).toEqual(all.slice(0, -1).map((e) => prepareEvent(e).eventId));
    expect((await orp.verify()).ok).toBe(true);
  });
});
