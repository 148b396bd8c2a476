/*
 * EPCIS 2.0 query subscriptions (REST binding, "Subscriptions"): a standing query whose results are
 * POSTed as EPCISQueryDocuments to the subscriber's webhook, either as events are captured (`stream`)
 * or on a schedule. The types here are shared by the pure logic, the delivery worker and the store.
 */

/** EPCIS 1.2 s.8.2.5.3 QuerySchedule: each field a comma list of numbers and `[lo-hi]` ranges; omitted = any. */
export interface QuerySchedule {
  second?: string;
  minute?: string;
  hour?: string;
  dayOfMonth?: string;
  month?: string;
  dayOfWeek?: string;
}

export type SubscriptionStatus = 'active' | 'paused';

/** How and where a subscription reports. */
export interface Delivery {
  dest: string;
  signatureToken?: string;
  /** Exactly one of `stream` and `schedule`. */
  stream: boolean;
  schedule?: QuerySchedule;
  reportIfEmpty: boolean;
  /** Epoch ms; events recorded at or after it are reported. Absent: from the moment of subscribing. */
  initialRecordTime?: number;
}

/** What a subscriber asks for, validated (see `parseSubscriptionRequest`). */
export interface SubscriptionRequest extends Delivery {
  /** EPCIS query parameters of an ad-hoc (SimpleEventQuery) subscription. */
  query?: Record<string, unknown>;
}

/** A stored subscription. Times are epoch ms. */
export interface Subscription extends Delivery {
  id: string;
  /** The subscribing organisation (its id): the subscription sees what this organisation may see. */
  org: string;
  queryName: string;
  /** The EPCIS query parameters, copied from the named query when subscribing. */
  query: Record<string, unknown>;
  /** Ledger seq of the last event the subscriber acknowledged (the cursor). */
  ackedSeq: number;
  status: SubscriptionStatus;
  pausedReason?: string;
  pausedAt?: number;
  /** Start of the current run of failed deliveries; absent when the last delivery succeeded. */
  failingSince?: number;
  failedAttempts: number;
  lastError?: string;
  /** Earliest time the worker acts on it next (a retry, or the next scheduled query time). */
  dueAt: number;
  lastNotifiedAt?: number;
  createdAt: number;
  createdBy: string;
}

/** A new subscription as the store inserts it. */
export type NewSubscription = Omit<Subscription, 'status' | 'failedAttempts' | 'pausedReason' | 'pausedAt' | 'failingSince' | 'lastError' | 'lastNotifiedAt'>;

/** A failed delivery, as recorded: the retry time, and the pause when the failures have lasted too long. */
export interface DeliveryFailure {
  at: number;
  error: string;
  dueAt: number;
  failingSince: number;
  failedAttempts: number;
  pause?: { reason: string };
}

/** The subscription store (SQLite and PostgreSQL in src/store). */
export interface SubscriptionStore {
  insert(s: NewSubscription): Promise<void>;
  get(org: string, id: string): Promise<Subscription | undefined>;
  /** The organisation's subscriptions to a query, in creation order, after `after` when paging. */
  list(org: string, queryName: string, limit: number, after?: { createdAt: number; id: string }): Promise<Subscription[]>;
  remove(org: string, id: string): Promise<boolean>;
  /** Removes every subscription to a named query (deleting the query disconnects its subscribers). */
  removeForQuery(org: string, queryName: string): Promise<number>;
  /** Active subscriptions due at `now`, soonest first. */
  due(now: number, limit: number): Promise<Subscription[]>;
  /** The earliest `dueAt` of an active subscription later than `after`, if any. */
  nextDue(after: number): Promise<number | undefined>;
  /** Takes the delivery lease of a subscription unless another worker holds an unexpired one. */
  lease(id: string, worker: string, now: number, until: number): Promise<boolean>;
  release(id: string, worker: string): Promise<void>;
  /**
   * Moves the cursor of an active subscription from `fromSeq` to `toSeq` (after an acknowledged POST,
   * with `notifiedAt`, or past events none of which matched), clears its failures and sets `dueAt`, in
   * one statement that only succeeds while the cursor is still at `fromSeq` (false otherwise).
   */
  acknowledge(id: string, fromSeq: number, toSeq: number, ack: { notifiedAt?: number; dueAt: number }): Promise<boolean>;
  recordFailure(id: string, failure: DeliveryFailure): Promise<void>;
  resume(org: string, id: string, now: number): Promise<Subscription | undefined>;
  /** The ledger's last seq. */
  headSeq(): Promise<number>;
  /** The seq just before the first event recorded at or after `recordTime` (the head if there is none). */
  seqBefore(recordTime: number): Promise<number>;
}

/** One matching ledger record as the event feed returns it; `body` is the canonical JSON of the normalised event. */
export interface FeedRecord {
  seq: number;
  eventId: string;
  body: string;
  recordTime: number;
}

/** Where subscriptions read events from (the EPCIS query engine over the ledger). */
export interface EventFeed {
  /** Throws a 400-class OrpailleError naming the bad parameter. */
  validate(query: Record<string, unknown>): void;
  /** Matching records visible to `parties` with seq > afterSeq, in seq (record-time) order, at most `limit`. */
  after(query: Record<string, unknown>, parties: string[], afterSeq: number, limit: number): Promise<FeedRecord[]>;
  /** The parameters of an organisation's named query, or undefined. */
  namedQuery(org: string, name: string): Promise<Record<string, unknown> | undefined>;
  /** The party URIs an organisation may see at `at` (its own and those of the organisations that granted it access). */
  visibleParties(org: string, at: number): Promise<string[]>;
}

/** Delivery rules (rules/subscriptions.json; each can be overridden in the configuration). */
export interface DeliveryRules {
  /** Most events in one POST. */
  maxEventsPerPost: number;
  /** A POST not answered within this is a failure. */
  requestTimeoutMs: number;
  /** Delay before retry n (1-based): min(maxMs, initialMs * factor^(n-1)). */
  backoff: { initialMs: number; factor: number; maxMs: number };
  /** A subscriber failing continuously for this long is paused. */
  pauseAfterMs: number;
  /** How often the worker looks for work it was not woken for (events captured by another process). */
  pollMs: number;
  /** Subscriptions delivered at the same time. */
  concurrency: number;
  /** How long a worker holds a subscription it is delivering (other workers wait). */
  leaseMs: number;
}

/** Timers the worker schedules itself with; injected so that tests drive time. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
