import { randomUUID } from 'node:crypto';
import { OrpailleError, type Clock } from '../kernel/index.js';
import { ADHOC_QUERY, parseSubscriptionRequest } from './request.js';
import { compileSchedule, nextQueryTime } from './schedule.js';
import type { EventFeed, Subscription, SubscriptionStore } from './types.js';
import type { DeliveryWorker } from './worker.js';

/** Subscribing, listing, unsubscribing and resuming, scoped to one organisation. */
export interface Subscriptions {
  /** Creates a subscription from a REST-binding request body; throws ORP_BAD_INPUT naming the field. */
  subscribe(org: string, by: string, queryName: string, body: unknown): Promise<Subscription>;
  /** The organisation's subscription (to `queryName` when given); ORP_NOT_FOUND otherwise, also for another organisation's. */
  get(org: string, id: string, queryName?: string): Promise<Subscription>;
  /** A page of the organisation's subscriptions to a query (SimpleEventQuery or one of its named queries), and the token of the next page. */
  list(org: string, queryName: string, perPage: number, pageToken?: string): Promise<{ subscriptions: Subscription[]; nextPageToken?: string }>;
  unsubscribe(org: string, id: string, queryName?: string): Promise<void>;
  /** Removes every subscription of the organisation to a named query (call it when the query is deleted: the binding disconnects its subscribers); returns how many. */
  unsubscribeQuery(org: string, queryName: string): Promise<number>;
  /** Resumes a paused subscription from its last acknowledged event. */
  resume(org: string, id: string, queryName?: string): Promise<Subscription>;
  worker: DeliveryWorker;
}

const notFound = (id: string) => new OrpailleError('ORP_NOT_FOUND', `no subscription ${id}`, { subscriptionID: id });

function pageToken(s: Subscription): string {
  return Buffer.from(JSON.stringify([s.createdAt, s.id])).toString('base64url');
}

function pageAfter(token: string): { createdAt: number; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof createdAt === 'number' && typeof id === 'string') return { createdAt, id };
  } catch {
    // reported below
  }
  throw new OrpailleError('ORP_BAD_INPUT', 'nextPageToken is not one this server gave', { field: 'nextPageToken' });
}

/** The subscription operations over a store, the event feed and the delivery worker (woken by each new subscription). */
export function subscriptions(deps: { store: SubscriptionStore; feed: EventFeed; clock: Clock; worker: DeliveryWorker }): Subscriptions {
  const { store, feed, clock, worker } = deps;
  const owned = async (org: string, id: string, queryName?: string) => {
    const s = await store.get(org, id);
    if (!s || (queryName !== undefined && s.queryName !== queryName)) throw notFound(id);
    return s;
  };
  return {
    worker,
    async subscribe(org, by, queryName, body) {
      const req = parseSubscriptionRequest(body, queryName);
      const query = req.query ?? (await feed.namedQuery(org, queryName));
      if (!query) throw new OrpailleError('ORP_NOT_FOUND', `no named query ${queryName}`, { queryName });
      if (queryName === ADHOC_QUERY) feed.validate(query);
      const now = clock.now().getTime();
      // Without initialRecordTime, a subscription reports events recorded from now on (REST binding).
      const ackedSeq = req.initialRecordTime !== undefined ? await store.seqBefore(req.initialRecordTime) : await store.headSeq();
      const dueAt = req.schedule ? nextQueryTime(compileSchedule(req.schedule), now)! : now;
      const s = {
        id: randomUUID(),
        org,
        queryName,
        query,
        dest: req.dest,
        ...(req.signatureToken !== undefined ? { signatureToken: req.signatureToken } : {}),
        stream: req.stream,
        ...(req.schedule ? { schedule: req.schedule } : {}),
        reportIfEmpty: req.reportIfEmpty,
        ...(req.initialRecordTime !== undefined ? { initialRecordTime: req.initialRecordTime } : {}),
        ackedSeq,
        dueAt,
        createdAt: now,
        createdBy: by,
      };
      await store.insert(s);
      worker.wake();
      return owned(org, s.id);
    },
    get: owned,
    async list(org, queryName, perPage, token) {
      // Subscriptions are listed under a query the organisation has: another organisation's named query is not found.
      if (queryName !== ADHOC_QUERY && !(await feed.namedQuery(org, queryName))) throw new OrpailleError('ORP_NOT_FOUND', `no named query ${queryName}`, { queryName });
      const page = await store.list(org, queryName, perPage + 1, token === undefined ? undefined : pageAfter(token));
      const more = page.length > perPage;
      const shown = page.slice(0, perPage);
      return { subscriptions: shown, ...(more ? { nextPageToken: pageToken(shown.at(-1)!) } : {}) };
    },
    async unsubscribe(org, id, queryName) {
      await owned(org, id, queryName);
      if (!(await store.remove(org, id))) throw notFound(id);
    },
    unsubscribeQuery: (org, queryName) => store.removeForQuery(org, queryName),
    async resume(org, id, queryName) {
      await owned(org, id, queryName);
      const s = await store.resume(org, id, clock.now().getTime());
      if (!s) throw notFound(id);
      worker.wake();
      return s;
    },
  };
}
