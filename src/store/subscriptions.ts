import type { Kysely, Selectable } from 'kysely';
import { parseEventQuery, type EventQuery, type QueryParams } from '../epcis/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { DeliveryFailure, EventFeed, FeedRecord, NewSubscription, QuerySchedule, Subscription, SubscriptionStore } from '../subscriptions/index.js';
import { accessStore } from './access.js';
import type { Db } from './db.js';
import { namedQueryStore } from './event-query-named.js';
import { eventQueryStore } from './event-query.js';
import type { Database } from './schema.js';

/** Table of migration 0005_subscriptions. Booleans are 0/1 integers, times epoch ms. */
export interface SubscriptionsTable {
  id: string;
  org_id: string;
  query_name: string;
  query: string;
  dest: string;
  signature_token: string | null;
  stream: number;
  schedule: string | null;
  report_if_empty: number;
  initial_record_time: number | null;
  acked_seq: number;
  status: string;
  paused_reason: string | null;
  paused_at: number | null;
  failing_since: number | null;
  failed_attempts: number;
  last_error: string | null;
  due_at: number;
  last_notified_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  created_at: number;
  created_by: string;
}

type Tables = Database & { subscriptions: SubscriptionsTable };
type Row = Selectable<SubscriptionsTable>;

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function fromRow(r: Row): Subscription {
  const s: Subscription = {
    id: r.id,
    org: r.org_id,
    queryName: r.query_name,
    query: JSON.parse(r.query) as Record<string, unknown>,
    dest: r.dest,
    stream: Number(r.stream) === 1,
    reportIfEmpty: Number(r.report_if_empty) === 1,
    ackedSeq: Number(r.acked_seq),
    status: r.status as Subscription['status'],
    failedAttempts: Number(r.failed_attempts),
    dueAt: Number(r.due_at),
    createdAt: Number(r.created_at),
    createdBy: r.created_by,
  };
  const optional = {
    signatureToken: opt(r.signature_token),
    schedule: r.schedule === null ? undefined : (JSON.parse(r.schedule) as QuerySchedule),
    initialRecordTime: r.initial_record_time === null ? undefined : Number(r.initial_record_time),
    pausedReason: opt(r.paused_reason),
    pausedAt: r.paused_at === null ? undefined : Number(r.paused_at),
    failingSince: r.failing_since === null ? undefined : Number(r.failing_since),
    lastError: opt(r.last_error),
    lastNotifiedAt: r.last_notified_at === null ? undefined : Number(r.last_notified_at),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (s as unknown as Record<string, unknown>)[k] = v;
  return s;
}

function toRow(s: NewSubscription): SubscriptionsTable {
  return {
    id: s.id,
    org_id: s.org,
    query_name: s.queryName,
    query: JSON.stringify(s.query),
    dest: s.dest,
    signature_token: s.signatureToken ?? null,
    stream: s.stream ? 1 : 0,
    schedule: s.schedule ? JSON.stringify(s.schedule) : null,
    report_if_empty: s.reportIfEmpty ? 1 : 0,
    initial_record_time: s.initialRecordTime ?? null,
    acked_seq: s.ackedSeq,
    status: 'active',
    paused_reason: null,
    paused_at: null,
    failing_since: null,
    failed_attempts: 0,
    last_error: null,
    due_at: s.dueAt,
    last_notified_at: null,
    lease_owner: null,
    lease_until: null,
    created_at: s.createdAt,
    created_by: s.createdBy,
  };
}

/** Subscriptions on either dialect; every state change is one conditional UPDATE. */
export function subscriptionStore(db: Db): SubscriptionStore {
  const k: Kysely<Tables> = db.kysely.withTables<{ subscriptions: SubscriptionsTable }>();
  const byId = (org: string, id: string) => k.selectFrom('subscriptions').selectAll().where('org_id', '=', org).where('id', '=', id);
  const headSeq = async () => Number((await k.selectFrom('ledger_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq);
  return {
    async insert(s) {
      await k.insertInto('subscriptions').values(toRow(s)).execute();
    },
    async get(org, id) {
      const row = await byId(org, id).executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },
    async list(org, queryName, limit, after) {
      let q = k.selectFrom('subscriptions').selectAll().where('org_id', '=', org).where('query_name', '=', queryName);
      if (after) {
        q = q.where((eb) => eb.or([eb('created_at', '>', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)])]));
      }
      const rows = await q.orderBy('created_at').orderBy('id').limit(limit).execute();
      return rows.map(fromRow);
    },
    async remove(org, id) {
      const r = await k.deleteFrom('subscriptions').where('org_id', '=', org).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },
    async removeForQuery(org, queryName) {
      const r = await k.deleteFrom('subscriptions').where('org_id', '=', org).where('query_name', '=', queryName).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async due(now, limit) {
      const rows = await k.selectFrom('subscriptions').selectAll().where('status', '=', 'active').where('due_at', '<=', now).orderBy('due_at').limit(limit).execute();
      return rows.map(fromRow);
    },
    async nextDue(after) {
      const row = await k
        .selectFrom('subscriptions')
        .select((eb) => eb.fn.min('due_at').as('next'))
        .where('status', '=', 'active')
        .where('due_at', '>', after)
        .executeTakeFirst();
      return row?.next === null || row?.next === undefined ? undefined : Number(row.next);
    },
    async lease(id, worker, now, until) {
      const r = await k
        .updateTable('subscriptions')
        .set({ lease_owner: worker, lease_until: until })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now), eb('lease_owner', '=', worker)]))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async release(id, worker) {
      await k.updateTable('subscriptions').set({ lease_owner: null, lease_until: null }).where('id', '=', id).where('lease_owner', '=', worker).execute();
    },
    async acknowledge(id, fromSeq, toSeq, ack) {
      const r = await k
        .updateTable('subscriptions')
        .set({
          acked_seq: toSeq,
          due_at: ack.dueAt,
          failing_since: null,
          failed_attempts: 0,
          last_error: null,
          ...(ack.notifiedAt !== undefined ? { last_notified_at: ack.notifiedAt } : {}),
        })
        .where('id', '=', id)
        .where('acked_seq', '=', fromSeq)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async recordFailure(id, f: DeliveryFailure) {
      await k
        .updateTable('subscriptions')
        .set({
          failing_since: f.failingSince,
          failed_attempts: f.failedAttempts,
          last_error: f.error,
          due_at: f.dueAt,
          ...(f.pause ? { status: 'paused', paused_reason: f.pause.reason, paused_at: f.at } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', 'active')
        .execute();
    },
    async resume(org, id, now) {
      await k
        .updateTable('subscriptions')
        .set({ status: 'active', paused_reason: null, paused_at: null, failing_since: null, failed_attempts: 0, due_at: now })
        .where('org_id', '=', org)
        .where('id', '=', id)
        .where('status', '=', 'paused')
        .execute();
      const row = await byId(org, id).executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },
    headSeq,
    async seqBefore(recordTime) {
      // Record times follow seq order, so the first event at or after the time is found walking the primary key.
      const first = await k.selectFrom('events').select('seq').where('record_time', '>=', recordTime).orderBy('seq').limit(1).executeTakeFirst();
      return first ? Number(first.seq) - 1 : headSeq();
    },
  };
}

/** An EPCIS `@context` array's prefix objects, merged: the CURIE prefixes of a query's extension parameters. */
function prefixesOf(context: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of Array.isArray(context) ? context : [context]) {
    if (c && typeof c === 'object') for (const [k, v] of Object.entries(c)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/**
 * A subscription's stored query (SimpleEventQuery parameters, with the prefixes of its extension
 * parameters in `@context`) parsed by the query engine. A bad parameter is ORP_EPCIS_QUERY_INVALID
 * whose `details.field` names it as a member of the request (`query.EQ_colour`).
 */
function parsed(query: Record<string, unknown>): EventQuery {
  const { '@context': context, ...rest } = query;
  const params: QueryParams = {};
  for (const [k, v] of Object.entries(rest)) params[k] = Array.isArray(v) ? v.map(String) : String(v);
  try {
    return parseEventQuery(params, prefixesOf(context)).query;
  } catch (err) {
    if (err instanceof OrpailleError && typeof err.details['parameter'] === 'string') {
      throw new OrpailleError(err.code, err.message, { ...err.details, field: `query.${err.details['parameter']}` });
    }
    throw err;
  }
}

/**
 * The event feed of subscriptions over the EPCIS query engine: matching records after a cursor in
 * ledger order, the organisation's named queries, and the parties an organisation may see (its own
 * and those of the organisations that granted it access, as for an API caller).
 */
export function ledgerEventFeed(db: Db): EventFeed {
  const k = db.kysely;
  const events = eventQueryStore(db);
  const named = namedQueryStore(db);
  const access = accessStore(db);
  return {
    validate(query) {
      parsed(query);
    },
    async after(query, parties, afterSeq, limit) {
      const records = await events.queryEventsAfter(parsed(query), parties, afterSeq, limit);
      return records.map((r): FeedRecord => ({ seq: r.seq, eventId: r.eventId, body: r.body, recordTime: r.recordTime }));
    },
    async namedQuery(org, name) {
      const q = await named.get(org, name);
      return q ? { ...q.params, ...(Object.keys(q.prefixes).length > 0 ? { '@context': [q.prefixes] } : {}) } : undefined;
    },
    async visibleParties(org, at) {
      const row = await k.selectFrom('organisations').select('uri').where('id', '=', org).executeTakeFirst();
      if (!row) return [];
      const granted = await access.grantorUris(org, at);
      return [row.uri, ...granted.filter((u) => u !== row.uri)];
    },
  };
}
