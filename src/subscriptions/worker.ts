import { randomUUID } from 'node:crypto';
import type { Clock } from '../kernel/index.js';
import { afterFailure } from './backoff.js';
import { queryDocument, signBody, SIGNATURE_HEADER } from './document.js';
import { compileSchedule, nextQueryTime } from './schedule.js';
import type { DeliveryRules, EventFeed, FeedRecord, Subscription, SubscriptionStore, Timers } from './types.js';
import { postDocument, type PostOutcome } from './webhook.js';

export interface WorkerDeps {
  store: SubscriptionStore;
  feed: EventFeed;
  clock: Clock;
  timers: Timers;
  rules: DeliveryRules;
  /** Where errors of the worker itself (not of subscribers) go; the worker carries on. */
  onError?: (err: unknown) => void;
}

/** What one pass of the worker did. */
export interface DeliveryReport {
  /** Events acknowledged by subscribers. */
  events: number;
  /** POSTs answered with 2xx (empty reports included). */
  posts: number;
  failures: number;
  paused: number;
}

/** Delivers subscriptions' events; `serve` starts it, `Orpaille.close()` stops it. */
export interface DeliveryWorker {
  /** Runs passes on the injected timers: at once, then when woken, when a retry or schedule is due, or every `pollMs`. */
  start(): void;
  /** Stops the timers and waits for the pass in progress, which ends after the POSTs in flight are answered or time out. */
  stop(): Promise<void>;
  /** Asks for a pass as soon as possible (called after events are captured). */
  wake(): void;
  /** One pass over every due subscription (tests drive the worker with it). */
  runOnce(): Promise<DeliveryReport>;
}

// Subscriptions taken per pass, and batches one subscription may send per pass, so that none waits long.
const DUE_PER_PASS = 200;
const BATCHES_PER_PASS = 20;

/** The delivery worker. Time comes only from `deps.clock` and `deps.timers`. */
export function deliveryWorker(deps: WorkerDeps): DeliveryWorker {
  const { store, feed, clock, timers, rules } = deps;
  const id = randomUUID();
  const inFlight = new Set<string>();
  let halted = false;
  let running = false;
  let timer: unknown;
  let pass: Promise<void> | undefined;
  let again = false;

  const post = (s: Subscription, records: FeedRecord[]): Promise<PostOutcome> => {
    const body = queryDocument(records, { queryName: s.queryName, subscriptionID: s.id, creationDate: clock.now().toISOString() });
    const headers: Record<string, string> = { 'content-type': 'application/ld+json', 'GS1-EPCIS-Version': '2.0.0' };
    if (s.signatureToken !== undefined) headers[SIGNATURE_HEADER] = signBody(body, s.signatureToken);
    return postDocument({ dest: s.dest, body, headers, timeoutMs: rules.requestTimeoutMs, timers });
  };

  /** When a subscription acts next after a successful report: a stream at once, a schedule at its next query time. */
  const nextDue = (s: Subscription, now: number, caughtUp: boolean): number => {
    if (s.stream || !caughtUp || !s.schedule) return now;
    return nextQueryTime(compileSchedule(s.schedule), now) ?? Number.MAX_SAFE_INTEGER;
  };

  async function fail(s: Subscription, error: string, report: DeliveryReport): Promise<void> {
    const failure = afterFailure(rules, s, clock.now().getTime(), error);
    await store.recordFailure(s.id, failure);
    report.failures++;
    if (failure.pause) report.paused++;
  }

  /** Sends one subscription's pending events batch by batch; true when it stopped with more to send. */
  async function deliver(sub: Subscription, head: number, report: DeliveryReport): Promise<boolean> {
    let s = sub;
    const parties = await feed.visibleParties(s.org, clock.now().getTime());
    let cursor = s.ackedSeq;
    let limit = rules.maxEventsPerPost;
    let reported = false;
    for (let batch = 0; batch < BATCHES_PER_PASS; batch++) {
      if (halted) return false;
      const now = clock.now().getTime();
      if (!(await store.lease(s.id, id, now, now + rules.leaseMs))) return false;
      const records = await feed.after(s.query, parties, cursor, limit);
      const emptyReport = records.length === 0 && !s.stream && s.reportIfEmpty && !reported;
      if (records.length === 0 && !emptyReport) {
        // Nothing (more) matches up to the head read before the query: move the cursor past it.
        await store.acknowledge(s.id, cursor, Math.max(cursor, head), { dueAt: nextDue(s, now, true) });
        return false;
      }
      const outcome = await post(s, records);
      const at = clock.now().getTime();
      // 413: the subscriber asks for smaller batches (REST binding); halve and retry at once.
      if (!outcome.ok && outcome.status === 413 && limit > 1) {
        limit = Math.ceil(limit / 2);
        continue;
      }
      if (!outcome.ok) {
        await fail(s, outcome.error, report);
        return false;
      }
      report.posts++;
      report.events += records.length;
      reported = true;
      const to = records.length > 0 ? records.at(-1)!.seq : Math.max(cursor, head);
      const caughtUp = records.length < limit;
      if (!(await store.acknowledge(s.id, cursor, to, { notifiedAt: at, dueAt: nextDue(s, at, caughtUp && emptyReport) }))) return false;
      cursor = to;
      s = { ...s, failedAttempts: 0, failingSince: undefined };
      if (emptyReport) return false;
    }
    return true;
  }

  async function runOnce(): Promise<DeliveryReport> {
    const report: DeliveryReport = { events: 0, posts: 0, failures: 0, paused: 0 };
    const head = await store.headSeq();
    const due = (await store.due(clock.now().getTime(), DUE_PER_PASS)).filter((s) => !inFlight.has(s.id) && !(s.stream && s.ackedSeq >= head));
    let more = due.length === DUE_PER_PASS;
    const queue = [...due];
    const lane = async () => {
      for (let s = queue.shift(); s && !halted; s = queue.shift()) {
        inFlight.add(s.id);
        try {
          if (await deliver(s, head, report)) more = true;
        } catch (err) {
          // A subscription whose query cannot run any more backs off and is paused like a failing subscriber.
          deps.onError?.(err);
          await fail(s, `cannot run the query: ${(err as Error).message}`, report).catch((e: unknown) => deps.onError?.(e));
        } finally {
          inFlight.delete(s.id);
          await store.release(s.id, id).catch((err: unknown) => deps.onError?.(err));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, rules.concurrency) }, lane));
    if (more) again = true;
    return report;
  }

  function schedule(ms: number): void {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = undefined;
      loop();
    }, ms);
  }

  async function delayToNext(): Promise<number> {
    const now = clock.now().getTime();
    const next = await store.nextDue(now);
    return next === undefined ? rules.pollMs : Math.min(rules.pollMs, Math.max(0, next - now));
  }

  function loop(): void {
    if (!running) return;
    if (pass) {
      again = true;
      return;
    }
    again = false;
    pass = runOnce()
      .then(async () => {
        if (running) schedule(again ? 0 : await delayToNext());
      })
      .catch((err: unknown) => {
        deps.onError?.(err);
        if (running) schedule(rules.pollMs);
      })
      .finally(() => {
        pass = undefined;
      });
  }

  return {
    start() {
      if (running) return;
      running = true;
      halted = false;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      halted = true;
      await pass;
    },
    wake() {
      if (!running) return;
      if (pass) again = true;
      else schedule(0);
    },
    runOnce,
  };
}
