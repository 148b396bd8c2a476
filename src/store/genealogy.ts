import { fromEpcis, genealogyOf, lotsReferenced, type Genealogy, type IdentifiedEvent, type LotInputEdge, type LotState } from '../custody/index.js';
import { chunks } from './chunks.js';
import type { Db } from './db.js';
import { queryStore } from './queries.js';

const IN_CHUNK = 2000;

/** A ledger record of a genealogy: sequence number, event id and the stored canonical body (EPCIS JSON-LD). */
export interface ChainRecord {
  seq: number;
  eventId: string;
  body: string;
}

/**
 * The backward genealogy of a lot, read from the projections: one recursive query for the edges among
 * its ancestors, the ancestor lots, and the events that touch them (through `event_lots`), never the
 * whole ledger. What the claim check reads (certification/ClaimSources).
 */
export function genealogyStore(db: Db) {
  const k = db.kysely;
  const queries = queryStore(db);
  /** Every record touching one of `ids`, up to `headSeq` when given, in ledger order. */
  const records = async (ids: readonly string[], headSeq?: number): Promise<ChainRecord[]> => {
    const out = new Map<number, ChainRecord>();
    for (const part of chunks([...ids], IN_CHUNK)) {
      let q = k.selectFrom('event_lots').innerJoin('events', 'events.seq', 'event_lots.seq').select(['events.seq', 'events.event_id', 'events.body']).where('event_lots.lot_id', 'in', part);
      if (headSeq !== undefined) q = q.where('events.seq', '<=', headSeq);
      for (const r of await q.execute()) out.set(Number(r.seq), { seq: Number(r.seq), eventId: r.event_id, body: r.body });
    }
    return [...out.values()].sort((a, b) => a.seq - b.seq);
  };
  const identified = (rs: readonly ChainRecord[]): IdentifiedEvent[] => rs.map((r) => ({ eventId: r.eventId, event: fromEpcis(JSON.parse(r.body) as Record<string, unknown>) }));
  return {
    async genealogy(lotIdOrNumber: string): Promise<{ lot: LotState; genealogy: Genealogy } | undefined> {
      const lot = await queries.lot(lotIdOrNumber);
      if (!lot) return undefined;
      const edges = await queries.ancestorEdges(lot.lot);
      const ids = [...new Set([lot.lot, ...edges.map((e) => e.input)])];
      const lots = await queries.lotsByIds(ids);
      return { lot, genealogy: genealogyOf(lot, edges, lots, identified(await records(ids))) };
    },

    /**
     * The genealogies of several lots as the ledger stood at `headSeq` (a report's head): events recorded
     * after it are not read. Lots and edges never change once written (a lot's ancestors exist before it),
     * so only the events need the cut. Also returns the records, for documents that carry the stored bodies.
     */
    async genealogiesAt(lotIds: readonly string[], headSeq: number): Promise<{ genealogies: Map<string, Genealogy>; records: ChainRecord[] }> {
      const edges = new Map<string, LotInputEdge[]>();
      for (const id of lotIds) edges.set(id, await queries.ancestorEdges(id));
      const ids = [...new Set([...lotIds, ...[...edges.values()].flat().map((e) => e.input)])];
      const lots = await queries.lotsByIds(ids);
      const byId = new Map(lots.map((l) => [l.lot, l]));
      const rs = await records(ids, headSeq);
      // Each genealogy is built from the events of its own lots only: the roots' chains share few events.
      const touching = new Map<string, IdentifiedEvent[]>();
      for (const e of identified(rs)) {
        for (const lot of new Set(lotsReferenced(e.event))) {
          const list = touching.get(lot);
          if (list) list.push(e);
          else touching.set(lot, [e]);
        }
      }
      const genealogies = new Map<string, Genealogy>();
      for (const id of lotIds) {
        const root = byId.get(id);
        const own = edges.get(id) ?? [];
        const events = new Set([id, ...own.map((e) => e.input)].flatMap((lot) => touching.get(lot) ?? []));
        if (root) genealogies.set(id, genealogyOf(root, own, lots, [...events]));
      }
      return { genealogies, records: rs };
    },
  };
}

export type GenealogyStore = ReturnType<typeof genealogyStore>;
