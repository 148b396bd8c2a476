import type { Genealogy, GoldEvent, LotUri, PartyUri, SiteUri } from '../../custody/index.js';
import { fineGoldMg, type Milligrams } from '../../kernel/index.js';

/** A ledger event as the pack reads it: sequence number, event id, its gold reading. */
export interface PackEvent {
  seq: number;
  eventId: string;
  event: GoldEvent;
}

/** How a lot reached the refiner, strongest hold first: a purchase passes ownership, an export or a receipt custody. */
const RECEIPT_KINDS = ['purchase', 'export', 'receive'] as const;
export type ReceiptKind = (typeof RECEIPT_KINDS)[number];

/** One lot reaching the refiner from a counterparty in one event. */
export interface Receipt {
  lot: LotUri;
  kind: ReceiptKind;
  /** The party the lot came from (seller, exporter, sender). */
  from: PartyUri;
  seq: number;
  eventId: string;
  at: string;
}

/**
 * The lots an organisation received in the given events: bought (it is the buyer), exported to it (it is
 * the destination) or received (it is the consignee), from someone else. Its own internal moves are not receipts.
 */
export function receiptsOf(refiner: PartyUri, events: readonly PackEvent[]): Receipt[] {
  const out: Receipt[] = [];
  for (const { seq, eventId, event: e } of events) {
    const from = e.type === 'purchase' && e.buyer === refiner ? e.seller : e.type === 'export' && e.destination === refiner ? e.exporter : e.type === 'receive' && e.to === refiner ? e.from : undefined;
    if (from === undefined || from === refiner || (e.type !== 'purchase' && e.type !== 'export' && e.type !== 'receive')) continue;
    for (const lot of e.lots) out.push({ lot, kind: e.type, from, seq, eventId, at: e.eventTime });
  }
  return out;
}

/** A received lot whose traced origin includes an ASM mine site, with the supplier it is counted under. */
export interface AsmInput {
  lot: LotUri;
  supplier: PartyUri;
  /** The receipts of the lot from that supplier in the period (event ids, ledger order). */
  receipts: Receipt[];
  /** Fine gold of the lot as the refiner received it (mass still held and fineness known at the last receipt). */
  fineMg: Milligrams;
  /** Mine sites the lot traces to, with each one's share of its fine gold (src/custody backward trace). */
  origins: { site: SiteUri; share: number }[];
  /** Sequence numbers of the chain-of-custody events back to the mine, up to the last receipt, in ledger order. */
  chain: number[];
}

/**
 * The ASM inputs among the receipts: lots whose backward genealogy (src/custody, cut at the report's ledger
 * head) reaches a mine site for which `isAsmSite` holds. Each lot is counted under one supplier: the party
 * it passed from by the strongest receipt (a purchase before an export before a receipt of custody; the
 * earliest on a tie), mapped by `supplierOf` (a miner selling directly counts under its organisation).
 */
export function asmInputs(
  receipts: readonly Receipt[],
  genealogies: ReadonlyMap<LotUri, Genealogy>,
  events: ReadonlyMap<string, PackEvent>,
  isAsmSite: (site: SiteUri) => boolean,
  supplierOf: (party: PartyUri) => PartyUri,
): AsmInput[] {
  const byLot = new Map<LotUri, Receipt[]>();
  for (const r of receipts) byLot.set(r.lot, [...(byLot.get(r.lot) ?? []), r]);
  const out: AsmInput[] = [];
  for (const [lot, rs] of [...byLot].sort(([a], [b]) => a.localeCompare(b))) {
    const g = genealogies.get(lot);
    const origins = (g?.trace.origins ?? []).filter((o) => isAsmSite(o.site));
    if (!g || origins.length === 0) continue;
    const rank = (r: Receipt) => RECEIPT_KINDS.indexOf(r.kind);
    const main = [...rs].sort((a, b) => rank(a) - rank(b) || a.seq - b.seq)[0]!;
    const supplier = supplierOf(main.from);
    const mine = rs.filter((r) => supplierOf(r.from) === supplier).sort((a, b) => a.seq - b.seq);
    const last = mine.at(-1)!.seq;
    // The chain ends where the lot reached the refiner: its later handling (assays, refining) is the refiner's own.
    const chain = g.events.map((id) => events.get(id)).filter((e): e is PackEvent => e !== undefined && e.seq <= last);
    out.push({
      lot,
      supplier,
      receipts: mine,
      fineMg: fineAsReceived(lot, chain),
      origins: origins.map((o) => ({ site: o.site, share: o.share })),
      chain: chain.map((e) => e.seq).sort((a, b) => a - b),
    });
  }
  return out;
}

/** Fine gold of a lot after the given events (its creation, what transformations took from it, its latest assay). */
function fineAsReceived(lot: LotUri, events: readonly PackEvent[]): Milligrams {
  let grossMg = 0;
  let fineness = 0;
  for (const { event: e } of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.type === 'production' && e.lot.lot === lot) ({ grossMg, fineness } = e.lot);
    else if (e.type === 'assay' && e.lot === lot) fineness = e.fineness;
    else if (e.type === 'transform') {
      const made = e.outputs.find((o) => o.lot === lot);
      if (made) ({ grossMg, fineness } = made);
      for (const i of e.inputs) if (i.lot === lot) grossMg -= i.massMg;
    }
  }
  return fineGoldMg(Math.max(grossMg, 0), fineness);
}
