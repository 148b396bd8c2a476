import type { GoldEvent } from '../../custody/index.js';
import type { SupplyFacts, TracedRefiner } from './answers.js';
import type { CmrtProduct } from './types.js';

/** Forms that only come out of a refinery (GOLD-RULES s.3): a lot in one of them was refined by someone. */
const REFINED_FORMS = new Set(['bar', 'grain', 'product']);

/** The ledger data a company's CMRT supply is computed from (read up to the report's ledger head). */
export interface SupplyInput {
  org: string;
  period: { fromMs: number; toMs: number };
  roots: readonly string[];
  lots: readonly { lot: string; number: string; form: string; site: string | null }[];
  edges: readonly { output: string; input: string }[];
  events: readonly GoldEvent[];
  sites: ReadonlyMap<string, { name: string; country: string }>;
  parties: ReadonlyMap<string, { name: string; country: string; smelterId?: string }>;
  /** Is the site inside a risk area in force on that day (YYYY-MM-DD)? */
  inRiskArea(site: string, day: string): boolean;
  /** Supplier organisations (URIs) the company imported a CMRT from. */
  responded: ReadonlySet<string>;
}

/**
 * The facts of a company's gold supply: mines and refiners its lots trace back to through every input of
 * every transformation, what was declared recycled, the refined lots whose refiner is not in the ledger,
 * and its supplier organisations; with its products (lots in product form) for the Product List.
 */
export function supplyFacts(s: SupplyInput): SupplyFacts & { products: CmrtProduct[] } {
  const inputs = new Map<string, string[]>();
  for (const e of s.edges) inputs.set(e.output, [...(inputs.get(e.output) ?? []), e.input]);
  const lot = new Map(s.lots.map((l) => [l.lot, l]));
  const memo = new Map<string, Set<string>>();
  const ancestry = (id: string): Set<string> => {
    const known = memo.get(id);
    if (known) return known;
    const out = new Set<string>([id]);
    memo.set(id, out);
    for (const i of inputs.get(id) ?? []) for (const a of ancestry(i)) out.add(a);
    return out;
  };
  const recycled = new Set<string>();
  const producedOn = new Map<string, string>();
  const refinedBy = new Map<string, string>();
  const refines: { refiner: string; inputs: string[] }[] = [];
  const suppliers = new Set<string>();
  for (const e of s.events) {
    if (e.type === 'purchase') {
      if (e.declaredMaterial === 'recycled') for (const l of e.lots) recycled.add(l);
      const t = Date.parse(e.eventTime);
      if (e.buyer === s.org && t >= s.period.fromMs && t < s.period.toMs && s.parties.has(e.seller)) suppliers.add(e.seller);
    } else if (e.type === 'production') producedOn.set(e.lot.lot, e.eventTime.slice(0, 10));
    // A refinery downstream (a customer refining what the company sold) is not in its supply: only refines that made a lot of the genealogy count.
    else if (e.type === 'transform' && e.operation === 'refine' && e.outputs.some((o) => lot.has(o.lot))) {
      for (const o of e.outputs) refinedBy.set(o.lot, e.recorder);
      refines.push({ refiner: e.recorder, inputs: e.inputs.map((i) => i.lot) });
    }
  }
  const mines = (ids: Iterable<string>) => [...ids].map((id) => lot.get(id)?.site).filter((x): x is string => Boolean(x));
  const isRecycled = (anc: Set<string>) => mines(anc).length === 0 && [...anc].some((a) => recycled.has(a));

  const origins = new Map<string, SupplyFacts['origins'][number]>();
  let untraced = 0;
  let unidentifiedRefined = 0;
  let refined = 0;
  let allRecycled = s.roots.length > 0;
  for (const root of s.roots) {
    const anc = ancestry(root);
    const sites = mines(anc);
    if (sites.length === 0 && !isRecycled(anc)) untraced++;
    if (!isRecycled(anc)) allRecycled = false;
    for (const a of anc) {
      const site = lot.get(a)?.site;
      if (!site || origins.has(site)) continue;
      const info = s.sites.get(site);
      origins.set(site, { site, name: info?.name ?? site, country: info?.country ?? '', inRiskArea: s.inRiskArea(site, producedOn.get(a) ?? '') });
    }
    if ([...anc].some((a) => refinedBy.has(a))) refined++;
    else if (REFINED_FORMS.has(lot.get(root)?.form ?? '')) unidentifiedRefined++;
  }

  const byRefiner = new Map<string, TracedRefiner>();
  for (const r of refines) {
    const party = s.parties.get(r.refiner);
    const t = byRefiner.get(r.refiner) ?? { uri: r.refiner, name: party?.name ?? r.refiner, country: party?.country ?? '', ...(party?.smelterId ? { smelterId: party.smelterId } : {}), mines: [], recycledOnly: true };
    for (const i of r.inputs) {
      const anc = ancestry(i);
      for (const site of mines(anc)) {
        const info = s.sites.get(site);
        if (!t.mines.some((m) => m.name === (info?.name ?? site))) t.mines.push({ name: info?.name ?? site, country: info?.country ?? '' });
      }
      if (!isRecycled(anc)) t.recycledOnly = false;
    }
    byRefiner.set(r.refiner, t);
  }

  const responded = [...suppliers].filter((x) => s.responded.has(x)).length;
  const products = s.roots.filter((r) => lot.get(r)?.form === 'product').map((r) => ({ number: lot.get(r)!.number, name: `gold product ${lot.get(r)!.number}` }));
  return {
    lots: s.roots.length,
    origins: [...origins.values()].sort((a, b) => a.name.localeCompare(b.name)),
    untraced,
    recycledOnly: allRecycled,
    refiners: [...byRefiner.values()].sort((a, b) => a.name.localeCompare(b.name)),
    unidentifiedRefined,
    refined,
    suppliers: suppliers.size,
    responded,
    products,
  };
}
