import { fromEpcis, genealogyOf, type Genealogy, type IdentifiedEvent, type LotState } from '../custody/index.js';
import { chunks } from './chunks.js';
import type { Db } from './db.js';
import { queryStore } from './queries.js';

const IN_CHUNK = 2000;

/**
 * The backward genealogy of a lot, read from the projections: one recursive query for the edges among
 * its ancestors, the ancestor lots, and the events that touch them (through `event_lots`), never the
 * whole ledger. What the claim check reads (certification/ClaimSources).
 */
export function genealogyStore(db: Db) {
  const k = db.kysely;
  const queries = queryStore(db);
  return {
    async genealogy(lotIdOrNumber: string): Promise<{ lot: LotState; genealogy: Genealogy } | undefined> {
      const lot = await queries.lot(lotIdOrNumber);
      if (!lot) return undefined;
      const edges = await queries.ancestorEdges(lot.lot);
      const ids = [...new Set([lot.lot, ...edges.map((e) => e.input)])];
      const lots = await queries.lotsByIds(ids);
      const bodies = new Map<string, string>();
      for (const part of chunks(ids, IN_CHUNK)) {
        const rows = await k
          .selectFrom('event_lots')
          .innerJoin('events', 'events.seq', 'event_lots.seq')
          .select(['events.event_id', 'events.body'])
          .where('event_lots.lot_id', 'in', part)
          .execute();
        for (const r of rows) bodies.set(r.event_id, r.body);
      }
      const events: IdentifiedEvent[] = [];
      for (const [eventId, body] of bodies) events.push({ eventId, event: fromEpcis(JSON.parse(body) as Record<string, unknown>) });
      return { lot, genealogy: genealogyOf(lot, edges, lots, events) };
    },
  };
}

export type GenealogyStore = ReturnType<typeof genealogyStore>;
