import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toEpcis } from '../../src/custody/index.js';
import { captureEntry, goldOf, pendingCaptureEntry } from '../../src/ledger/index.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

/** A plain EPCIS event with nothing gold about it (a GS1 example shape). */
function plainEvent(at: string, eventID?: string): Record<string, unknown> {
  return {
    type: 'ObjectEvent',
    eventTime: at,
    eventTimeZoneOffset: '+01:00',
    epcList: ['https://id.gs1.org/01/09521234543213/21/1001'],
    action: 'OBSERVE',
    bizStep: 'shipping',
    disposition: 'in_transit',
    readPoint: { id: 'https://id.gs1.org/414/9521234500008' },
    'example:note': 'first pallet',
    '@context': [{ example: 'https://ns.example.com/epcis/' }],
    ...(eventID ? { eventID } : {}),
  };
}

describe.each(testStores)('captured EPCIS events on $name', (store) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(store);
  });
  afterEach(async () => {
    await w.cleanup();
  });

  it('records a plain EPCIS event as captured, with its eventID, without touching any lot', async () => {
    const before = await w.orp.registry.counts();
    const r = await w.orp.append([captureEntry(plainEvent(w.at(2), 'urn:uuid:7c0d5a4e-1111-4c3e-9a6b-2f6b5c3d4e01'), w.house.uri)]);
    expect(r.committed).toBe(true);
    expect(r.results[0]).toMatchObject({ status: 'accepted', eventId: expect.stringMatching(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/) });
    const after = await w.orp.registry.counts();
    expect(after.events).toBe(before.events + 1);
    expect(after.lots).toBe(before.lots);
    expect((await w.orp.verify()).ok).toBe(true);
  });

  it('treats the same event captured again under another eventID as a duplicate (the hash ignores eventID)', async () => {
    await w.orp.append([captureEntry(plainEvent(w.at(2), 'urn:uuid:7c0d5a4e-1111-4c3e-9a6b-2f6b5c3d4e01'), w.house.uri)]);
    const r = await w.orp.append([captureEntry(plainEvent(w.at(2), 'urn:uuid:7c0d5a4e-2222-4c3e-9a6b-2f6b5c3d4e01'), w.house.uri)]);
    expect(r.results[0]!.status).toBe('duplicate');
  });

  it('applies the custody rules to a captured gold event: spending a lot twice is rejected with the rule code', async () => {
    await appendOk(w, w.buy('A', { grams: 10, fineness: 800 }));
    const lot = w.lot(w.house, 'dore', 'A');
    const consume = (reason: string) => toEpcis({ type: 'consume', eventTime: w.at(6), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lot, reason });
    const first = await w.orp.append([captureEntry(consume('sample'), w.house.uri)]);
    expect(first.committed).toBe(true);
    const second = await w.orp.append([captureEntry(consume('sample again'), w.house.uri)]);
    expect(second.committed).toBe(false);
    expect(second.results[0]!.error!.code).toBe('ORP_LOT_CLOSED');
  });

  it('rejects a captured gold event that names another organisation as its recorder', async () => {
    await appendOk(w, w.buy('A', { grams: 10, fineness: 800 }));
    const lot = w.lot(w.house, 'dore', 'A');
    const ev = toEpcis({ type: 'consume', eventTime: w.at(6), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lot, reason: 'sample' });
    const r = await w.orp.append([captureEntry(ev, w.refiner.uri)]);
    expect(r.committed).toBe(false);
    expect(r.results[0]!.error).toMatchObject({ code: 'ORP_RECORDER_MISMATCH', details: { named: w.house.uri, recorder: w.refiner.uri } });
  });

  it('refuses an event that uses the gold extension but is not a well-formed gold event', () => {
    const ev = { ...plainEvent(w.at(2)), 'gold:price': '12.00' };
    expect(() => captureEntry(ev, w.house.uri)).toThrow(expect.objectContaining({ code: 'ORP_EPCIS_INVALID' }));
  });

  it('makes a pending gold reading where the event is prepared, and rejects a malformed one with nothing of its batch written', async () => {
    const before = await w.orp.registry.counts();
    const bad = { ...plainEvent(w.at(2)), 'gold:price': '12.00' };
    const r = await w.orp.append([pendingCaptureEntry(plainEvent(w.at(1)), w.house.uri), pendingCaptureEntry(bad, w.house.uri)]);
    expect(r.committed).toBe(false);
    expect(r.results.map((x) => x.status)).toEqual(['rolled_back', 'rejected']);
    expect(r.results[1]!.error).toMatchObject({ code: 'ORP_EPCIS_INVALID' });
    expect(await w.orp.registry.counts()).toEqual(before);
  });

  it('applies the custody rules to pending gold readings: a lot spent twice in one batch is refused', async () => {
    await appendOk(w, w.buy('A', { grams: 10, fineness: 800 }));
    const lot = w.lot(w.house, 'dore', 'A');
    const consume = (reason: string) => toEpcis({ type: 'consume', eventTime: w.at(6), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lot, reason });
    const r = await w.orp.append([pendingCaptureEntry(consume('sample'), w.house.uri), pendingCaptureEntry(consume('sample again'), w.house.uri)]);
    expect(r.committed).toBe(false);
    expect(r.results.map((x) => x.status)).toEqual(['rolled_back', 'rejected']);
    expect(r.results[1]!.error!.code).toBe('ORP_LOT_CLOSED');
  });

  it('reads a captured gold event as the same gold event it was rendered from', () => {
    const [production] = w.buy('A');
    const entry = captureEntry(toEpcis(production!), w.asmo.uri);
    expect(goldOf(entry)).toEqual(production);
  });
});
