import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/index.js';
import { authHeaders } from '../support/auth.js';
import { testStores } from '../support/stores.js';
import { startReceiver, type Receiver } from './receiver.js';
import { subsWorld, type SubsWorld } from './setup.js';

const BASE = '/queries/SimpleEventQuery/subscriptions';
const TOKEN = '13df38d8275b13f05704629e5f1cf3d45d6132d5';

describe.each(testStores)('subscriptions over HTTP on $name', (store) => {
  let w: SubsWorld;
  let app: FastifyInstance;
  let hook: Receiver;
  let operator: { authorization: string };
  let viewer: { authorization: string };
  let refiner: { authorization: string };
  const create = (body: unknown, headers = operator, url = BASE) => app.inject({ method: 'POST', url, headers, payload: body as object });

  beforeAll(async () => {
    w = await subsWorld(store);
    hook = await startReceiver();
    app = await buildApp(w.orp, { rateLimit: false });
    operator = await authHeaders(w.orp, 'house', 'operator');
    viewer = await authHeaders(w.orp, 'house', 'viewer');
    refiner = await authHeaders(w.orp, 'refiner', 'admin');
  });
  afterAll(async () => {
    await app.close();
    await hook.close();
    await w.cleanup();
  });

  it('subscribes a webhook (201 with Location), shows it without its secret, lists it and unsubscribes it', async () => {
    const r = await create({ dest: hook.url, signatureToken: TOKEN, stream: true, query: { EQ_bizStep: ['shipping'] } });
    expect(r.statusCode).toBe(201);
    const s = r.json();
    expect(r.headers['location']).toBe(`${BASE}/${s.subscriptionID}`);
    expect(s).toMatchObject({ queryName: 'SimpleEventQuery', dest: hook.url, stream: true, query: { EQ_bizStep: ['shipping'] }, signed: true, status: 'active', failedAttempts: 0 });
    expect(r.body).not.toContain(TOKEN);

    const one = await app.inject({ method: 'GET', url: r.headers['location'] as string, headers: viewer });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(s);
    const list = await app.inject({ method: 'GET', url: BASE, headers: viewer });
    expect(list.json().map((x: { subscriptionID: string }) => x.subscriptionID)).toContain(s.subscriptionID);

    const del = await app.inject({ method: 'DELETE', url: r.headers['location'] as string, headers: operator });
    expect(del.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: r.headers['location'] as string, headers: viewer })).statusCode).toBe(404);
  });

  it('rejects bad subscription input with 400 ORP_BAD_INPUT naming the field', async () => {
    const cases: [unknown, string, string?][] = [
      [{ stream: true, query: {} }, 'dest'],
      [{ dest: 'mailto:ops@example.com', stream: true, query: {} }, 'dest'],
      [{ dest: hook.url, query: {} }, 'stream'],
      [{ dest: hook.url, stream: 'true', query: {} }, 'stream'],
      [{ dest: hook.url, schedule: { minute: '61' }, query: {} }, 'schedule.minute'],
      [{ dest: hook.url, stream: true, signatureToken: 'abc', query: {} }, 'signatureToken'],
      [{ dest: hook.url, stream: true, initialRecordTime: 'last week', query: {} }, 'initialRecordTime'],
      [{ dest: hook.url, stream: true, query: {}, webhook: 'x' }, 'webhook'],
      [{ dest: hook.url, stream: true }, 'query'],
      [{ dest: hook.url, stream: true, query: { EQ_colour: ['red'] } }, 'query.EQ_colour', 'ORP_EPCIS_QUERY_INVALID'],
      [{ dest: hook.url, stream: true, query: { GE_eventTime: 'soon' } }, 'query.GE_eventTime', 'ORP_EPCIS_QUERY_INVALID'],
    ];
    for (const [body, field, code] of cases) {
      const r = await create(body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json(), JSON.stringify(body)).toMatchObject({ code: code ?? 'ORP_BAD_INPUT', details: { field } });
    }
  });

  it('lets viewers read but only operators and admins subscribe, unsubscribe and resume; refuses the unauthenticated', async () => {
    const denied = await create({ dest: hook.url, stream: true, query: {} }, viewer);
    expect(denied.statusCode).toBe(403);
    const s = (await create({ dest: hook.url, stream: true, query: {} })).json();
    const url = `${BASE}/${s.subscriptionID}`;
    expect((await app.inject({ method: 'DELETE', url, headers: viewer })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `${url}/resume`, headers: viewer })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: BASE, payload: { dest: hook.url, stream: true, query: {} } })).statusCode).toBe(401);
  });

  it("answers 404 for another organisation's subscription, as for one that does not exist, and under another query name", async () => {
    const s = (await create({ dest: hook.url, stream: true, query: {} })).json();
    const url = `${BASE}/${s.subscriptionID}`;
    for (const [method, u] of [['GET', url], ['DELETE', url], ['POST', `${url}/resume`]] as const) {
      const r = await app.inject({ method, url: u, headers: refiner });
      expect(r.statusCode, `${method} ${u}`).toBe(404);
      expect(r.json().code).toBe('ORP_NOT_FOUND');
    }
    expect((await app.inject({ method: 'GET', url: BASE, headers: refiner })).json()).toEqual([]);
    expect((await app.inject({ method: 'GET', url: `/queries/Other/subscriptions/${s.subscriptionID}`, headers: operator })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `${BASE}/${s.subscriptionID}`, headers: operator })).statusCode).toBe(200);
  });

  it('answers 404 when subscribing to, or listing the subscriptions of, a named query the organisation does not have', async () => {
    const r = await create({ dest: hook.url, stream: true }, operator, '/queries/NoSuchQuery/subscriptions');
    expect(r.statusCode).toBe(404);
    expect(r.json().details).toEqual({ queryName: 'NoSuchQuery' });
    expect((await app.inject({ method: 'GET', url: '/queries/NoSuchQuery/subscriptions', headers: viewer })).statusCode).toBe(404);
  });

  it('pages the list with perPage and a Link to the next page', async () => {
    const url = '/queries/SimpleEventQuery/subscriptions';
    for (let i = 0; i < 3; i++) {
      w.clock.set(new Date(w.clock.now().getTime() + 1));
      await create({ dest: `${hook.url}?page=${i}`, stream: true, query: {} }, refiner);
    }
    const first = await app.inject({ method: 'GET', url: `${url}?perPage=2`, headers: refiner });
    expect(first.json()).toHaveLength(2);
    const next = /^<([^>]+)>; rel="next"$/.exec(first.headers['link'] as string)![1]!;
    const second = await app.inject({ method: 'GET', url: next, headers: refiner });
    expect(second.json().map((s: { dest: string }) => s.dest)).toEqual([`${hook.url}?page=2`]);
    expect(second.headers['link']).toBeUndefined();
    expect((await app.inject({ method: 'GET', url: `${url}?nextPageToken=garbage`, headers: refiner })).json()).toMatchObject({ details: { field: 'nextPageToken' } });
  });

  it('resumes a paused subscription over HTTP', async () => {
    hook.answer = () => 500;
    const s = (await create({ dest: hook.url, stream: true, query: {} })).json();
    const url = `${BASE}/${s.subscriptionID}`;
    await w.capture(1);
    for (let i = 0; i < 100; i++) {
      if ((await w.orp.subscriptions.worker.runOnce()).paused > 0) break;
      w.clock.set(new Date((await w.orp.subscriptions.get('house', s.subscriptionID)).dueAt));
    }
    const paused = (await app.inject({ method: 'GET', url, headers: viewer })).json();
    expect(paused).toMatchObject({ status: 'paused', lastError: 'HTTP 500' });
    expect(paused.pausedReason).toMatch(/failed since/);
    expect(typeof paused.pausedSince).toBe('string');
    hook.answer = () => 200;
    const resumed = await app.inject({ method: 'POST', url: `${url}/resume`, headers: operator });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({ status: 'active', failedAttempts: 0 });
    expect(resumed.json().pausedReason).toBeUndefined();
  });
});
