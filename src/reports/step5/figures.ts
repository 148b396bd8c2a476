import { traceBackward, type GoldEvent, type LotInputEdge, type LotState } from '../../custody/index.js';
import { fineGoldMg, formatScaled, type Milligrams } from '../../kernel/index.js';
import { ASM_LICENCE_TYPES, type LicenceType } from '../../parties/index.js';

/** The ledger data the figures are computed from: lots of the organisation's supply and their genealogy, cut at the head. */
export interface SupplyLedger {
  lots: readonly { lot: string; site: string | null }[];
  /** Transformation edges with the fine gold of the input that went into the output. */
  edges: readonly LotInputEdge[];
  /** Every event of those lots up to the head, any order (sorted by `seq` here). */
  events: readonly { seq: number; event: GoldEvent }[];
}

/**
 * What the figures read of an event, one step of a lot's life: a lot made (production, transform output), mass
 * taken out of it (transform input), its fineness assayed, or lots bought (`purchase`, with the buyer and whether
 * the seller declared them recycled) or received (`receive`, with the consignee). The store reads these from
 * indexed columns (src/store/step5-supply.ts) instead of parsing every event's body.
 */
export type SupplyMove =
  | { seq: number; kind: 'create'; lot: string; grossMg: number; fineness: number; scheme?: string }
  | { seq: number; kind: 'consume'; lot: string; massMg: number }
  | { seq: number; kind: 'assay'; lot: string; fineness: number }
  | { seq: number; kind: 'purchase' | 'receive'; lots: readonly string[]; party: string; atMs: number; recycled: boolean };

/** The same ledger data as moves (what goldFiguresOfMoves replays). */
export interface SupplyMoves {
  lots: SupplyLedger['lots'];
  edges: SupplyLedger['edges'];
  /** Any order: replayed by `seq`, moves of one event in the order given. */
  moves: readonly SupplyMove[];
}

/** The moves of gold events that matter to the figures, in event order (inputs of a transform before its outputs). */
export function supplyMoves(events: SupplyLedger['events']): SupplyMove[] {
  const out: SupplyMove[] = [];
  for (const { seq, event: e } of events) {
    if (e.type === 'production') out.push({ seq, kind: 'create', lot: e.lot.lot, grossMg: e.lot.grossMg, fineness: e.lot.fineness, ...(e.lot.scheme ? { scheme: e.lot.scheme } : {}) });
    else if (e.type === 'transform') {
      for (const i of e.inputs) out.push({ seq, kind: 'consume', lot: i.lot, massMg: i.massMg });
      for (const o of e.outputs) out.push({ seq, kind: 'create', lot: o.lot, grossMg: o.grossMg, fineness: o.fineness, ...(o.scheme ? { scheme: o.scheme } : {}) });
    } else if (e.type === 'assay') out.push({ seq, kind: 'assay', lot: e.lot, fineness: e.fineness });
    else if (e.type === 'purchase') out.push({ seq, kind: 'purchase', lots: e.lots, party: e.buyer, atMs: Date.parse(e.eventTime), recycled: e.declaredMaterial === 'recycled' });
    else if (e.type === 'receive') out.push({ seq, kind: 'receive', lots: e.lots, party: e.to, atMs: Date.parse(e.eventTime), recycled: false });
  }
  return out;
}

/** What the figures need of a mine site. */
export interface SiteFacts {
  name: string;
  country: string;
  licenceType: LicenceType;
}

/** How gold is classed for the ASM share. */
export type OriginClass = 'asm' | 'other_mined' | 'recycled' | 'unknown';

/** Fine gold that came into the organisation in the year, by origin. Masses in milligrams of fine gold. */
export interface GoldFigures {
  /** Lots bought or received in the year (each counted once, at its first intake). */
  lots: number;
  totalMg: Milligrams;
  /** By country of the mine site (ISO 3166-1 alpha-2), `recycled` or `unknown`; largest first. */
  byCountry: { country: string; fineMg: Milligrams }[];
  byClass: Record<OriginClass, Milligrams>;
  /** Fine gold of lots carrying a certification scheme when they came in, per scheme. */
  certified: { scheme: string; fineMg: Milligrams }[];
  certifiedMg: Milligrams;
}

interface LotNow {
  heldMg: number;
  fineness: number;
  scheme?: string;
}

/**
 * The fine gold an organisation bought or received in a period (purchases it is the buyer of, receipts it is
 * the consignee of; a lot counts once, at its first intake) and where it came from: each lot's fine gold at
 * intake is split over the mine sites of its backward trace (custody traceBackward, proportional through every
 * mix and split) and their countries; the untraced part is recycled when a seller declared the lot or an
 * ancestor recycled, else unknown.
 */
export function goldFigures(org: string, period: { fromMs: number; toMs: number }, supply: SupplyLedger, sites: ReadonlyMap<string, SiteFacts>): GoldFigures {
  return goldFiguresOfMoves(org, period, { lots: supply.lots, edges: supply.edges, moves: supplyMoves(supply.events) }, sites);
}

/** goldFigures from the moves of the supply's events (what the Step 5 report reads from the store). */
export function goldFiguresOfMoves(org: string, period: { fromMs: number; toMs: number }, supply: SupplyMoves, sites: ReadonlyMap<string, SiteFacts>): GoldFigures {
  const now = new Map<string, LotNow>();
  const intake = new Map<string, { fineMg: number; scheme?: string }>();
  const declaredRecycled = new Set<string>();
  const take = (lots: readonly string[]) => {
    for (const lot of lots) {
      const s = now.get(lot);
      if (!s || intake.has(lot)) continue;
      intake.set(lot, { fineMg: fineGoldMg(Math.max(0, s.heldMg), s.fineness), ...(s.scheme ? { scheme: s.scheme } : {}) });
    }
  };
  // A stable sort: the moves of one event keep their order (a transform's inputs are taken out before its outputs are made).
  for (const m of [...supply.moves].sort((a, b) => a.seq - b.seq)) {
    if (m.kind === 'create') now.set(m.lot, { heldMg: m.grossMg, fineness: m.fineness, ...(m.scheme ? { scheme: m.scheme } : {}) });
    else if (m.kind === 'consume') {
      const s = now.get(m.lot);
      if (s) s.heldMg -= m.massMg;
    } else if (m.kind === 'assay') {
      const s = now.get(m.lot);
      if (s) s.fineness = m.fineness;
    } else {
      if (m.recycled) for (const l of m.lots) declaredRecycled.add(l);
      if (m.party === org && m.atMs >= period.fromMs && m.atMs < period.toMs) take(m.lots);
    }
  }

  const inputsOf = new Map<string, LotInputEdge[]>();
  for (const e of supply.edges) inputsOf.set(e.output, [...(inputsOf.get(e.output) ?? []), e]);
  const lotSites = new Map(supply.lots.map((l) => [l.lot, { lot: l.lot, ...(l.site ? { site: l.site } : {}) }]));
  /** The edges among a lot's ancestors (what traceBackward walks), and the ancestors themselves. */
  const ancestry = (root: string) => {
    const edges: LotInputEdge[] = [];
    const seen = new Set([root]);
    for (let todo = [root]; todo.length > 0; ) {
      const next: string[] = [];
      for (const l of todo) {
        for (const e of inputsOf.get(l) ?? []) {
          edges.push(e);
          if (!seen.has(e.input)) {
            seen.add(e.input);
            next.push(e.input);
          }
        }
      }
      todo = next;
    }
    return { edges, lots: seen };
  };

  const byCountry = new Map<string, number>();
  const byClass: Record<OriginClass, number> = { asm: 0, other_mined: 0, recycled: 0, unknown: 0 };
  const certified = new Map<string, number>();
  const add = <K>(m: Map<K, number>, k: K, mg: number) => m.set(k, (m.get(k) ?? 0) + mg);
  let totalMg = 0;
  for (const [lot, { fineMg, scheme }] of intake) {
    totalMg += fineMg;
    if (scheme) add(certified, scheme, fineMg);
    const { edges, lots } = ancestry(lot);
    // Fineness 1000.0 makes the traced fine gold the intake fine gold, so each origin's share comes out in milligrams.
    const trace = traceBackward(rootLot(lot, fineMg), edges, lotSites);
    let traced = 0;
    const parts = trace.origins.map((o) => {
      traced += o.fineMg;
      return { site: o.site, fineMg: o.fineMg };
    });
    const rest = fineMg - traced;
    if (trace.unknownShare > 0 || parts.length === 0) {
      const kind = [...lots].some((l) => declaredRecycled.has(l)) ? 'recycled' : 'unknown';
      add(byCountry, kind, rest);
      byClass[kind] += rest;
    } else parts[0]!.fineMg += rest; // rounding of the shares: the largest origin takes the milligram or two
    for (const p of parts) {
      const site = sites.get(p.site);
      add(byCountry, site?.country || 'unknown', p.fineMg);
      byClass[site && ASM_LICENCE_TYPES.has(site.licenceType) ? 'asm' : 'other_mined'] += p.fineMg;
    }
  }
  const sorted = <K extends string>(m: Map<K, number>) => [...m].filter(([, mg]) => mg !== 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    lots: intake.size,
    totalMg,
    byCountry: sorted(byCountry).map(([country, fineMg]) => ({ country, fineMg })),
    byClass,
    certified: sorted(certified).map(([scheme, fineMg]) => ({ scheme, fineMg })),
    certifiedMg: [...certified.values()].reduce((a, b) => a + b, 0),
  };
}

function rootLot(lot: string, fineMg: number): LotState {
  return { lot, form: 'dore', initialMg: fineMg, heldMg: fineMg, fineness: 10000, custodian: '', owner: '', status: 'active', cocModel: 'mass_balance', createdAt: 0, lastEventAt: 0 };
}

/** Milligrams as kilograms with three decimals (grams rounded half up). */
export const kg = (mg: Milligrams) => formatScaled(BigInt(Math.round(mg / 1000)), 3);

/** A share as a percentage with one decimal; "n/a" when there is nothing to share (never NaN). */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return 'n/a';
  return `${formatScaled(BigInt(Math.round((part * 1000) / whole)), 1)}%`;
}
