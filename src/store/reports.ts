import type { Db } from './db.js';
import { chunks } from './chunks.js';
import { ledgerHeadNow } from './ledger-head.js';

/** What the reports read besides the domain stores: the ledger head they are stamped with, lot masses. */
export function reportStore(db: Db) {
  const k = db.kysely;
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
  };
}

export type ReportStore = ReturnType<typeof reportStore>;
