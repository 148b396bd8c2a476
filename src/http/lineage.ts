import { backwardTraceView, forwardTraceView, type LotInputEdge, type LotState } from '../custody/index.js';
import type { Orpaille } from '../orpaille.js';
import type { Site } from '../parties/index.js';

/*
 * Traces over HTTP show lineage only: lot ids and forms, fine gold, mine sites with their names and
 * countries. They never carry prices, payment methods or miners (those live in events, which stay scoped
 * to their parties), so a trace of a visible lot is safe to show even where its ancestors belong to others.
 * `edges` (which lot went into which) and the site of each production lot are lineage too: they let the web
 * app draw the genealogy as a graph instead of a list of depths.
 */

/** Form of each lot, and the mine site of production lots: a node of the genealogy graph and the site it came from. */
async function lotFacts(orp: Orpaille, lots: string[]): Promise<Map<string, { form: string; site?: string }>> {
  return new Map((await orp.queries.lotsByIds(lots)).map((l) => [l.lot, { form: l.form, ...(l.site ? { site: l.site } : {}) }]));
}

/** The genealogy edges (input lot -> output lot) of a trace, in a stable order, for drawing its graph. */
function edgeList(edges: LotInputEdge[]): { input: string; output: string }[] {
  return edges.map((e) => ({ input: e.input, output: e.output })).sort((a, b) => a.output.localeCompare(b.output) || a.input.localeCompare(b.input));
}

/** Sites by URI. */
export async function sitesByUri(orp: Orpaille): Promise<Map<string, Site>> {
  return new Map((await orp.registry.sites()).map((s) => [s.uri, s]));
}

/** Backward lineage of a lot: origins (site, name, country, share, fine gold) and ancestors with their forms. */
export async function backwardLineage(orp: Orpaille, lot: LotState) {
  const t = await orp.traceBackward(lot.lot);
  const sites = await sitesByUri(orp);
  const view = backwardTraceView(t, (u) => {
    const s = sites.get(u);
    return s ? `${s.name} (${s.icglrId})` : undefined;
  });
  const facts = await lotFacts(orp, t.ancestors.map((a) => a.lot));
  return {
    ...view,
    origins: view.origins.map((o) => ({ ...o, ...(sites.get(o.site) ? { country: sites.get(o.site)!.country } : {}) })),
    ancestors: view.ancestors.map((a) => ({ ...a, ...facts.get(a.lot) })),
    edges: edgeList(await orp.queries.ancestorEdges(lot.lot)),
  };
}

/** Forward lineage from a lot or a site: every lot it went into, with forms. */
export async function forwardLineage(orp: Orpaille, lotOrSite: string) {
  const view = forwardTraceView(await orp.traceForward(lotOrSite));
  const facts = await lotFacts(orp, view.descendants.map((d) => d.lot));
  const starts = view.descendants.filter((d) => d.depth === 0).map((d) => d.lot);
  return {
    ...view,
    descendants: view.descendants.map((d) => ({ ...d, ...(facts.get(d.lot) ? { form: facts.get(d.lot)!.form } : {}) })),
    edges: edgeList(await orp.queries.descendantEdges(starts)),
  };
}
