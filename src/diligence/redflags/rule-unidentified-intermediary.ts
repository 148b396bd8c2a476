import type { PurchaseEvent, ReceiveEvent, ShipEvent } from '../../custody/index.js';
import { kycDate } from '../kyc.js';
import type { IntermediaryGap } from './rules.js';
import type { RedFlagHit, ScanContext, ScanEvent } from './types.js';

/*
 * unidentified_intermediary (OECD Gold Supplement "unexplained intermediaries"; information to collect:
 * "transport routes and all intermediaries", GOLD-RULES s.5): a purchase, ship or receive whose
 * counterparty the recorder cannot identify on the event's date. A registered organisation is identified
 * by the recorder's know-your-counterparty file (beneficial owners, src/diligence/kyc.ts); a miner
 * registered by the event's day is a natural person selling their own gold, identified by registration. One incident per
 * recorder, counterparty and calendar month.
 */

/** The parties of a transfer other than its recorder (both of them when a third party records it). */
function counterparties(g: PurchaseEvent | ShipEvent | ReceiveEvent): string[] {
  const pair = g.type === 'purchase' ? [g.seller, g.buyer] : [g.from, g.to];
  const others = pair.filter((p) => p !== g.recorder);
  return [...new Set(others)];
}

/** What identification of `party` the recorder lacks on `day`. */
function gapsOf(ctx: ScanContext, recorder: string, party: string, day: string): { gaps: IntermediaryGap[]; registeredAs: string; kycRecords: number; beneficialOwners: number } {
  const miner = ctx.miners.get(party);
  const registeredAs = ctx.organisations.has(party) ? 'organisation' : miner && miner.registeredOn <= day ? 'miner' : 'none';
  if (registeredAs === 'miner') return { gaps: [], registeredAs, kycRecords: 0, beneficialOwners: 0 };
  const records = (ctx.kycRecords?.(recorder, party) ?? []).filter((r) => kycDate(r) <= day);
  const owners = records.filter((r) => r.kind === 'beneficial_owner').length;
  const gaps: IntermediaryGap[] = [];
  if (registeredAs === 'none') gaps.push('unregistered');
  if (records.length === 0) gaps.push('no_kyc_record');
  if (owners === 0) gaps.push('no_beneficial_owner');
  return { gaps, registeredAs, kycRecords: records.length, beneficialOwners: owners };
}

/** One hit per counterparty of a transfer with an identification gap the rule in force counts. */
export function unidentifiedIntermediary(ev: ScanEvent, g: PurchaseEvent | ShipEvent | ReceiveEvent, ctx: ScanContext, fresh: (key: string) => boolean): RedFlagHit[] {
  if (!ctx.kycRecords) return [];
  const rule = ctx.rules.unidentifiedIntermediary(g.eventTime);
  if (!rule?.value.enabled) return [];
  const day = g.eventTime.slice(0, 10);
  const out: RedFlagHit[] = [];
  for (const party of counterparties(g)) {
    const key = `unidentified_intermediary|${g.recorder}|${party}|${day.slice(0, 7)}`;
    if (!fresh(key)) continue;
    const found = gapsOf(ctx, g.recorder, party, day);
    const counted = found.gaps.filter((x) => rule.value.gaps.includes(x));
    if (counted.length === 0) continue;
    const name = ctx.organisations.get(party)?.name ?? party;
    out.push({
      rule: 'unidentified_intermediary',
      key,
      org: g.recorder,
      subject: party,
      eventTime: g.eventTime,
      seqs: [ev.seq],
      summary: `${g.type} with ${name}, not identified on ${day}: ${counted.join(', ')}`,
      numbers: { event: g.type, counterparty: party, registeredAs: found.registeredAs, kycRecords: found.kycRecords, beneficialOwners: found.beneficialOwners, missing: counted.join(', ') },
      threshold: { gaps: rule.value.gaps },
      ruleVersion: rule.version,
    });
  }
  return out;
}
