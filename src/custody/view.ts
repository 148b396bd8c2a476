import { fineGoldMg, formatFineness, formatGrams, lotNumberOf } from '../kernel/index.js';
import type { BackwardTrace, ForwardTrace } from './trace.js';
import type { LotState } from './types.js';
import type { LotView } from './view-types.js';

export type { LotView } from './view-types.js';

/** A lot as shown to users. */
export function lotView(l: LotState): LotView {
  return {
    id: l.lot,
    lotNumber: lotNumberOf(l.lot) ?? l.lot,
    form: l.form,
    grossGrams: formatGrams(l.initialMg),
    heldGrams: formatGrams(l.heldMg),
    fineness: formatFineness(l.fineness),
    fineGoldGrams: formatGrams(fineGoldMg(l.heldMg, l.fineness)),
    custodian: l.custodian,
    owner: l.owner,
    status: l.status,
    ...(l.inTransitTo ? { inTransitTo: l.inTransitTo } : {}),
    ...(l.bag ? { bag: l.bag } : {}),
    ...(l.site ? { site: l.site } : {}),
    ...(l.tag ? { tag: l.tag } : {}),
    ...(l.seal ? { seal: l.seal } : {}),
    cocModel: l.cocModel,
    ...(l.scheme ? { scheme: l.scheme } : {}),
    ...(l.assay ? { assay: l.assay } : {}),
    createdAt: new Date(l.createdAt).toISOString(),
    lastEventAt: new Date(l.lastEventAt).toISOString(),
  };
}

/** A backward trace as shown to users: shares as percentages with 2 decimals and grams. */
export function backwardTraceView(t: BackwardTrace, siteLabel: (uri: string) => string | undefined = () => undefined) {
  return {
    lot: t.lot,
    direction: 'backward' as const,
    fineGoldGrams: formatGrams(t.fineMg),
    origins: t.origins.map((o) => ({
      site: o.site,
      ...(siteLabel(o.site) ? { siteName: siteLabel(o.site) } : {}),
      sharePercent: Number((o.share * 100).toFixed(2)),
      fineGoldGrams: formatGrams(o.fineMg),
      productionLots: o.lots.length,
    })),
    unknownSharePercent: Number((t.unknownShare * 100).toFixed(2)),
    ancestors: t.ancestors,
  };
}

/** A forward trace as shown to users. */
export function forwardTraceView(t: ForwardTrace) {
  return { from: t.from, direction: 'forward' as const, descendants: t.descendants };
}
