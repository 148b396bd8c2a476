import { newId } from '../access/index.js';
import { indicatorSeries, type IndicatorSeries, type MercuryFreeMethod, type MercuryPractice, type SiteIndicators } from '../diligence/index.js';
import { gramsToMg } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { requireMineSite, requireParty } from './resolve.js';

/** Site indicators as typed by a person: owner and site by id or URI, masses in grams as decimal strings. */
export interface IndicatorInput {
  id?: string;
  owner: string;
  site: string;
  periodFrom: string;
  periodTo: string;
  mercuryUsedGrams?: string;
  mercuryRecoveredGrams?: string;
  goldProducedGrams?: string;
  practicesObserved?: string[];
  retortsInUse?: number;
  fumeHoodsInUse?: number;
  mercuryFreeMethods?: string[];
  womenExposed?: number;
  childrenExposed?: number;
  trainingSessions?: number;
  peopleTrained?: number;
  source: string;
  recordedBy: string;
}

/** Records a period's mercury and ESG indicators of a registered site. */
export async function recordIndicators(orp: Orpaille, input: IndicatorInput): Promise<SiteIndicators> {
  const owner = (await requireParty(orp, input.owner, 'owner')).uri;
  const site = (await requireMineSite(orp, input.site)).uri;
  const mg = (v: string | undefined, field: string) => (v === undefined ? {} : { [field.replace('Grams', 'Mg')]: gramsToMg(v, field) });
  const n = <K extends string>(key: K, v: number | undefined) => (v === undefined ? {} : ({ [key]: v } as Record<K, number>));
  const i: SiteIndicators = {
    id: input.id ?? newId('ind'),
    owner,
    site,
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    ...mg(input.mercuryUsedGrams, 'mercuryUsedGrams'),
    ...mg(input.mercuryRecoveredGrams, 'mercuryRecoveredGrams'),
    ...mg(input.goldProducedGrams, 'goldProducedGrams'),
    practicesObserved: (input.practicesObserved ?? []) as MercuryPractice[],
    ...n('retortsInUse', input.retortsInUse),
    ...n('fumeHoodsInUse', input.fumeHoodsInUse),
    mercuryFreeMethods: (input.mercuryFreeMethods ?? []) as MercuryFreeMethod[],
    ...n('womenExposed', input.womenExposed),
    ...n('childrenExposed', input.childrenExposed),
    ...n('trainingSessions', input.trainingSessions),
    ...n('peopleTrained', input.peopleTrained),
    source: input.source,
    recordedBy: input.recordedBy,
  };
  await orp.assessments.addIndicators(i);
  return i;
}

/** A site's indicator series as kept by some organisations (all when `owners` is absent). */
export async function siteIndicatorSeries(orp: Orpaille, siteId: string, owners?: readonly string[]): Promise<IndicatorSeries> {
  const site = (await requireMineSite(orp, siteId)).uri;
  return indicatorSeries(site, await orp.assessments.indicators({ sites: [site], ...(owners ? { owners } : {}) }));
}
