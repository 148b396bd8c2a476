import type { DecisionContext } from './rules.js';
import type { CustodyState } from './state.js';
import type { GoldEvent } from './types.js';

/**
 * Due diligence gates the trade (OECD Step 3): an organisation takes no new lot from a supplier it
 * has suspended or disengaged from. New lots reach an organisation through a production it records
 * for a producer, a purchase where it is the buyer, or a receipt of lots it does not own yet; the
 * suppliers are the producer, miner and site, the seller, the sender, and the sites the lots came from.
 * Lots it already owns (stock received before the decision) pass: they are flagged, not refused.
 */
export function gateSuppliers(event: GoldEvent, state: CustodyState, ctx: DecisionContext, at: number): void {
  if (!ctx.checkSuppliers) return;
  const sitesOf = (lots: string[]) => lots.flatMap((l) => state.lots.get(l)?.site ?? []);
  switch (event.type) {
    case 'production':
      return ctx.checkSuppliers(event.recorder, [event.producer, ...(event.miner ? [event.miner] : []), event.site], [event.lot.lot], at);
    case 'purchase':
      return ctx.checkSuppliers(event.buyer, [event.seller, ...sitesOf(event.lots)], event.lots, at);
    case 'receive': {
      const fresh = event.lots.filter((l) => state.lots.get(l)?.owner !== event.to);
      if (fresh.length > 0) ctx.checkSuppliers(event.to, [event.from, ...sitesOf(fresh)], fresh, at);
      return;
    }
    default:
      return;
  }
}
