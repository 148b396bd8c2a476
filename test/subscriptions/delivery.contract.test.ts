import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { namedQueryStore } from '../../src/store/index.js';
import { testStores } from '../support/stores.js';
import { startReceiver, type Receiver } from './receiver.js';
import { subsWorld, type SubsWorld } from './setup.js';

const TOKEN = '13df38d8275b13f05704629e5f1cf3d45d6132d5';

describe.each(testStores)('subscription delivery on $name', (store) => {
  let w: SubsWorld;
  let hook: Receiver;
  beforeEach(async () => {
    w = await subsWorld(store);
    hook = await startReceiver();
  });
  afterEach(async () => {
    await hook.close();
    await w.cleanup();
  });

  const subscribe = (org = 'house', body: Record<string, unknown> = {}) =>
    w.orp.subscriptions.subscribe(org, 'test', 'SimpleEventQuery', { dest: hook.url, signatureToken: TOKEN, stream: true, query: {}, ...body });
  const run = () => w.orp.subscriptions.worker.runOnce();
  /** Runs passes, moving the clock to each retry, until `done` or `max` passes. */
  async function runUntil(done: () => boolean, max = 60): Promise<void> {
    for (let i = 0; i < max && !done(); i++) {
      await run();
      const s = (await w.orp.subscriptions.list('house', 'SimpleEventQuery', 100)).subscriptions[0];
      if (s && s.dueAt > w.clock.now().getTime()) w.clock.set(new Date(s.dueAt));
    }
  }

  it('delivers each event captured after subscribing exactly once, in record-time order, across several captures', async () => {
    await w.capture(1);
    await subscribe();
    const ids = [...(await w.capture(2)), ...(await w.capture(4))];
    await run();
    ids.push(...(await w.capture(1)));
    await run();
    await run();
    expect(hook.acknowledgedEventIds()).toEqual(ids);
    expect(hook.received.every((r) => r.doc.epcisBody.queryResults.resultsBody.eventList.length <= 3)).toBe(true);
    expect(hook.received[0]!.doc).toMatchObject({ type: 'EPCISQueryDocument', epcisBody: { queryResults: { queryName: 'SimpleEventQuery' } } });
    expect(hook.received[0]!.headers['content-type']).toBe('application/ld+json');
  });

  it('sends only the events its query matches', async () => {
    await subscribe('house', { query: { EQ_bizStep: ['shipping'] } });
    await w.capture(6);
    await run();
    const steps = hook.received.flatMap((r) => r.doc.epcisBody.queryResults.resultsBody.eventList.map((e) => e['bizStep']));
    expect(steps).toEqual(['shipping', 'shipping', 'shipping']);
  });

  it("delivers the matches of the organisation's named query, and refuses a named query of another organisation", async () => {
    await namedQueryStore(w.orp.db).create('house', { name: 'Shipments', params: { EQ_bizStep: 'shipping', eventType: 'ObjectEvent' }, prefixes: {}, createdAt: 0 });
    await w.orp.subscriptions.subscribe('house', 'test', 'Shipments', { dest: hook.url, stream: true });
    await expect(w.orp.subscriptions.subscribe('refiner', 'test', 'Shipments', { dest: hook.url, stream: true })).rejects.toMatchObject({ code: 'ORP_NOT_FOUND' });
    await w.capture(4);
    await run();
    const delivered = hook.received.flatMap((r) => r.doc.epcisBody.queryResults.resultsBody.eventList.map((e) => e['bizStep']));
    expect(delivered).toEqual(['shipping', 'shipping']);
    expect(hook.received[0]!.doc.epcisBody.queryResults.queryName).toBe('Shipments');
    expect(await w.orp.subscriptions.unsubscribeQuery('house', 'Shipments')).toBe(1);
    expect((await w.orp.subscriptions.list('house', 'Shipments', 10)).subscriptions).toEqual([]);
  });

  it('retries a failing subscriber with growing delays and, once it answers 2xx, delivers each event once', async () => {
    hook.answer = (n) => (n < 3 ? 503 : 200);
    const s = await subscribe();
    const ids = await w.capture(2);
    const t0 = w.clock.now().getTime();
    await run();
    await run(); // not due yet: nothing is sent
    expect(hook.received).toHaveLength(1);
    let state = await w.orp.subscriptions.get('house', s.id);
    expect(state).toMatchObject({ failedAttempts: 1, lastError: 'HTTP 503', failingSince: t0, dueAt: t0 + 1000, ackedSeq: s.ackedSeq });
    w.clock.set(new Date(t0 + 1000));
    await run();
    w.clock.set(new Date(t0 + 3000));
    await run();
    state = await w.orp.subscriptions.get('house', s.id);
    expect(state).toMatchObject({ failedAttempts: 3, dueAt: t0 + 7000 });
    w.clock.set(new Date(t0 + 7000));
    await run();
    expect(hook.received.map((r) => r.answered)).toEqual([503, 503, 503, 200]);
    expect(hook.acknowledgedEventIds()).toEqual(ids);
    state = await w.orp.subscriptions.get('house', s.id);
    expect(state.failedAttempts).toBe(0);
    expect(state.failingSince).toBeUndefined();
    expect(state.lastNotifiedAt).toBe(t0 + 7000);
  });

  it('resumes after a restart from the last acknowledged event, without duplicates or gaps', async () => {
    await subscribe();
    const ids = await w.capture(4);
    await run();
    ids.push(...(await w.capture(2)));
    hook.answer = () => 500;
    await run();
    await w.restart();
    ids.push(...(await w.capture(1)));
    hook.answer = () => 200;
    await runUntil(() => hook.acknowledgedEventIds().length === ids.length);
    await w.restart();
    await run();
    expect(hook.acknowledgedEventIds()).toEqual(ids);
  });

  it('pauses a subscriber that has failed continuously for the pause threshold, never drops it, and resumes from its cursor', async () => {
    hook.answer = () => 500;
    const s = await subscribe();
    const ids = await w.capture(2);
    const t0 = w.clock.now().getTime();
    let paused = 0;
    for (let i = 0; i < 200 && paused === 0; i++) {
      paused = (await run()).paused;
      w.clock.set(new Date((await w.orp.subscriptions.get('house', s.id)).dueAt));
    }
    const state = await w.orp.subscriptions.get('house', s.id);
    expect(state.status).toBe('paused');
    expect(state.pausedAt! - t0).toBeGreaterThanOrEqual(86_400_000);
    expect(state.pausedReason).toMatch(/failed since .*HTTP 500/);
    const attempts = hook.received.length;
    w.clock.set(new Date(w.clock.now().getTime() + 7 * 86_400_000));
    await w.capture(1);
    await run();
    expect(hook.received).toHaveLength(attempts);

    hook.answer = () => 200;
    const resumed = await w.orp.subscriptions.resume('house', s.id);
    expect(resumed).toMatchObject({ status: 'active', failedAttempts: 0 });
    expect(resumed.pausedReason).toBeUndefined();
    ids.push(...(await w.capture(1)));
    await run();
    await run();
    expect(hook.acknowledgedEventIds().slice(0, 2)).toEqual(ids.slice(0, 2));
    expect(hook.acknowledgedEventIds()).toHaveLength(4);
  });

  it("never delivers another organisation's events", async () => {
    const other = await startReceiver();
    try {
      await w.orp.subscriptions.subscribe('refiner', 'test', 'SimpleEventQuery', { dest: other.url, stream: true, query: {} });
      await subscribe('house');
      const houseIds = await w.capture(3, w.house);
      const refinerIds = await w.capture(1, w.refiner);
      await run();
      expect(other.acknowledgedEventIds()).toEqual(refinerIds);
      expect(hook.acknowledgedEventIds()).toEqual(houseIds);
    } finally {
      await other.close();
    }
  });

  it('sees what its organisation may see at delivery time: events of a grantor once access is granted, none after revocation', async () => {
    const other = await startReceiver();
    try {
      await w.orp.subscriptions.subscribe('refiner', 'test', 'SimpleEventQuery', { dest: other.url, stream: true, query: {} });
      await w.capture(1, w.house);
      await run();
      expect(other.received).toHaveLength(0);
      await w.orp.access.addGrant({ id: 'g1', grantor: 'house', grantee: 'refiner', createdAt: w.clock.now().getTime() });
      const granted = await w.capture(2, w.house);
      await run();
      expect(other.acknowledgedEventIds()).toEqual(granted);
      await w.orp.access.revokeGrant('g1', w.clock.now().getTime());
      await w.capture(1, w.house);
      await run();
      expect(other.acknowledgedEventIds()).toEqual(granted);
    } finally {
      await other.close();
    }
  });

  it('signs each delivery: GS1-Signature is the HMAC-SHA256 of the exact body under the signatureToken', async () => {
    await subscribe();
    await w.capture(1);
    await run();
    const [r] = hook.received;
    expect(r!.headers['gs1-signature']).toBe(`sha256=${createHmac('sha256', TOKEN).update(r!.body).digest('hex')}`);
    expect(r!.headers['gs1-signature']).not.toBe(`sha256=${createHmac('sha256', 'another token of 40 characters.........').update(r!.body).digest('hex')}`);

    const unsigned = await startReceiver();
    try {
      await w.orp.subscriptions.subscribe('house', 'test', 'SimpleEventQuery', { dest: unsigned.url, stream: true, query: {} });
      await w.capture(1);
      await run();
      expect(unsigned.received[0]!.headers['gs1-signature']).toBeUndefined();
    } finally {
      await unsigned.close();
    }
  });

  it('treats a POST unanswered within the timeout as a failure and sends the same events again', async () => {
    hook.answer = (n) => (n === 0 ? 'hang' : 200);
    await subscribe();
    const ids = await w.capture(1);
    const pass = run();
    await hook.arrivals(1);
    w.timers.advance(5000);
    expect(await pass).toMatchObject({ failures: 1, events: 0 });
    const [s] = (await w.orp.subscriptions.list('house', 'SimpleEventQuery', 10)).subscriptions;
    expect(s!.lastError).toBe('no answer within 5000 ms');
    w.clock.set(new Date(s!.dueAt));
    await run();
    expect(hook.acknowledgedEventIds()).toEqual(ids);
  });

  it('treats a refused connection as a failure', async () => {
    await hook.close();
    const s = await subscribe();
    await w.capture(1);
    expect(await run()).toMatchObject({ failures: 1 });
    expect((await w.orp.subscriptions.get('house', s.id)).lastError).toMatch(/ECONNREFUSED|fetch failed/);
    hook = await startReceiver();
  });

  it('sends smaller batches to a subscriber that answers 413, keeping the order', async () => {
    hook.answer = (n) => (n === 0 ? 413 : 200);
    await subscribe();
    const ids = await w.capture(3);
    await run();
    expect(hook.received.map((r) => r.doc.epcisBody.queryResults.resultsBody.eventList.length)).toEqual([3, 2, 1]);
    expect(hook.acknowledgedEventIds()).toEqual(ids);
  });

  it('reports events recorded since initialRecordTime, including those recorded before subscribing', async () => {
    await w.capture(2);
    w.clock.set(new Date(w.clock.now().getTime() + 60_000));
    const from = w.clock.now().toISOString();
    const later = await w.capture(2);
    await subscribe('house', { initialRecordTime: from });
    await run();
    expect(hook.acknowledgedEventIds()).toEqual(later);
  });

  it('reports a scheduled subscription at its query times, with an empty report when reportIfEmpty', async () => {
    // NOW is 12:00:00 UTC: the next top of the hour is 13:00:00.
    const s = await w.orp.subscriptions.subscribe('house', 'test', 'SimpleEventQuery', {
      dest: hook.url,
      schedule: { second: '0', minute: '0' },
      reportIfEmpty: true,
      query: {},
    });
    const ids = await w.capture(4);
    w.clock.set(new Date('2026-11-30T12:59:59Z'));
    await run();
    expect(hook.received).toHaveLength(0);
    w.clock.set(new Date('2026-11-30T13:00:00Z'));
    await run();
    expect(hook.acknowledgedEventIds()).toEqual(ids);
    expect((await w.orp.subscriptions.get('house', s.id)).dueAt).toBe(Date.parse('2026-11-30T14:00:00Z'));
    w.clock.set(new Date('2026-11-30T14:00:00Z'));
    await run();
    expect(hook.received.at(-1)!.doc.epcisBody.queryResults.resultsBody.eventList).toEqual([]);
    await run();
    expect(hook.received).toHaveLength(3);
  });

  it('runs on its timers once started: a capture wakes it, and it stops with the instance', async () => {
    const worker = w.orp.subscriptions.worker;
    await subscribe();
    worker.start();
    const ids = await w.capture(2);
    w.timers.advance(0);
    await hook.arrivals(1);
    await worker.stop();
    expect(hook.acknowledgedEventIds()).toEqual(ids);
    expect(w.timers.pending()).toBe(0);
  });
});
