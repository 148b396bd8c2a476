import type { PartyUri, SiteUri } from '../custody/index.js';
import { isIsoDate } from '../certification/index.js';

/*
 * Mercury and ESG indicators per site and period (GOLD-RULES s.6): what the Artisanal Gold Council and
 * the Minamata national action plans need. Masses in integer milligrams.
 */

/** The Minamata Annex C practices, as risk ids of the model (src/diligence/risks.ts). */
export const MERCURY_PRACTICES = ['mercury-whole-ore', 'mercury-open-burning', 'mercury-residential-burning', 'mercury-cyanide'] as const;
export type MercuryPractice = (typeof MERCURY_PRACTICES)[number];

export const MERCURY_FREE_METHODS = ['gravity', 'flotation', 'direct-smelting-borax', 'other'] as const;
export type MercuryFreeMethod = (typeof MERCURY_FREE_METHODS)[number];

/** Indicators of one site over one period; every measure is optional (what was not measured stays absent). */
export interface SiteIndicators {
  id: string;
  owner: PartyUri;
  site: SiteUri;
  /** First and last day of the period, inclusive. */
  periodFrom: string;
  periodTo: string;
  mercuryUsedMg?: number;
  mercuryRecoveredMg?: number;
  goldProducedMg?: number;
  /** Banned practices observed during the period. */
  practicesObserved: MercuryPractice[];
  retortsInUse?: number;
  fumeHoodsInUse?: number;
  mercuryFreeMethods: MercuryFreeMethod[];
  womenExposed?: number;
  childrenExposed?: number;
  trainingSessions?: number;
  peopleTrained?: number;
  source: string;
  recordedBy: string;
}

const COUNTS = ['mercuryUsedMg', 'mercuryRecoveredMg', 'goldProducedMg', 'retortsInUse', 'fumeHoodsInUse', 'womenExposed', 'childrenExposed', 'trainingSessions', 'peopleTrained'] as const;

/** What is wrong with an indicator record as data (empty when nothing). */
export function indicatorProblems(i: SiteIndicators): string[] {
  const p: string[] = [];
  if (!i.id) p.push('id is required');
  if (!i.owner || !i.site) p.push('owner and site are required');
  if (!isIsoDate(i.periodFrom) || !isIsoDate(i.periodTo)) p.push(`period ${i.periodFrom}..${i.periodTo} must be two ISO 8601 dates (YYYY-MM-DD)`);
  else if (i.periodTo < i.periodFrom) p.push(`the period ends (${i.periodTo}) before it starts (${i.periodFrom})`);
  for (const k of COUNTS) {
    const v = i[k];
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) p.push(`${k} must be a whole number, 0 or more, got ${v}`);
  }
  for (const x of i.practicesObserved ?? []) if (!(MERCURY_PRACTICES as readonly string[]).includes(x)) p.push(`practice ${x} must be one of ${MERCURY_PRACTICES.join(', ')}`);
  for (const x of i.mercuryFreeMethods ?? []) if (!(MERCURY_FREE_METHODS as readonly string[]).includes(x)) p.push(`mercury-free method ${x} must be one of ${MERCURY_FREE_METHODS.join(', ')}`);
  if (!i.source?.trim()) p.push('source is required');
  if (!i.recordedBy?.trim()) p.push('recordedBy is required');
  return p;
}

/**
 * The Hg:Au ratio (mass of mercury used per mass of gold produced) as a decimal string with two decimals,
 * rounded half up; undefined when either mass is missing or no gold was produced.
 */
export function hgAuRatio(i: Pick<SiteIndicators, 'mercuryUsedMg' | 'goldProducedMg'>): string | undefined {
  if (i.mercuryUsedMg === undefined || !i.goldProducedMg) return undefined;
  const hundredths = (BigInt(i.mercuryUsedMg) * 200n + BigInt(i.goldProducedMg)) / (2n * BigInt(i.goldProducedMg));
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/** One period of a site's series, with its Hg:Au ratio. */
export interface IndicatorPoint extends SiteIndicators {
  hgAuRatio?: string;
}

/** A site's indicators over time: periods in order, and how the first and last measured ratios compare. */
export interface IndicatorSeries {
  site: SiteUri;
  points: IndicatorPoint[];
  /** Ratio of the first and last periods with one, and whether it went down. */
  trend?: { from: string; to: string; improving: boolean };
  /** Banned practices observed in the last period (empty when none or no period). */
  practicesInLastPeriod: MercuryPractice[];
}

/** The series of one site from its records (other sites' records are ignored). */
export function indicatorSeries(site: SiteUri, records: readonly SiteIndicators[]): IndicatorSeries {
  const points = records
    .filter((r) => r.site === site)
    .sort((a, b) => (a.periodFrom !== b.periodFrom ? (a.periodFrom < b.periodFrom ? -1 : 1) : a.id < b.id ? -1 : 1))
    .map((r): IndicatorPoint => {
      const ratio = hgAuRatio(r);
      return ratio !== undefined ? { ...r, hgAuRatio: ratio } : { ...r };
    });
  const rated = points.filter((x) => x.hgAuRatio !== undefined);
  const first = rated[0];
  const last = rated[rated.length - 1];
  const hundredths = (s: string) => Number(s.replace('.', ''));
  return {
    site,
    points,
    ...(first && last && first !== last ? { trend: { from: first.hgAuRatio!, to: last.hgAuRatio!, improving: hundredths(last.hgAuRatio!) < hundredths(first.hgAuRatio!) } } : {}),
    practicesInLastPeriod: points[points.length - 1]?.practicesObserved ?? [],
  };
}

/** What the indicators need from a store; src/store implements it. */
export interface IndicatorStore {
  /** Records a period's indicators; ORP_RECORD_EXISTS when the id is taken, ORP_BAD_INPUT when not valid data. */
  addIndicators(i: SiteIndicators): Promise<void>;
  /** Records of these sites kept by these organisations, by site then period. */
  indicators(filter: { owners?: readonly PartyUri[]; sites?: readonly SiteUri[] }): Promise<SiteIndicators[]>;
}
