import type { Milligrams } from '../kernel/index.js';
import { fineGoldMg } from '../kernel/index.js';
import type { LotInputEdge, LotState, LotUri, SiteUri } from './types.js';

/** What a backward trace reports for each mine site of origin. */
export interface OriginShare {
  site: SiteUri;
  /** Fraction of the traced lot's fine gold that came from this site (0..1). */
  share: number;
  /** That share in milligrams of the traced lot's fine gold. */
  fineMg: Milligrams;
  /** Production lots at the site that feed the traced lot. */
  lots: LotUri[];
}

export interface BackwardTrace {
  lot: LotUri;
  fineMg: Milligrams;
  origins: OriginShare[];
  /** Every ancestor lot with its distance (in transformations) from the traced lot. */
  ancestors: { lot: LotUri; depth: number }[];
  /** Lots with no recorded inputs and no site: their origin is unknown. */
  unknownShare: number;
}

/**
 * Backward trace: the share of the lot's fine gold from each mine site, proportional through every
 * mix and split. `edges` are the genealogy edges among the lot's ancestors; `lots` holds at least
 * the root lots (those without inputs) so their sites are known.
 */
export function traceBackward(
  root: LotState,
  edges: LotInputEdge[],
  lots: Map<LotUri, Pick<LotState, 'lot' | 'site'>>,
): BackwardTrace {
  const inputsOf = new Map<LotUri, LotInputEdge[]>();
  for (const e of edges) {
    const list = inputsOf.get(e.output);
    if (list) list.push(e);
    else inputsOf.set(e.output, [e]);
  }
  const memo = new Map<LotUri, Map<string, number>>();
  const leavesOf = new Map<LotUri, Set<LotUri>>();
  const UNKNOWN = '';
  // Iterative post-order so a 20-level or 10,000-node genealogy cannot overflow the stack.
  const stack: { lot: LotUri; expanded: boolean }[] = [{ lot: root.lot, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (memo.has(top.lot)) {
      stack.pop();
      continue;
    }
    const ins = inputsOf.get(top.lot);
    if (!ins || ins.length === 0) {
      const site = lots.get(top.lot)?.site;
      memo.set(top.lot, new Map([[site ?? UNKNOWN, 1]]));
      leavesOf.set(top.lot, new Set([top.lot]));
      stack.pop();
      continue;
    }
    if (!top.expanded) {
      top.expanded = true;
      for (const e of ins) if (!memo.has(e.input)) stack.push({ lot: e.input, expanded: false });
      continue;
    }
    const total = ins.reduce((a, e) => a + e.fineMg, 0);
    const shares = new Map<string, number>();
    const leaves = new Set<LotUri>();
    for (const e of ins) {
      const w = total === 0 ? 1 / ins.length : e.fineMg / total;
      for (const [site, s] of memo.get(e.input) ?? []) shares.set(site, (shares.get(site) ?? 0) + w * s);
      for (const l of leavesOf.get(e.input) ?? []) leaves.add(l);
    }
    memo.set(top.lot, shares);
    leavesOf.set(top.lot, leaves);
    stack.pop();
  }
  const fineMg = fineGoldMg(root.initialMg, root.fineness);
  const shares = memo.get(root.lot) ?? new Map<string, number>();
  const leafLots = [...(leavesOf.get(root.lot) ?? [])];
  const origins: OriginShare[] = [];
  for (const [site, share] of shares) {
    if (site === UNKNOWN) continue;
    origins.push({
      site,
      share,
      fineMg: Math.round(share * fineMg),
      lots: leafLots.filter((l) => lots.get(l)?.site === site).sort(),
    });
  }
  origins.sort((a, b) => b.share - a.share || a.site.localeCompare(b.site));
  return {
    lot: root.lot,
    fineMg,
    origins,
    ancestors: depths([root.lot], inputsOf, (e) => e.input).filter((a) => a.depth > 0),
    unknownShare: shares.get(UNKNOWN) ?? 0,
  };
}

export interface ForwardTrace {
  from: string;
  /** Every lot the starting lot or site went into, with its distance. */
  descendants: { lot: LotUri; depth: number }[];
}

/** Forward trace: everything the start lots went into. `edges` are the edges among their descendants. */
export function traceForward(from: string, startLots: LotUri[], edges: LotInputEdge[]): ForwardTrace {
  const outputsOf = new Map<LotUri, LotInputEdge[]>();
  for (const e of edges) {
    const list = outputsOf.get(e.input);
    if (list) list.push(e);
    else outputsOf.set(e.input, [e]);
  }
  const seen = depths(startLots, outputsOf, (e) => e.output);
  return {
    from,
    descendants: seen,
  };
}

/** Breadth-first distances from the roots (depth 0) along `adj`, sorted by depth then id. */
function depths(roots: LotUri[], adj: Map<LotUri, LotInputEdge[]>, next: (e: LotInputEdge) => LotUri): { lot: LotUri; depth: number }[] {
  const seen = new Map<LotUri, number>(roots.map((r) => [r, 0]));
  let frontier = roots;
  for (let depth = 1; frontier.length > 0; depth++) {
    const nf: LotUri[] = [];
    for (const l of frontier) {
      for (const e of adj.get(l) ?? []) {
        const n = next(e);
        if (!seen.has(n)) {
          seen.set(n, depth);
          nf.push(n);
        }
      }
    }
    frontier = nf;
  }
  return [...seen].map(([lot, depth]) => ({ lot, depth })).sort((a, b) => a.depth - b.depth || a.lot.localeCompare(b.lot));
}
