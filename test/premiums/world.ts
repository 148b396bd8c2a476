import type { GoldEvent, PurchaseEvent } from '../../src/custody/index.js';
import type { World } from '../support/world.js';

/*
 * Certified purchases in the test world: the house buys Fairmined doré from the ASMO's miners on
 * 2 March 2026 (Bunia time), with LBMA gold at 2,000 USD/oz.
 */

/** LBMA gold prices of the test world (2,000 USD/oz from 27 February 2026). */
export async function seedLbma(w: World): Promise<void> {
  await w.orp.prices.save([{ metal: 'gold', kind: 'fixing', date: '2026-02-27', pm: '2000', currency: 'USD', source: 'test' }]);
}

/** Production and purchase of `grams` of doré at `fineness` under `scheme`, bought by the house for `price` `currency`. */
export function certifiedPurchase(w: World, n: string, o: { grams?: number; fineness?: number; scheme?: string; price: string; currency?: string; day?: number }): GoldEvent[] {
  const [production, purchase] = w.buy(n, { grams: o.grams ?? 1000, fineness: o.fineness ?? 850, scheme: o.scheme ?? 'fairmined', at: w.at(o.day ?? 2) });
  return [production!, { ...(purchase as PurchaseEvent), price: o.price, currency: o.currency ?? 'USD' }];
}
