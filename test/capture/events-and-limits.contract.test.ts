import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toEpcis } from '../../src/custody/index.js';
import { buildApp } from '../../src/http/index.js';
import { fixedClock } from '../../src/kernel/index.js';
import { openOrpaille, type Orpaille } from '../../src/orpaille.js';
import { authHeaders } from '../support/auth.js';
import { testStores } from '../support/stores.js';
import { makeWorld, NOW, type World } from '../support/world.js';
import { finishedJob, jsonLd, postCapture } from './http-support.js';
import { jsonDocument, plainEvent, standaloneEvent } from './documents.js';

describe.each(testStores)('POST /events and capture limits on $name', (store) => {
  let w: World;
  let limited: Orpaille;
  let app: FastifyInstance;
  let operator: { authorization: string };
  const events = async () => (await w.orp.registry.counts()).events;

  beforeEach(async () => {
    w = await makeWorld(store);
    limited = await openOrpaille({ ...w.config, clock: fixedClock(NOW), capture: { eventLimit: 3, fileSizeLimit: 4000 } });
    app = await buildApp(limited, { rateLimit: false });
    operator = await authHeaders(w.orp, 'house', 'operator');
  });
  afterEach(async () => {
    await app.close();
    await limited.close();
    await w.cleanup();
  });

  it('advertises its limits on OPTIONS /capture and GET /capture', async () => {
    const options = await app.inject({ method: 'OPTIONS', url: '/capture' });
    expect(options.statusCode).toBe(204);
    expect(options.headers).toMatchObject({ 'gs1-epcis-capture-limit': '3', 'gs1-epcis-capture-file-size-limit': '4000', allow: 'OPTIONS, POST, GET' });
    expect(options.headers['gs1-capture-error-behaviour']).toContain('proceed');
    const list = await app.inject({ method: 'GET', url: '/capture', headers: operator });
    expect(list.headers).toMatchObject({ 'gs1-epcis-capture-limit': '3', 'gs1-epcis-capture-file-size-limit': '4000' });
  });

  it('answers 413 naming GS1-EPCIS-Capture-Limit for a document with more events than the limit, writing nothing', async () => {
    const r = await app.inject({ method: 'POST', url: '/capture', headers: jsonLd(operator), payload: jsonDocument([1, 2, 3, 4].map((n) => plainEvent(n))) });
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ code: 'ORP_PAYLOAD_TOO_LARGE', details: { limit: 'GS1-EPCIS-Capture-Limit', max: 3, given: 4 } });
    expect(r.json().message).toContain('GS1-EPCIS-Capture-Limit');
    expect(r.headers['gs1-epcis-capture-limit']).toBe('3');
    expect((await app.inject({ method: 'GET', url: '/capture', headers: operator })).json()).toEqual([]);
    expect(await events()).toBe(0);
  });

  it('answers 413 naming GS1-EPCIS-Capture-File-Size-Limit for a larger body, on /capture and /events', async () => {
    const big = jsonDocument([plainEvent(1)]).replace('"schemaVersion"', `"padding":"${'x'.repeat(5000)}","schemaVersion"`);
    for (const url of ['/capture', '/events']) {
      const r = await app.inject({ method: 'POST', url, headers: jsonLd(operator), payload: big });
      expect(r.statusCode, url).toBe(413);
      expect(r.json(), url).toMatchObject({ code: 'ORP_PAYLOAD_TOO_LARGE', details: { limit: 'GS1-EPCIS-Capture-File-Size-Limit', max: 4000 } });
    }
    expect(await events()).toBe(0);
  });

  it('captures a single event with POST /events: 201 with its location, 200 when captured again', async () => {
    const event = standaloneEvent(plainEvent(1));
    const r = await app.inject({ method: 'POST', url: '/events', headers: jsonLd(operator), payload: event });
    expect(r.statusCode).toBe(201);
    const eventID = r.json().eventID as string;
    expect(eventID).toMatch(/^ni:\/\/\/sha-256;/);
    expect(r.headers.location).toBe(`/events/${encodeURIComponent(eventID)}`);
    expect(r.json()).toMatchObject({ type: 'ObjectEvent', bizStep: 'shipping' });
    const again = await app.inject({ method: 'POST', url: '/events', headers: jsonLd(operator), payload: event });
    expect(again.statusCode).toBe(200);
    expect(again.headers.location).toBe(r.headers.location);
    expect(await events()).toBe(1);
    // The same event captured through a document is a duplicate of it.
    const job = await finishedJob(app, operator, await postCapture(app, operator, jsonDocument([plainEvent(1)])));
    expect(job.results[0]).toMatchObject({ status: 'duplicate', eventId: eventID });
  });

  it('refuses on POST /events an event the custody rules reject, with the rule’s code and status', async () => {
    const [production, purchase] = w.buy('A');
    expect((await app.inject({ method: 'POST', url: '/events', headers: jsonLd(operator), payload: standaloneEvent(toEpcis(production!)) })).statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: '/events', headers: jsonLd(operator), payload: standaloneEvent(toEpcis(purchase!)) })).statusCode).toBe(201);
    const twice = await app.inject({ method: 'POST', url: '/events', headers: jsonLd(operator), payload: standaloneEvent(toEpcis({ ...purchase!, purchaseNumber: 'P-again' } as typeof purchase & { purchaseNumber: string })) });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('ORP_LOT_NOT_OWNED');
    expect(await events()).toBe(2);
  });

  it('refuses on POST /events an invalid event with the codec’s reason, and a viewer or anonymous caller', async () => {
    const { eventTime: _, ...noTime } = plainEvent(1);
    const invalid = await app.inject({ method: 'POST', url: '/events', headers: jsonLd(operator), payload: JSON.stringify(noTime) });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe('ORP_EPCIS_INVALID');
    expect(invalid.json().message).toContain('eventTime');
    const viewer = await app.inject({ method: 'POST', url: '/events', headers: jsonLd(await authHeaders(w.orp, 'house', 'viewer')), payload: JSON.stringify(plainEvent(1)) });
    expect(viewer.statusCode).toBe(403);
    const anonymous = await app.inject({ method: 'POST', url: '/events', headers: { 'content-type': 'application/ld+json' }, payload: JSON.stringify(plainEvent(1)) });
    expect(anonymous.statusCode).toBe(401);
    expect(await events()).toBe(0);
  });
});
