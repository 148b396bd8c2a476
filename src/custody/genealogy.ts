import { fineGoldMg, parseIsoDateTime, type Milligrams } from '../kernel/index.js';
import { traceBackward, type BackwardTrace } from './trace.js';
import type { CocModel, GoldEvent, LotForm, LotInputEdge, LotState, LotUri, PartyUri, SiteUri } from './types.js';

/*
 * The backward genealogy of a lot: every ancestor lot with its model and scheme, how each came about
 * (production at a site by a producer, or a transformation of its inputs), and every handover or
 * handling of those lots up to the moment they went into the next lot of the chain. It is what a
 * certification claim is judged on, built from the lots' own events only (never the whole ledger).
 */

/** Events that move or handle a lot along the chain. */
export const TRANSFER_TYPES = ['production', 'purchase', 'ship', 'receive', 'export', 'transform'] as const;
export type TransferType = (typeof TRANSFER_TYPES)[number];

/** One event of the chain, as the parties it involves. */
export interface Transfer {
  /** Ledger event id (CBV 2.0 event hash). */
  eventId: string;
  type: TransferType;
  /** The event's instant (ISO 8601). */
  at: string;
  /** The calendar date where it happened (its own offset): authorisations are judged on this day. */
  date: string;
  /** Lots of the genealogy it concerns. */
  lots: LotUri[];
  /** Who gives up ownership or custody (seller, sender, exporter); absent for productions and transformations. */
  from?: PartyUri;
  /** Who takes ownership or custody (buyer, consignee, the first owner of production), or the custodian transforming. */
  to: PartyUri;
  /** What passes from `from` to `to`. */
  passes: 'ownership' | 'custody' | 'ownership_and_custody' | 'nothing';
}

/** How a production lot came about. */
export interface Origin {
  site: SiteUri;
  producer: PartyUri;
  miner?: PartyUri;
  eventId: string;
  /** Production date where it happened. */
  date: string;
}

/** A lot of the genealogy. */
export interface GenealogyLot {
  lot: LotUri;
  form: LotForm;
  cocModel: CocModel;
  scheme?: string;
  /** Fine gold when the lot came into existence. */
  fineMg: Milligrams;
  /** Lots it was made from (none for a production lot). */
  inputs: LotUri[];
  /** The event that created it (production or transformation), when it is in the ledger. */
  createdBy?: string;
  /** For a production lot: where, by whom and when. */
  origin?: Origin;
}

export interface Genealogy {
  lot: LotUri;
  /** The lot itself first, then its ancestors nearest first. */
  lots: GenealogyLot[];
  /** The chain's events in time order. */
  transfers: Transfer[];
  /** Ids of every event of the chain in time order: the transfers and the handlings that hand nothing over (packing, assays). */
  events: string[];
  /** Shares of the lot's fine gold per mine site. */
  trace: BackwardTrace;
}

/** A ledger event with its id, as the genealogy reads it. */
export interface IdentifiedEvent {
  eventId: string;
  event: GoldEvent;
}

/**
 * Builds the genealogy of `root` from the genealogy edges among its ancestors, the ancestor lots and
 * the events that touch them. An ancestor's events count up to the transformation that took it into
 * the next lot of the chain: what happened to the rest of a partly used lot afterwards is another
 * chain's business.
 */
export function genealogyOf(root: LotState, edges: LotInputEdge[], lots: LotState[], events: IdentifiedEvent[]): Genealogy {
  const byLot = new Map(lots.map((l) => [l.lot, l]));
  byLot.set(root.lot, root);
  const inputsOf = new Map<LotUri, LotUri[]>();
  const outputsOf = new Map<LotUri, LotUri[]>();
  for (const e of edges) {
    inputsOf.set(e.output, [...(inputsOf.get(e.output) ?? []), e.input]);
    outputsOf.set(e.input, [...(outputsOf.get(e.input) ?? []), e.output]);
  }
  const trace = traceBackward(root, edges, byLot);
  const order = [root.lot, ...trace.ancestors.map((a) => a.lot)];
  const inChain = new Set(order);

  const sorted = [...new Map(events.map((e) => [e.eventId, e])).values()].sort((a, b) => instant(a.event) - instant(b.event) || a.eventId.localeCompare(b.eventId));
  const createdBy = new Map<LotUri, IdentifiedEvent>();
  for (const e of sorted) {
    if (e.event.type === 'production') createdBy.set(e.event.lot.lot, e);
    if (e.event.type === 'transform') for (const o of e.event.outputs) createdBy.set(o.lot, e);
  }
  // A lot's part of the chain ends when the (last) transformation into a lot of the chain took it.
  const until = new Map<LotUri, number>();
  for (const lot of order) {
    const ends = (outputsOf.get(lot) ?? []).filter((o) => inChain.has(o)).map((o) => createdBy.get(o)).filter((e) => e !== undefined);
    if (ends.length > 0) until.set(lot, Math.max(...ends.map((e) => instant(e.event))));
  }
  const concerns = (lot: LotUri, at: number) => inChain.has(lot) && at <= (until.get(lot) ?? Number.POSITIVE_INFINITY);

  const transfers: Transfer[] = [];
  const chain: string[] = [];
  for (const { eventId, event } of sorted) {
    const at = instant(event);
    const touched = (lotsOf(event).filter((l) => concerns(l, at)));
    if (touched.length === 0) continue;
    chain.push(eventId);
    const t = transferOf(eventId, event, [...new Set(touched)]);
    if (t) transfers.push(t);
  }

  const glots: GenealogyLot[] = order.map((uri) => {
    const l = byLot.get(uri);
    const made = createdBy.get(uri);
    const origin = made?.event.type === 'production' ? made.event : undefined;
    return {
      lot: uri,
      form: l?.form ?? 'dore',
      cocModel: l?.cocModel ?? 'mass_balance',
      ...(l?.scheme !== undefined ? { scheme: l.scheme } : {}),
      fineMg: l ? fineGoldMg(l.initialMg, l.fineness) : 0,
      inputs: [...new Set(inputsOf.get(uri) ?? [])],
      ...(made ? { createdBy: made.eventId } : {}),
      ...(origin
        ? { origin: { site: origin.site, producer: origin.producer, ...(origin.miner ? { miner: origin.miner } : {}), eventId: made!.eventId, date: localDate(origin) } }
        : {}),
    };
  });
  return { lot: root.lot, lots: glots, transfers, events: chain, trace };
}

function instant(e: GoldEvent): number {
  return parseIsoDateTime(e.eventTime);
}

/** The calendar date of an event where it happened, from its time and offset. */
export function localDate(e: Pick<GoldEvent, 'eventTime' | 'eventTimeZoneOffset'>): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(e.eventTimeZoneOffset);
  const offsetMin = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(parseIsoDateTime(e.eventTime) + offsetMin * 60_000).toISOString().slice(0, 10);
}

function lotsOf(e: GoldEvent): LotUri[] {
  switch (e.type) {
    case 'production':
      return [e.lot.lot];
    case 'transform':
      return [...e.inputs.map((i) => i.lot), ...e.outputs.map((o) => o.lot)];
    case 'assay':
    case 'consume':
      return [e.lot];
    default:
      return e.lots;
  }
}

function transferOf(eventId: string, e: GoldEvent, lots: LotUri[]): Transfer | undefined {
  const base = { eventId, at: e.eventTime, date: localDate(e), lots };
  switch (e.type) {
    case 'production':
      return { ...base, type: 'production', to: e.miner ?? e.producer, passes: 'nothing' };
    case 'purchase':
      return { ...base, type: 'purchase', from: e.seller, to: e.buyer, passes: e.custodyTransferred ? 'ownership_and_custody' : 'ownership' };
    case 'ship':
    case 'receive':
      return { ...base, type: e.type, from: e.from, to: e.to, passes: 'custody' };
    case 'export':
      return { ...base, type: 'export', from: e.exporter, to: e.destination, passes: 'custody' };
    case 'transform':
      return { ...base, type: 'transform', to: e.recorder, passes: 'nothing' };
    default:
      // Packing, assays and consumption hand nothing over.
      return undefined;
  }
}
