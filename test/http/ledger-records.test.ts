import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/index.js';
import type { LedgerRecord } from '../../src/ledger/index.js';
import { authHeaders } from '../support/auth.js';
import { makeAccessWorld } from '../support/access-world.js';
import { testStores } from '../support/stores.js';
import type { World } from '../support/world.js';

/*
 * GET /ledger/records/{seq}: one record with its event, scoped like the events. The access world: the house
 * buys lots A and B and ships A to the exporter, so the exporter is a party to A's shipping alone.
 */
describe.each(testStores)('a ledger record by its number on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  const h: Record<string, { authorization: string }> = {};
  let aEvents: LedgerRecord[];
  const get = (who: string, seq: number | string) => app.inject({ method: 'GET', url: `/ledger/records/${seq}`, headers: h[who]! });

  beforeAll(async () => {
    w = await makeAccessWorld(store);
    app = await buildApp(w.orp, { rateLimit: false });
    for (const org of ['house', 'exporter', 'refiner']) h[org] = await authHeaders(w.orp, org, 'viewer');
    aEvents = await w.orp.visibility.lotEvents(w.lot(w.house, 'dore', 'A'), [w.house.uri]);
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  it("answers a record of the caller's own events with its number, hash, record time and event as stored", async () => {
    expect(aEvents.length).toBeGreaterThan(1);
    for (const r of aEvents) {
      const res = await get('house', r.seq);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ seq: r.seq, eventId: r.eventId, eventType: r.eventType, recordTime: new Date(r.recordTime).toISOString(), event: JSON.parse(r.body) });
    }
  });

  it('answers a party to an event that event, and 404 for the events of the same lot it is no party to', async () => {
    const shipping = aEvents.find((r) => r.bizStep?.endsWith('shipping'))!;
    expect((await get('exporter', shipping.seq)).json().event.bizStep).toBe(JSON.parse(shipping.body).bizStep);
    for (const r of aEvents.filter((x) => x.seq !== shipping.seq)) {
      const res = await get('exporter', r.seq);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('ORP_NOT_FOUND');
      expect(res.body).not.toContain(w.house.uri);
    }
  });

  it("answers an organisation that is party to none of a lot's events exactly as for a record that does not exist", async () => {
    const hidden = await get('refiner', aEvents[0]!.seq);
    const last = Math.max(...(await w.orp.visibility.eventsBetween([w.house.uri, w.exporter.uri], undefined, undefined, 0, 1000)).map((r) => r.seq));
    const missing = await get('house', last + 1000);
    expect([hidden.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect(Object.keys(hidden.json()).sort()).toEqual(Object.keys(missing.json()).sort());
    expect([hidden.json().code, missing.json().code]).toEqual(['ORP_NOT_FOUND', 'ORP_NOT_FOUND']);
  });

  it('refuses a number that is not a record number with ORP_BAD_INPUT', async () => {
    for (const bad of ['abc', '0', '-3', '1.5']) {
      const res = await get('house', bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().code, bad).toBe('ORP_BAD_INPUT');
    }
  });
});
