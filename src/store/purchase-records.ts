import type { LedgerRecord } from '../ledger/index.js';
import { chunks } from './chunks.js';
import type { Db } from './db.js';
import { recordFromRow } from './rows.js';

/** A CBV business step as events may carry it: the bare word (as Orpaille writes it) or its full URI. */
const bizStep = (word: string) => [word, `urn:epcglobal:cbv:bizstep:${word}`];

/**
 * The ledger records reports read to count purchases (docs/reports.md, "Programme figures"): every purchase, not
 * only the certified ones the premium ledger holds, and what says how fine each purchased lot was. Both are cut
 * at a ledger head the caller read first, so a report is reproducible.
 */
export function purchaseRecordStore(db: Db) {
  const k = db.kysely;
  return {
    /** Purchases (TransactionEvent, bizStep accepting) recorded up to seq `head`, with event time in [fromMs, toMs), in ledger order. */
    async purchases(head: number, fromMs: number, toMs: number): Promise<LedgerRecord[]> {
      const rows = await k
        .selectFrom('events')
        .selectAll()
        .where('seq', '<=', head)
        .where('event_type', '=', 'TransactionEvent')
        .where('biz_step', 'in', bizStep('accepting'))
        .where('event_time', '>=', fromMs)
        .where('event_time', '<', toMs)
        .orderBy('seq')
        .execute();
      return rows.map(recordFromRow);
    },

    /**
     * Records up to seq `head` that may set the fineness of any of `lots`: productions and transformations
     * (which create lots) and assays, in ledger order.
     */
    async finenessRecords(lots: readonly string[], head: number): Promise<LedgerRecord[]> {
      const bySeq = new Map<number, LedgerRecord>();
      const steps = [...bizStep('commissioning'), ...bizStep('creating_class_instance'), ...bizStep('inspecting')];
      for (const part of chunks([...new Set(lots)], 500)) {
        const rows = await k
          .selectFrom('events')
          .selectAll('events')
          .where('events.seq', '<=', head)
          .where('events.biz_step', 'in', steps)
          .where(({ exists, selectFrom }) => exists(selectFrom('event_lots').select('event_lots.seq').whereRef('event_lots.seq', '=', 'events.seq').where('event_lots.lot_id', 'in', part)))
          .execute();
        for (const r of rows) bySeq.set(Number(r.seq), recordFromRow(r));
      }
      return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    },
  };
}

export type PurchaseRecordStore = ReturnType<typeof purchaseRecordStore>;
