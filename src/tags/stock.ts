import type { PartyUri } from '../custody/index.js';
import type { TagCount, TagIssue, TagReconciliation, TagStock, TagUse } from './types.js';

/**
 * An agent's stock on `date` (end of day) from the registry and the ledger: each tag issued to the
 * agent by then is in exactly one place, decided by the first thing that happened to it by then
 * (used, voided or lost; a use and a declaration on the same day count as a use); otherwise on hand.
 * `usesOf` gives a serial's uses in the ledger, by anyone.
 */
export function stockOn(agent: PartyUri, date: string, issues: readonly TagIssue[], usesOf: (serial: string) => readonly TagUse[]): TagStock {
  const stock: TagStock = { agent, date, issued: 0, used: 0, voided: 0, lost: 0, onHand: 0, onHandSerials: [] };
  for (const t of issues) {
    if (t.agent !== agent || t.issuedOn > date) continue;
    stock.issued++;
    let firstUse: string | undefined;
    for (const u of usesOf(t.serial)) if (u.day <= date && (firstUse === undefined || u.day < firstUse)) firstUse = u.day;
    const declared = t.state !== 'issued' && t.stateOn !== undefined && t.stateOn <= date ? t.stateOn : undefined;
    if (firstUse !== undefined && (declared === undefined || firstUse <= declared)) stock.used++;
    else if (declared !== undefined) stock[t.state === 'voided' ? 'voided' : 'lost']++;
    else stock.onHandSerials.push(t.serial);
  }
  stock.onHandSerials.sort();
  stock.onHand = stock.onHandSerials.length;
  return stock;
}

/** A count against the stock of its agent on its day; a count by serial also lists what is missing and what is extra. */
export function reconcile(stock: TagStock, count: TagCount, toleranceTags = 0): TagReconciliation {
  const difference = count.onHand - stock.onHand;
  let missing: string[] = [];
  let extra: string[] = [];
  if (count.serials) {
    const counted = new Set(count.serials);
    const expected = new Set(stock.onHandSerials);
    missing = stock.onHandSerials.filter((s) => !counted.has(s));
    extra = [...counted].filter((s) => !expected.has(s)).sort();
  }
  const off = count.serials ? missing.length + extra.length : Math.abs(difference);
  return { stock, count, difference, missing, extra, reconciled: off <= toleranceTags };
}
