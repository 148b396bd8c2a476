import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Db } from './db.js';
import { chunks } from './chunks.js';
import type { IndexedDatabase } from './event-index.js';
import type { ChainRecord } from './genealogy.js';
import { ledgerHeadNow } from './ledger-head.js';

/** Records an organisation recorded or that name it as a destination: where its purchases and receipts are. */
export const recordedOrReceivedBy = (eb: ExpressionBuilder<IndexedDatabase, 'events'>, orgUri: string) =>
  eb.or([eb('events.recorder', '=', orgUri), eb('events.seq', 'in', eb.selectFrom('event_src_dest').select('event_src_dest.seq').where('event_src_dest.dir', '=', 'destination').where('event_src_dest.id', '=', orgUri))]);

/** What the reports read besides the domain stores: the ledger head they are stamped with, lot masses. */
export function reportStore(db: Db) {
  const k = db.kysely;
  const x = db.kysely as unknown as Kysely<IndexedDatabase>;
  return {
    /** The ledger head now: a report reads it first and nothing recorded after it. */
    head: (): Promise<{ seq: number; hash: string }> => ledgerHeadNow(db),
    /** Each lot's mass when it was created (a purchased lot: the gross mass bought) and the site it came from. */
    async lotFacts(lots: readonly string[]): Promise<Map<string, { initialMg: number; site?: string }>> {
      const out = new Map<string, { initialMg: number; site?: string }>();
      for (const part of chunks([...new Set(lots)], 500)) {
        for (const r of await k.selectFrom('lots').select(['lot_id', 'initial_mg', 'site']).where('lot_id', 'in', part).execute()) {
          out.set(r.lot_id, { initialMg: Number(r.initial_mg), ...(r.site ? { site: r.site } : {}) });
        }
      }
      return out;
    },
    /**
     * Records up to `headSeq` with event time in [fromMs, toMs) that an organisation recorded or that name it
     * as a destination: where its receipts (purchases, receipts, exports to it) are, among others. Ledger order.
     */
    async namingAsDestination(orgUri: string, headSeq: number, fromMs: number, toMs: number): Promise<ChainRecord[]> {
      const rows = await x
        .selectFrom('events')
        .select(['seq', 'event_id', 'body'])
        .where('seq', '<=', headSeq)
        .where('event_time', '>=', fromMs)
        .where('event_time', '<', toMs)
        .where((eb) => recordedOrReceivedBy(eb, orgUri))
        .orderBy('seq')
        .execute();
      return rows.map((r) => ({ seq: Number(r.seq), eventId: r.event_id, body: r.body }));
    },
    /** The parties of each record (recorder, sources, destinations: what decides who may see it, docs/api.md). */
    async eventParties(seqs: readonly number[]): Promise<Map<number, string[]>> {
      const out = new Map<number, string[]>();
      for (const part of chunks([...new Set(seqs)], 500)) {
        for (const r of await x.selectFrom('event_parties').select(['seq', 'party']).where('seq', 'in', part).orderBy('seq').orderBy('party').execute()) {
          const list = out.get(Number(r.seq)) ?? [];
          list.push(r.party);
          out.set(Number(r.seq), list);
        }
      }
      return out;
    },
  };
}

export type ReportStore = ReturnType<typeof reportStore>;
