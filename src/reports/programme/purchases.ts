import type { GoldEvent } from '../../custody/index.js';
import type { Fineness } from '../../kernel/index.js';

/**
 * The fineness each lot had at a point of the ledger, from the events that set it (in ledger order): the
 * fineness its production or transformation declared, then each assay. A purchase is valued at the fineness
 * its lots had when bought, as the premium ledger values certified ones, not at a later assay's.
 */
export function finenessHistory(records: readonly { seq: number; event: GoldEvent }[]): (lot: string, beforeSeq: number) => Fineness | undefined {
  const history = new Map<string, { seq: number; fineness: Fineness }[]>();
  const set = (lot: string, seq: number, fineness: Fineness) => history.set(lot, [...(history.get(lot) ?? []), { seq, fineness }]);
  for (const { seq, event: e } of [...records].sort((a, b) => a.seq - b.seq)) {
    if (e.type === 'production') set(e.lot.lot, seq, e.lot.fineness);
    else if (e.type === 'transform') for (const o of e.outputs) set(o.lot, seq, o.fineness);
    else if (e.type === 'assay') set(e.lot, seq, e.fineness);
  }
  return (lot, beforeSeq) => history.get(lot)?.filter((h) => h.seq < beforeSeq).at(-1)?.fineness;
}
