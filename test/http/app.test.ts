import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/index.js';
import { testStores } from '../support/stores.js';
import { authHeaders } from '../support/auth.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

describe.each(testStores)('lots and traces over HTTP on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  let headers: { authorization: string };
  const get = (url: string) => app.inject({ method: 'GET', url, headers });
  beforeAll(async () => {
    w = await makeWorld(store);
    await appendOk(w, [...w.buy('A', { grams: 10, fineness: 800 }), ...w.buy('B', { grams: 30, fineness: 800, site: 1 })]);
    app = await buildApp(w.orp);
    headers = await authHeaders(w.orp, 'house', 'viewer');
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  it('reports health with the store kind, without credentials and without the ledger size', async () => {
    const r = await app.inject({ method: 'GET', url: '/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', database: store.name });
  });

  it('lists lots held by an organisation, filtered by form', async () => {
    const r = await get('/lots?org=house&form=dore');
    expect(r.statusCode).toBe(200);
    expect(r.json().lots.map((l: { lotNumber: string; fineGoldGrams: string }) => [l.lotNumber, l.fineGoldGrams])).toEqual([
      ['A', '8.000'],
      ['B', '24.000'],
    ]);
  });

  it('rejects unknown query parameters and values with a coded 400', async () => {
    for (const url of ['/lots?colour=red', '/lots?form=nugget', '/lots?limit=0', '/lots/A/trace?direction=sideways']) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.json().code, url).toBe('ORP_BAD_INPUT');
    }
  });

  it('shows a lot by number or URI and 404s an unknown one', async () => {
    const byNumber = await get('/lots/A');
    expect(byNumber.json()).toMatchObject({ lotNumber: 'A', heldGrams: '10.000', fineness: '800.0', custodian: w.house.uri });
    const byUri = await get(`/lots/${encodeURIComponent(w.lot(w.house, 'dore', 'A'))}`);
    expect(byUri.json().lotNumber).toBe('A');
    const missing = await get('/lots/ZZZ');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ORP_NOT_FOUND');
  });

  it("serves a lot's events as an EPCIS 2.0 document", async () => {
    const r = await get('/lots/A/events');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/ld+json');
    const doc = r.json();
    expect(doc.type).toBe('EPCISDocument');
    expect(doc.epcisBody.eventList.map((e: { type: string; bizStep: string }) => [e.type, e.bizStep])).toEqual([
      ['ObjectEvent', 'commissioning'],
      ['TransactionEvent', 'accepting'],
    ]);
  });

  it('traces backward to sites and forward from a site', async () => {
    const back = await get('/lots/B/trace?direction=backward');
    expect(back.json().origins).toMatchObject([{ site: w.sites[1]!.uri, sharePercent: 100, fineGoldGrams: '24.000' }]);
    const fwd = await get('/sites/site-1/trace');
    expect(fwd.json().descendants).toEqual([{ lot: w.lot(w.house, 'dore', 'A'), depth: 0, form: 'dore' }]);
  });
});
