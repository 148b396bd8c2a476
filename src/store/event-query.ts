import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { EpcMatch, EventQuery, FieldCondition, TypedIdCondition } from '../epcis/index.js';
import type { LedgerRecord } from '../ledger/index.js';
import type { Db } from './db.js';
import type { IndexedDatabase } from './event-index.js';
import { recordFromRow } from './rows.js';

/*
 * The EPCIS query interface compiled to SQL, once for both dialects (docs/query.md): each condition
 * reads an indexed column of `events` or an IN subquery on an index table, and every query is
 * restricted to events one of the caller's parties may see (event_parties).
 */

type Eb = ExpressionBuilder<IndexedDatabase, 'events'>;

/** One event of a query result, with its sort key for the next page. */
export interface QueriedEvent {
  seq: number;
  eventTime: number;
  recordTime: number;
  body: string;
}

/** Where the previous page ended: the sort key of its last event. */
export interface PageAfter {
  eventTime: number;
  seq: number;
}

/** The first string after `prefix` in binary order that does not start with it: prefix matches are index ranges. */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

function visibleTo(eb: Eb, parties: string[]): Expression<SqlBool> {
  return eb.exists(eb.selectFrom('event_parties').select(sql<number>`1`.as('one')).whereRef('event_parties.seq', '=', 'events.seq').where('event_parties.party', 'in', parties));
}

function epcCondition(eb: Eb, m: EpcMatch): Expression<SqlBool> {
  const sub = eb
    .selectFrom('event_epcs')
    .select('event_epcs.seq')
    .where('event_epcs.role', 'in', m.roles)
    .where((e) => {
      const any: Expression<SqlBool>[] = [];
      if (m.values.length > 0) any.push(e('event_epcs.epc', 'in', m.values));
      for (const p of m.prefixes) any.push(e.and([e('event_epcs.epc', '>=', p), e('event_epcs.epc', '<', prefixEnd(p))]));
      return e.or(any);
    });
  return eb('events.seq', 'in', sub);
}

function bizTxCondition(eb: Eb, c: TypedIdCondition): Expression<SqlBool> {
  return eb('events.seq', 'in', eb.selectFrom('event_biz_tx').select('event_biz_tx.seq').where('event_biz_tx.id', 'in', c.ids).where('event_biz_tx.type', '=', c.type));
}

function srcDestCondition(eb: Eb, dir: 'source' | 'destination', c: TypedIdCondition): Expression<SqlBool> {
  return eb(
    'events.seq',
    'in',
    eb.selectFrom('event_src_dest').select('event_src_dest.seq').where('event_src_dest.id', 'in', c.ids).where('event_src_dest.dir', '=', dir).where('event_src_dest.type', '=', c.type),
  );
}

const COMPARISON = { GT: '>', GE: '>=', LT: '<', LE: '<=' } as const;

function fieldCondition(eb: Eb, f: FieldCondition): Expression<SqlBool> {
  let sub = eb.selectFrom('event_fields').select('event_fields.seq').where('event_fields.name', '=', f.name).where('event_fields.scope', '=', f.scope);
  if (f.op === 'EQ') {
    const texts = f.texts ?? [];
    const nums = f.nums ?? [];
    sub = sub.where((e) => e.or([e('event_fields.text_value', 'in', texts), ...(nums.length > 0 ? [e('event_fields.num_value', 'in', nums)] : [])]));
  } else if (f.op !== 'EXISTS') {
    sub = sub.where('event_fields.num_value', COMPARISON[f.op], f.nums![0]!);
  }
  return eb('events.seq', 'in', sub);
}

/** Every condition of a query (and visibility) as one list to AND. */
function conditions(eb: Eb, q: EventQuery, parties: string[]): Expression<SqlBool>[] {
  const all: Expression<SqlBool>[] = [visibleTo(eb, parties)];
  if (q.eventTypes) all.push(eb('events.event_type', 'in', q.eventTypes));
  if (q.eventTime?.ge !== undefined) all.push(eb('events.event_time', '>=', q.eventTime.ge));
  if (q.eventTime?.lt !== undefined) all.push(eb('events.event_time', '<', q.eventTime.lt));
  if (q.recordTime?.ge !== undefined) all.push(eb('events.record_time', '>=', q.recordTime.ge));
  if (q.recordTime?.lt !== undefined) all.push(eb('events.record_time', '<', q.recordTime.lt));
  if (q.actions) all.push(eb('events.action', 'in', q.actions));
  if (q.bizSteps) all.push(eb('events.biz_step', 'in', q.bizSteps));
  if (q.dispositions) all.push(eb('events.disposition', 'in', q.dispositions));
  if (q.readPoints) all.push(eb('events.read_point', 'in', q.readPoints));
  if (q.bizLocations) all.push(eb('events.biz_location', 'in', q.bizLocations));
  for (const m of q.epcs) all.push(epcCondition(eb, m));
  for (const c of q.bizTransactions) all.push(bizTxCondition(eb, c));
  for (const c of q.sources) all.push(srcDestCondition(eb, 'source', c));
  for (const c of q.destinations) all.push(srcDestCondition(eb, 'destination', c));
  for (const f of q.fields) all.push(fieldCondition(eb, f));
  return all;
}

/** Resource lists of the REST binding: the column each lists the values of. */
export const RESOURCE_COLUMNS = {
  bizSteps: 'biz_step',
  dispositions: 'disposition',
  readPoints: 'read_point',
  bizLocations: 'biz_location',
  eventTypes: 'event_type',
} as const;
export type ResourceList = keyof typeof RESOURCE_COLUMNS;

/** Queries over the event index. */
export function eventQueryStore(db: Db) {
  const k = db.kysely as unknown as Kysely<IndexedDatabase>;
  return {
    /**
     * One page of a query's results in its order (event time or ledger order, ASC or DESC), after the
     * sort key where the previous page ended. Returns up to `limit` events.
     */
    async page(q: EventQuery, parties: string[], limit: number, after?: PageAfter): Promise<QueriedEvent[]> {
      if (parties.length === 0 || limit <= 0) return [];
      const asc = q.orderDirection === 'ASC';
      const dir = asc ? 'asc' : 'desc';
      let s = k
        .selectFrom('events')
        .select(['events.seq', 'events.event_time', 'events.record_time', 'events.body'])
        .where((eb) => eb.and(conditions(eb, q, parties)));
      if (q.orderBy === 'eventTime') {
        if (after) s = s.where((eb) => eb(eb.refTuple('events.event_time', 'events.seq'), asc ? '>' : '<', eb.tuple(after.eventTime, after.seq)));
        s = s.orderBy('events.event_time', dir).orderBy('events.seq', dir);
      } else {
        // Records are numbered as they are recorded: ledger order is record-time order.
        if (after) s = s.where('events.seq', asc ? '>' : '<', after.seq);
        s = s.orderBy('events.seq', dir);
      }
      const rows = await s.limit(limit).execute();
      return rows.map((r) => ({ seq: Number(r.seq), eventTime: Number(r.event_time), recordTime: Number(r.record_time), body: r.body }));
    },

    /**
     * Records matching a query with seq > afterSeq, in seq (= record time) order, at most `limit`:
     * what a subscription delivers after the last record it sent. The query's own order is ignored.
     */
    async queryEventsAfter(q: EventQuery, parties: string[], afterSeq: number, limit: number): Promise<LedgerRecord[]> {
      if (parties.length === 0 || limit <= 0) return [];
      const rows = await k
        .selectFrom('events')
        .selectAll('events')
        .where((eb) => eb.and(conditions(eb, q, parties)))
        .where('events.seq', '>', afterSeq)
        .orderBy('events.seq')
        .limit(limit)
        .execute();
      return rows.map(recordFromRow);
    },

    /** Distinct values of a resource (bizSteps, readPoints, ...) among visible events, in binary order after `after`. */
    async resourceValues(list: ResourceList, parties: string[], limit: number, after?: string): Promise<string[]> {
      if (parties.length === 0) return [];
      const col = RESOURCE_COLUMNS[list];
      let candidates = k.selectFrom('events').select(`events.${col} as value`).distinct().where(`events.${col}`, 'is not', null);
      if (after !== undefined) candidates = candidates.where(`events.${col}`, '>', after);
      const rows = await k
        .selectFrom(candidates.as('d'))
        .select('d.value')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('events as e')
              .innerJoin('event_parties as p', 'p.seq', 'e.seq')
              .select(sql<number>`1`.as('one'))
              .whereRef(`e.${col}`, '=', 'd.value')
              .where('p.party', 'in', parties),
          ),
        )
        .orderBy('d.value')
        .limit(limit)
        .execute();
      return rows.map((r) => r.value as string);
    },
  };
}

export type EventQueryStore = ReturnType<typeof eventQueryStore>;
