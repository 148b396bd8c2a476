import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsumeEvent } from '../../src/custody/index.js';
import { buildApp } from '../../src/http/index.js';
import { authHeaders } from '../support/auth.js';
import { testStores } from '../support/stores.js';
import { makeWorld, type World } from '../support/world.js';
import { finishedJob, jsonLd, postCapture } from './http-support.js';
import { jsonDocument, meltInto, plainEvent, xmlDocument } from './documents.js';

const EVENT_HASH = /^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/;

describe.each(testStores)('EPCIS capture jobs over HTTP on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  let operator: { authorization: string };
  const events = async () => (await w.orp.registry.counts()).events;
  const consume = (lot: string, reason: string): ConsumeEvent => ({ type: 'consume', eventTime: w.at(6), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lot, reason });

  beforeEach(async () => {
    w = await makeWorld(store);
    app = await buildApp(w.orp, { rateLimit: false });
    operator = await authHeaders(w.orp, 'house', 'operator');
  });
  afterEach(async () => {
    await app.close();
    await w.cleanup();
  });

  it('answers a JSON-LD capture with 202 and a job URL, then records every event with the house as recorder', async () => {
    const r = await app.inject({ method: 'POST', url: '/capture', headers: jsonLd(operator), payload: jsonDocument([plainEvent(1), plainEvent(2), ...w.buy('A')]) });
    expect(r.statusCode).toBe(202);
    expect(r.headers.location).toMatch(/^\/capture\/[0-9a-f-]{36}$/);
    const job = await finishedJob(app, operator, r.headers.location as string);
    expect(job).toMatchObject({ running: false, success: true, captureErrorBehaviour: 'rollback', errors: [], eventCount: 4, accepted: 4, rejected: 0 });
    expect(job.finishedAt).toBeDefined();
    expect(job.results.map((x: { index: number; status: string }) => [x.index, x.status])).toEqual([
      [0, 'accepted'],
      [1, 'accepted'],
      [2, 'accepted'],
      [3, 'accepted'],
    ]);
    for (const x of job.results) expect(x.eventId).toMatch(EVENT_HASH);
    expect(await events()).toBe(4);
    const recorders = await w.orp.db.kysely.selectFrom('events').select('recorder').distinct().execute();
    expect(recorders).toEqual([{ recorder: w.house.uri }]);
    expect(await w.orp.queries.lot(w.lot(w.house, 'dore', 'A'))).toMatchObject({ heldMg: 10_000 });
    expect((await w.orp.verify()).ok).toBe(true);
  });

  it('captures an XML document as the same event as its JSON-LD twin', async () => {
    const r = await app.inject({ method: 'POST', url: '/capture', headers: { ...operator, 'content-type': 'application/xml' }, payload: xmlDocument(1) });
    expect(r.statusCode).toBe(202);
    const job = await finishedJob(app, operator, r.headers.location as string);
    expect(job).toMatchObject({ running: false, success: true, accepted: 1 });
    expect(await events()).toBe(1);
    const twin = await finishedJob(app, operator, await postCapture(app, operator, jsonDocument([plainEvent(1)])));
    expect(twin.results[0]).toMatchObject({ status: 'duplicate', eventId: job.results[0].eventId });
  });

  it('writes nothing of a document with one bad event by default (rollback), and the valid events with proceed', async () => {
    const doc = jsonDocument([plainEvent(1), ...w.buy('A'), consume(w.lot(w.house, 'dore', 'nowhere'), 'sample')]);
    const rolledBack = await finishedJob(app, operator, await postCapture(app, operator, doc));
    expect(rolledBack).toMatchObject({ running: false, success: false, captureErrorBehaviour: 'rollback', accepted: 0, rejected: 1, rolledBack: 3 });
    expect(rolledBack.errors).toEqual([expect.objectContaining({ event: 3, code: 'ORP_LOT_NOT_FOUND', type: 'epcisException:ValidationException' })]);
    expect(rolledBack.results.map((x: { status: string }) => x.status)).toEqual(['rolled_back', 'rolled_back', 'rolled_back', 'rejected']);
    expect(await events()).toBe(0);

    const proceeded = await finishedJob(app, operator, await postCapture(app, operator, doc, { 'GS1-Capture-Error-Behaviour': 'proceed' }));
    expect(proceeded).toMatchObject({ running: false, success: false, captureErrorBehaviour: 'proceed', accepted: 3, rejected: 1, rolledBack: 0 });
    expect(proceeded.results[3]).toMatchObject({ index: 3, status: 'rejected', error: { code: 'ORP_LOT_NOT_FOUND' } });
    expect(await events()).toBe(3);
  });

  it('reports a document captured again as duplicates, writing nothing new', async () => {
    const doc = jsonDocument([plainEvent(1), ...w.buy('A')]);
    const first = await finishedJob(app, operator, await postCapture(app, operator, doc));
    const again = await finishedJob(app, operator, await postCapture(app, operator, doc));
    expect(again).toMatchObject({ success: true, accepted: 0, duplicates: 3 });
    expect(again.results.map((x: { eventId: string }) => x.eventId)).toEqual(first.results.map((x: { eventId: string }) => x.eventId));
    expect(await events()).toBe(3);
  });

  it('rejects a document that spends a lot twice with the custody rule’s code', async () => {
    const lot = w.lot(w.house, 'dore', 'A');
    const job = await finishedJob(app, operator, await postCapture(app, operator, jsonDocument([...w.buy('A'), consume(lot, 'sample'), consume(lot, 'sample again')])));
    expect(job.success).toBe(false);
    expect(job.errors).toEqual([expect.objectContaining({ event: 3, code: 'ORP_LOT_CLOSED', details: expect.objectContaining({ lot }) })]);
    expect(await events()).toBe(0);
  });

  it('rejects a document whose melt creates fine gold with the conservation rule’s code', async () => {
    const doc = jsonDocument([...w.buy('A', { grams: 10, fineness: 800 }), meltInto(w, 'A', 10, 'M1', 10, 850)]);
    const job = await finishedJob(app, operator, await postCapture(app, operator, doc));
    expect(job.errors).toEqual([expect.objectContaining({ event: 2, code: 'ORP_FINE_GOLD_NOT_CONSERVED' })]);
    expect(await events()).toBe(0);
  });

  it('rejects a gold event naming another organisation as its recorder', async () => {
    const refiner = await authHeaders(w.orp, 'refiner', 'operator');
    const job = await finishedJob(app, refiner, await postCapture(app, refiner, jsonDocument(w.buy('A'))));
    expect(job.errors[0]).toMatchObject({ event: 0, code: 'ORP_RECORDER_MISMATCH', details: { named: w.house.uri, recorder: w.refiner.uri } });
    expect(await events()).toBe(0);
  });

  it('fails the job of an invalid document with the codec’s problem (which event, which field), writing nothing', async () => {
    const doc = JSON.parse(jsonDocument([plainEvent(1), plainEvent(2)])) as { epcisBody: { eventList: Record<string, unknown>[] } };
    delete doc.epcisBody.eventList[1]!['eventTime'];
    const job = await finishedJob(app, operator, await postCapture(app, operator, JSON.stringify(doc)));
    expect(job).toMatchObject({ running: false, success: false, accepted: 0 });
    // The codec points at the event and names the missing field in the problem.
    expect(job.errors).toContainEqual(
      expect.objectContaining({ event: 1, code: 'ORP_EPCIS_INVALID', path: 'events[1]', detail: expect.stringContaining('missing required field "eventTime"') }),
    );
    expect(await events()).toBe(0);
  });

  it('lists the organisation’s jobs newest first, paged with perPage and a next link', async () => {
    for (const n of [1, 2, 3]) await finishedJob(app, operator, await postCapture(app, operator, jsonDocument([plainEvent(n)])));
    const first = await app.inject({ method: 'GET', url: '/capture?perPage=2', headers: operator });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toHaveLength(2);
    const next = /^<([^>]+)>; rel="next"$/.exec(first.headers.link as string)![1]!;
    const second = await app.inject({ method: 'GET', url: next, headers: operator });
    expect(second.json()).toHaveLength(1);
    expect(second.headers.link).toBeUndefined();
    const ids = [...first.json(), ...second.json()].map((j: { captureID: string }) => j.captureID);
    expect(new Set(ids).size).toBe(3);
    const refiner = await authHeaders(w.orp, 'refiner', 'operator');
    expect((await app.inject({ method: 'GET', url: '/capture', headers: refiner })).json()).toEqual([]);
  });

  it('pages the per-event results of a job', async () => {
    const job = await finishedJob(app, operator, await postCapture(app, operator, jsonDocument([1, 2, 3, 4, 5].map((n) => plainEvent(n)))));
    const page = (await app.inject({ method: 'GET', url: `/capture/${job.captureID}?resultsOffset=3&resultsLimit=10`, headers: operator })).json();
    expect(page.resultsOffset).toBe(3);
    expect(page.results.map((x: { index: number; eventId: string }) => [x.index, x.eventId])).toEqual([
      [3, job.results[3].eventId],
      [4, job.results[4].eventId],
    ]);
  });

  it('needs credentials, an operator or admin to capture, and shows a job only to its organisation', async () => {
    const doc = jsonDocument([plainEvent(1)]);
    const anonymous = await app.inject({ method: 'POST', url: '/capture', headers: { 'content-type': 'application/ld+json' }, payload: doc });
    expect(anonymous.statusCode).toBe(401);
    for (const role of ['viewer', 'auditor'] as const) {
      const r = await app.inject({ method: 'POST', url: '/capture', headers: jsonLd(await authHeaders(w.orp, 'house', role)), payload: doc });
      expect(r.statusCode, role).toBe(403);
      expect(r.json().code).toBe('ORP_FORBIDDEN');
    }
    const location = await postCapture(app, operator, doc);
    const viewer = await authHeaders(w.orp, 'house', 'viewer');
    expect((await app.inject({ method: 'GET', url: location, headers: viewer })).statusCode).toBe(200);
    const other = await app.inject({ method: 'GET', url: location, headers: await authHeaders(w.orp, 'refiner', 'admin') });
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('ORP_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: '/capture/no-such-job', headers: operator })).statusCode).toBe(404);
    await finishedJob(app, operator, location);
    expect(await events()).toBe(1);
  });

  it('refuses an unknown error behaviour and a media type that is not EPCIS', async () => {
    const doc = jsonDocument([plainEvent(1)]);
    const behaviour = await app.inject({ method: 'POST', url: '/capture', headers: jsonLd(operator, { 'GS1-Capture-Error-Behaviour': 'ignore' }), payload: doc });
    expect(behaviour.statusCode).toBe(400);
    expect(behaviour.json().code).toBe('ORP_BAD_INPUT');
    const text = await app.inject({ method: 'POST', url: '/capture', headers: { ...operator, 'content-type': 'text/plain' }, payload: doc });
    expect(text.statusCode).toBe(415);
    expect(await events()).toBe(0);
  });
});
