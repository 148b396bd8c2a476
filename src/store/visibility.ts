import type { ExpressionBuilder, Selectable, SelectQueryBuilder } from 'kysely';
import type { LotState } from '../custody/index.js';
import type { LedgerRecord } from '../ledger/index.js';
import type { AccessTables } from './access-tables.js';
import type { Db } from './db.js';
import { filteredLots, type LotFilter } from './queries.js';
import { lotFromRow, recordFromRow } from './rows.js';
import type { Database, LotsTable } from './schema.js';

type Tables = Database & AccessTables;

/*
 * Reads scoped to what a principal may see (docs/api.md): an event is visible when one of its parties
 * (recorder, source or destination, indexed in event_parties) is in `parties`; a lot when its custodian or
 * owner is, or when a visible event touches it. An empty `parties` sees nothing.
 */

function lotIsVisible(eb: ExpressionBuilder<Tables, 'lots'>, parties: string[]) {
  return eb.or([
    eb('lots.custodian', 'in', parties),
    eb('lots.owner', 'in', parties),
    eb.exists(
      eb
        .selectFrom('event_lots')
        .innerJoin('event_parties', 'event_parties.seq', 'event_lots.seq')
        .select('event_lots.seq')
        .whereRef('event_lots.lot_id', '=', 'lots.lot_id')
        .where('event_parties.party', 'in', parties),
    ),
  ]);
}

function eventIsVisible(eb: ExpressionBuilder<Tables, 'events'>, parties: string[]) {
  return eb.exists(eb.selectFrom('event_parties').select('event_parties.seq').whereRef('event_parties.seq', '=', 'events.seq').where('event_parties.party', 'in', parties));
}

/** Lot and event reads limited to the lots and events a set of parties may see. */
export function visibilityStore(db: Db) {
  const k = db.kysely.withTables<AccessTables>();
  return {
    /** Visible lots in creation order, with the same filters as `QueryStore.lots`. */
    async lots(parties: string[], filter: LotFilter = {}): Promise<LotState[]> {
      if (parties.length === 0) return [];
      const visible = k.selectFrom('lots').selectAll().where((eb) => lotIsVisible(eb, parties));
      return filteredLots(visible as unknown as SelectQueryBuilder<Database, 'lots', Selectable<LotsTable>>, filter);
    },

    /** A visible lot by URI or lot number (numbers repeat across organisations: only visible ones match). */
    async lot(idOrNumber: string, parties: string[]): Promise<LotState | undefined> {
      if (parties.length === 0) return undefined;
      const row = await k
        .selectFrom('lots')
        .selectAll()
        .where((eb) => eb.or([eb('lot_id', '=', idOrNumber), eb('lot_number', '=', idOrNumber)]))
        .where((eb) => lotIsVisible(eb, parties))
        .orderBy('created_at')
        .executeTakeFirst();
      return row ? lotFromRow(row) : undefined;
    },

    /** The visible records that touch a lot, in ledger order. */
    async lotEvents(lotId: string, parties: string[]): Promise<LedgerRecord[]> {
      if (parties.length === 0) return [];
      const rows = await k
        .selectFrom('event_lots')
        .innerJoin('events', 'events.seq', 'event_lots.seq')
        .selectAll('events')
        .where('event_lots.lot_id', '=', lotId)
        .where((eb) => eventIsVisible(eb as unknown as ExpressionBuilder<Tables, 'events'>, parties))
        .orderBy('events.seq')
        .execute();
      return rows.map(recordFromRow);
    },

    /** The mine sites where a lot the parties may see was produced (their purchases and those purchases' lineage). */
    async productionSites(parties: string[]): Promise<string[]> {
      if (parties.length === 0) return [];
      const rows = await k
        .selectFrom('lots')
        .select('lots.site')
        .distinct()
        .where('lots.site', 'is not', null)
        .where((eb) => lotIsVisible(eb, parties))
        .orderBy('lots.site')
        .execute();
      return rows.map((r) => r.site!);
    },

    /** A record by its ledger sequence number, when one of `parties` may see its event (else undefined, as for a missing one). */
    async record(seq: number, parties: string[]): Promise<LedgerRecord | undefined> {
      if (parties.length === 0) return undefined;
      const row = await k
        .selectFrom('events')
        .selectAll()
        .where('seq', '=', seq)
        .where((eb) => eventIsVisible(eb, parties))
        .executeTakeFirst();
      return row ? recordFromRow(row) : undefined;
    },

    /** Visible records with event time in [from, to), paged by seq. */
    async eventsBetween(parties: string[], fromMs: number | undefined, toMs: number | undefined, afterSeq: number, limit: number): Promise<LedgerRecord[]> {
      if (parties.length === 0) return [];
      let q = k
        .selectFrom('events')
        .selectAll()
        .where('seq', '>', afterSeq)
        .where((eb) => eventIsVisible(eb, parties));
      if (fromMs !== undefined) q = q.where('event_time', '>=', fromMs);
      if (toMs !== undefined) q = q.where('event_time', '<', toMs);
      const rows = await q.orderBy('seq').limit(limit).execute();
      return rows.map(recordFromRow);
    },
  };
}

export type VisibilityStore = ReturnType<typeof visibilityStore>;
