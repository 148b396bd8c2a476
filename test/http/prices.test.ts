import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapPlatformAdmin } from '../../src/accounts/index.js';
import { buildApp } from '../../src/http/index.js';
import { authHeaders } from '../support/auth.js';
import { platformAdminHeaders } from '../support/http-world.js';
import { makeAccessWorld } from '../support/access-world.js';
import { testStores } from '../support/stores.js';
import type { World } from '../support/world.js';

const LBMA = 'date,USD (AM),USD (PM)\n2026-03-02,2001.50,2000.00\n2026-03-06,2010.00,2012.25\n2026-03-24,2100.50,\n';

describe.each(testStores)('prices, assays and settlements over HTTP on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  let platform: Record<string, string>;
  let house: Record<string, string>;
  let refiner: Record<string, string>;
  let exporter: Record<string, string>;
  let houseAdmin: Record<string, string>;
  const csv = (headers: Record<string, string>, payload: string, query = '') =>
    app.inject({ method: 'POST', url: `/prices/import${query}`, headers: { ...headers, 'content-type': 'text/csv' }, payload });
  const post = (url: string, headers: Record<string, string>, payload: object) => app.inject({ method: 'POST', url, headers, payload });

  beforeAll(async () => {
    w = await makeAccessWorld(store);
    const password = (await bootstrapPlatformAdmin(w.orp))!.password;
    app = await buildApp(w.orp, { rateLimit: false });
    platform = await platformAdminHeaders(w.orp, app, password);
    house = await authHeaders(w.orp, 'house', 'operator');
    houseAdmin = await authHeaders(w.orp, 'house', 'admin');
    refiner = await authHeaders(w.orp, 'refiner', 'operator');
    exporter = await authHeaders(w.orp, 'exporter', 'admin');
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  describe('benchmark prices', () => {
    it('lets only the platform administrator import prices, which every organisation shares', async () => {
      const denied = await csv(houseAdmin, LBMA);
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('ORP_FORBIDDEN');
      const r = await csv(platform, LBMA, '?name=lbma.csv');
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ format: 'daily', added: 3, updated: 0 });
    });

    it('writes nothing from a file with a bad line and names the line', async () => {
      const r = await csv(platform, 'date,AM,PM\n2026-04-01,2200,2201\n2026-04-02,2200,abc\n');
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'ORP_IMPORT_INVALID', details: { problems: [{ line: 3 }] } });
      expect((await app.inject({ method: 'GET', url: '/prices/gold?date=2026-04-01', headers: house })).json().applies).toBeNull();
    });

    it('states which price applies on a date: the PM fixing, an earlier fixing on a weekend, the AM price on a half day', async () => {
      const get = async (d: string) => (await app.inject({ method: 'GET', url: `/prices/gold?date=${d}`, headers: house })).json();
      expect((await get('2026-03-06')).applies).toMatchObject({ kind: 'pm_fixing', date: '2026-03-06', value: '2012.25' });
      expect((await get('2026-03-08')).applies).toMatchObject({ kind: 'earlier_fixing', date: '2026-03-06', value: '2012.25', rule: { rule: 'prices.fixing_lookback' } });
      expect((await get('2026-03-24')).applies).toMatchObject({ kind: 'am_fixing', value: '2100.5' });
    });

    it('quotes the minimum price and premium at a given LBMA price, or at the imported price of the date', async () => {
      const given = await post('/prices/quote', house, { scheme: 'fairmined-eco', grams: '1000', fineness: '850.0', benchmarkUsdPerOz: '2000', date: '2026-03-06' });
      expect(given.statusCode).toBe(200);
      expect(given.json()).toMatchObject({ fineGrams: '850.000', minimumPrice: '51923.46', premium: '5100.00', price: { kind: 'given', value: '2000' } });
      const imported = await post('/prices/quote', house, { scheme: 'fairtrade', grams: '1000', fineness: '850.0', date: '2026-03-02' });
      expect(imported.json()).toMatchObject({ benchmarkUsdPerOz: '2000', minimumPrice: '51923.46', premium: '1700.00', price: { kind: 'pm_fixing', date: '2026-03-02' } });
      const none = await post('/prices/quote', house, { scheme: 'fairtrade', grams: '1000', fineness: '850.0', date: '2025-01-15' });
      expect(none.statusCode).toBe(422);
      expect(none.json().code).toBe('ORP_NO_PRICE');
    });
  });

  describe('assay exchange and settlement', () => {
    let exchange: string;

    it('opens an exchange for a lot the seller sees, and lets each party record only its own assay', async () => {
      const opened = await post('/assays', house, { lot: 'B', seller: 'house', buyer: 'refiner' });
      expect(opened.statusCode).toBe(201);
      exchange = opened.json().id;
      const assay = { method: 'fire_assay', lab: 'Lab', sampleIds: ['S1'], date: '2026-03-06' };
      const wrong = await post(`/assays/${exchange}/results`, house, { ...assay, role: 'buyer', fineness: '800.0' });
      expect(wrong.statusCode).toBe(403);
      expect((await post(`/assays/${exchange}/results`, house, { ...assay, role: 'seller', fineness: '800.4' })).statusCode).toBe(200);
      // The refiner is not granted sight of the house's lots, but it is the buyer of this exchange.
      expect((await post(`/assays/${exchange}/results`, refiner, { ...assay, role: 'buyer', fineness: '799.9' })).statusCode).toBe(200);
      const again = await post(`/assays/${exchange}/results`, refiner, { ...assay, role: 'buyer', fineness: '799.0' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('ORP_ASSAY_EXISTS');
    });

    it('reconciles to the mean within the splitting limit and stores it', async () => {
      const r = await post(`/assays/${exchange}/reconcile`, refiner, {});
      expect(r.statusCode).toBe(200);
      expect(r.json().reconciliation).toMatchObject({ status: 'final', basis: 'mean', fineness: 8001, difference: 5, splittingLimit: 5 });
      expect((await app.inject({ method: 'GET', url: `/assays/${exchange}`, headers: house })).json().reconciliation.fineness).toBe(8001);
    });

    it('hides an exchange from an organisation that is neither its seller nor its buyer', async () => {
      expect((await app.inject({ method: 'GET', url: `/assays/${exchange}`, headers: exporter })).statusCode).toBe(404);
    });

    it('computes and stores a statement with the final assay, the price of the pricing date and the rule versions', async () => {
      const r = await post('/settlements', house, {
        lot: 'B',
        seller: 'house',
        buyer: 'refiner',
        netMeltGrams: '29.5',
        assayExchange: exchange,
        payablePercent: '99',
        pricingDate: '2026-03-07',
        charges: [{ kind: 'refining', perPayableTroyOunce: '1.00' }, { kind: 'assay', amount: '10' }],
      });
      expect(r.statusCode).toBe(201);
      const s = r.json();
      // 29.5 g at 800.1 = 23.602 g fine; 99 % = 23.365 g payable = 0.751 ozt at 2012.25 (the 6 March fixing, a Saturday's price).
      expect(s.result).toMatchObject({ fineGoldGrams: '23.602', payableGoldGrams: '23.365', benchmark: { kind: 'earlier_fixing', date: '2026-03-06', usdPerTroyOz: '2012.25' } });
      expect(s.input.assay).toEqual({ basis: 'mean', exchange });
      expect(s.rules.map((x: { rule: string }) => x.rule)).toEqual(['assay.splitting_limit', 'prices.fixing_lookback']);
      const stored = await app.inject({ method: 'GET', url: `/settlements/${s.id}`, headers: refiner });
      expect(stored.json()).toEqual(s);
      expect((await app.inject({ method: 'GET', url: `/settlements/${s.id}`, headers: exporter })).statusCode).toBe(404);
    });

    it('refuses a settlement for a lot the caller cannot see, and one made by neither party', async () => {
      const body = { lot: 'B', seller: 'house', buyer: 'refiner', netMeltGrams: '29.5', fineness: '800.0', payablePercent: '99', pricingDate: '2026-03-06' };
      expect((await post('/settlements', exporter, body)).statusCode).toBe(404);
      const other = await post('/settlements', houseAdmin, { ...body, seller: 'exporter' });
      expect(other.statusCode).toBe(403);
    });
  });
});
