import { sql, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { CreditAccount, LotInputEdge, LotState, Metal } from '../custody/index.js';
import type { LedgerRecord } from '../ledger/index.js';
import type { Db } from './db.js';
import { creditEntryFromRow, lotFromRow, recordFromRow } from './rows.js';
import type { Database, LotsTable } from './schema.js';

export interface LotFilter {
  /** Lots the party holds or owns (URI). */
  party?: string;
  form?: string;
  status?: string;
  site?: string;
  /** Lots carrying this tag or seal serial. */
  tag?: string;
  limit?: number;
  offset?: number;
}

/** Runs a lots query narrowed by `filter`, in creation order, paged (shared with the visibility-scoped reads). */
export async function filteredLots(query: SelectQueryBuilder<Database, 'lots', Selectable<LotsTable>>, filter: LotFilter): Promise<LotState[]> {
  let q = query;
  if (filter.party) {
    const p = filter.party;
    q = q.where((eb) => eb.or([eb('custodian', '=', p), eb('owner', '=', p)]));
  }
  if (filter.form) q = q.where('form', '=', filter.form);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.site) q = q.where('site', '=', filter.site);
  if (filter.tag) {
    const t = filter.tag;
    q = q.where((eb) => eb.or([eb('tag', '=', t), eb('seal', '=', t)]));
  }
  const rows = await q
    .orderBy('created_at')
    .orderBy('lot_id')
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map(lotFromRow);
}

/** Read-side queries over the projections and the ledger. */
export function queryStore(db: Db) {
  const k = db.kysely;
  return {
    async lots(filter: LotFilter = {}): Promise<LotState[]> {
      return filteredLots(k.selectFrom('lots').selectAll(), filter);
    },

    /** A lot by URI or lot number. */
    async lot(idOrNumber: string): Promise<LotState | undefined> {
      const row = await k
        .selectFrom('lots')
        .selectAll()
        .where((eb) => eb.or([eb('lot_id', '=', idOrNumber), eb('lot_number', '=', idOrNumber)]))
        .executeTakeFirst();
      return row ? lotFromRow(row) : undefined;
    },

    async lotsByIds(ids: string[]): Promise<LotState[]> {
      if (ids.length === 0) return [];
      const out: LotState[] = [];
      for (let i = 0; i < ids.length; i += 2000) {
        const rows = await k.selectFrom('lots').selectAll().where('lot_id', 'in', ids.slice(i, i + 2000)).execute();
        out.push(...rows.map(lotFromRow));
      }
      return out;
    },

    /** The ledger records that touch a lot, in ledger order. */
    async lotEvents(lotId: string): Promise<LedgerRecord[]> {
      const rows = await k
        .selectFrom('event_lots')
        .innerJoin('events', 'events.seq', 'event_lots.seq')
        .selectAll('events')
        .where('event_lots.lot_id', '=', lotId)
        .orderBy('events.seq')
        .execute();
      return rows.map(recordFromRow);
    },

    /** Records with event time in [from, to), in event-time order, paged by seq. */
    async eventsBetween(fromMs: number | undefined, toMs: number | undefined, afterSeq: number, limit: number): Promise<LedgerRecord[]> {
      let q = k.selectFrom('events').selectAll().where('seq', '>', afterSeq);
      if (fromMs !== undefined) q = q.where('event_time', '>=', fromMs);
      if (toMs !== undefined) q = q.where('event_time', '<', toMs);
      const rows = await q.orderBy('seq').limit(limit).execute();
      return rows.map(recordFromRow);
    },

    /** Every genealogy edge among the ancestors of a lot (one recursive query). */
    async ancestorEdges(lotId: string): Promise<LotInputEdge[]> {
      const r = await sql<{ output_lot: string; input_lot: string; fine_mg: number }>`
        with recursive anc(lot) as (
          select cast(${lotId} as text)
          union
          select li.input_lot from lot_inputs li join anc on li.output_lot = anc.lot
        )
        select li.output_lot, li.input_lot, li.fine_mg from lot_inputs li join anc on li.output_lot = anc.lot`.execute(k);
      return r.rows.map((e) => ({ output: e.output_lot, input: e.input_lot, fineMg: Number(e.fine_mg) }));
    },

    /** Every genealogy edge among the descendants of the given lots. */
    async descendantEdges(lotIds: string[]): Promise<LotInputEdge[]> {
      const edges = new Map<string, LotInputEdge>();
      // Seeded by one IN list per chunk: a union of one select per lot fails past SQLite's 500 compound terms
      // (a site with more than 500 production lots), and a chunk stays far below both databases' parameter limits.
      for (let i = 0; i < lotIds.length; i += 2000) {
        const part = lotIds.slice(i, i + 2000);
        const r = await sql<{ output_lot: string; input_lot: string; fine_mg: number }>`
          with recursive des(lot) as (
            select l.lot_id from lots l where l.lot_id in (${sql.join(part)})
            union
            select li.output_lot from lot_inputs li join des on li.input_lot = des.lot
          )
          select li.output_lot, li.input_lot, li.fine_mg from lot_inputs li join des on li.input_lot = des.lot`.execute(k);
        for (const e of r.rows) edges.set(`${e.output_lot}\u0000${e.input_lot}`, { output: e.output_lot, input: e.input_lot, fineMg: Number(e.fine_mg) });
      }
      return [...edges.values()];
    },

    /** Lot ids and sites of the given lots (for trace roots). */
    async lotSites(ids: string[]): Promise<Map<string, { lot: string; site?: string }>> {
      const out = new Map<string, { lot: string; site?: string }>();
      for (let i = 0; i < ids.length; i += 2000) {
        const rows = await k.selectFrom('lots').select(['lot_id', 'site']).where('lot_id', 'in', ids.slice(i, i + 2000)).execute();
        for (const r of rows) out.set(r.lot_id, r.site ? { lot: r.lot_id, site: r.site } : { lot: r.lot_id });
      }
      return out;
    },

    /** A mass-balance credit account with every entry it ever had (spent and expired ones too), oldest first. */
    async creditAccount(holder: string, scheme: string, metal: Metal = 'gold'): Promise<CreditAccount | undefined> {
      const account = await k
        .selectFrom('credit_accounts')
        .select('last_entry')
        .where('holder', '=', holder)
        .where('scheme', '=', scheme)
        .where('metal', '=', metal)
        .executeTakeFirst();
      if (!account) return undefined;
      const rows = await k
        .selectFrom('credit_entries')
        .select(['entry', 'earned_at', 'expires_at', 'amount_mg', 'remaining_mg'])
        .where('holder', '=', holder)
        .where('scheme', '=', scheme)
        .where('metal', '=', metal)
        .orderBy('entry')
        .execute();
      return { holder, scheme, metal, lastEntry: Number(account.last_entry), entries: rows.map(creditEntryFromRow) };
    },

    /** Lots produced at a site (the roots of a forward trace from it). */
    async productionLotsAt(siteUri: string): Promise<string[]> {
      const rows = await k
        .selectFrom('lots')
        .select('lot_id')
        .where('site', '=', siteUri)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('lot_inputs').select('input_lot').whereRef('lot_inputs.output_lot', '=', 'lots.lot_id'))))
        .execute();
      return rows.map((r) => r.lot_id);
    },
  };
}

export type QueryStore = ReturnType<typeof queryStore>;
