import { backwardTraceView, forwardTraceView, type LotState } from '../custody/index.js';
import type { Orpaille } from '../orpaille.js';
import type { Site } from '../parties/index.js';

/*
 * Traces over HTTP show lineage only: lot ids and forms, fine gold, mine sites with their names and
 * countries. They never carry prices, payment methods or miners (those live in events, which stay scoped
 * to their parties), so a trace of a visible lot is safe to show even where its ancestors belong to others.
 */

async function formsOf(orp: Orpaille, lots: string[]): Promise<Map<string, string>> {
  return new Map((await orp.queries.lotsByIds(lots)).map((l) => [l.lot, l.form]));
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
  const forms = await formsOf(orp, t.ancestors.map((a) => a.lot));
  return {
    ...view,
    origins: view.origins.map((o) => ({ ...o, ...(sites.get(o.site) ? { country: sites.get(o.site)!.country } : {}) })),
    ancestors: view.ancestors.map((a) => ({ ...a, ...(forms.get(a.lot) ? { form: forms.get(a.lot)! } : {}) })),
  };
}

/** Forward lineage from a lot or a site: every lot it went into, with forms. */
export async function forwardLineage(orp: Orpaille, lotOrSite: string) {
  const view = forwardTraceView(await orp.traceForward(lotOrSite));
  const forms = await formsOf(orp, view.descendants.map((d) => d.lot));
  return { ...view, descendants: view.descendants.map((d) => ({ ...d, ...(forms.get(d.lot) ? { form: forms.get(d.lot)! } : {}) })) };
}
