import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCLOSABLE_FIELDS } from '../../src/access/index.js';
import { buildApp } from '../../src/http/index.js';
import { authHeaders } from '../support/auth.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

describe.each(testStores)('public verification of disclosed facts on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  let operator: { authorization: string };
  const disclose = (payload: object, headers = operator) => app.inject({ method: 'POST', url: '/disclosures', headers, payload });

  beforeAll(async () => {
    w = await makeWorld(store);
    const A = w.lot(w.house, 'dore', 'A');
    await appendOk(w, [
      ...w.buy('A', { grams: 10, fineness: 800, scheme: 'fairmined' }),
      { type: 'ship', eventTime: w.at(5), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lots: [A], from: w.house.uri, to: w.exporter.uri },
    ]);
    app = await buildApp(w.orp, { rateLimit: false });
    operator = await authHeaders(w.orp, 'house', 'operator');
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  it('shows anyone, without login, exactly the chosen facts about the lot and its origins', async () => {
    const made = await disclose({ lot: 'A', fields: ['originCountries', 'siteNames', 'forms', 'fineGold'] });
    expect(made.statusCode).toBe(201);
    const { code, url } = made.json();
    expect(code).toMatch(/^[\w-]{10}$/);
    const v = await app.inject({ method: 'GET', url });
    expect(v.statusCode).toBe(200);
    expect(v.json().facts).toEqual({
      originCountries: ['CD'],
      siteNames: [{ name: 'Site 1', sharePercent: 100 }],
      forms: ['dore'],
      fineGold: { grams: '8.000' },
    });
  });

  it('can disclose every field of the allow-list, and never a price or a miner', async () => {
    const v = await app.inject({ method: 'GET', url: (await disclose({ lot: 'A', fields: [...DISCLOSABLE_FIELDS] })).json().url });
    expect(Object.keys(v.json().facts).sort()).toEqual([...DISCLOSABLE_FIELDS].sort());
    expect(v.json().facts).toMatchObject({ certificationScheme: 'fairmined', cocModel: 'segregated', custodianNames: [w.house.name], dates: { producedFrom: '2026-03-02', lotCreated: '2026-03-02' } });
    for (const secret of ['800.00', 'USD', 'cash', w.miners[0]!.uri, 'Miner 1', w.house.uri]) expect(v.body).not.toContain(secret);
  });

  it('rejects miner names, miner ids and prices with ORP_FIELD_NOT_DISCLOSABLE', async () => {
    for (const field of ['minerNames', 'minerIds', 'prices', 'price']) {
      const r = await disclose({ lot: 'A', fields: ['forms', field] });
      expect(r.statusCode, field).toBe(422);
      expect(r.json()).toMatchObject({ code: 'ORP_FIELD_NOT_DISCLOSABLE', details: { field } });
      expect(r.json().message).toContain('can never be disclosed');
    }
    expect((await disclose({ lot: 'A', fields: ['colour'] })).json().code).toBe('ORP_FIELD_NOT_DISCLOSABLE');
  });

  it('answers 404 to an unknown or withdrawn code', async () => {
    expect((await app.inject({ method: 'GET', url: '/v/nosuchcode' })).statusCode).toBe(404);
    const { code, url } = (await disclose({ lot: 'A', fields: ['forms'] })).json();
    expect((await app.inject({ method: 'DELETE', url: `/disclosures/${code}`, headers: operator })).json().revokedAt).toBeDefined();
    const gone = await app.inject({ method: 'GET', url });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('ORP_NOT_FOUND');
  });

  it('lets only the owner or custodian disclose: a party that merely sees the lot is refused', async () => {
    const r = await disclose({ lot: 'A', fields: ['forms'] }, await authHeaders(w.orp, 'exporter', 'operator'));
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('ORP_FORBIDDEN');
  });

  it("lists the organisation's disclosures", async () => {
    const list = (await app.inject({ method: 'GET', url: '/disclosures', headers: operator })).json().disclosures;
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list[0]).toMatchObject({ lot: w.lot(w.house, 'dore', 'A'), fields: expect.any(Array) });
  });
});
