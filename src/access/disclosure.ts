import { OrpailleError } from '../kernel/index.js';

/**
 * What an owner may disclose publicly about a lot (GET /v/{code}). Miners' names or ids and prices are
 * never disclosable: they identify vulnerable people or reveal commercial terms.
 */
export const DISCLOSABLE_FIELDS = [
  'originCountries',
  'siteNames',
  'icglrSiteIds',
  'certificationScheme',
  'cocModel',
  'forms',
  'fineGold',
  'dates',
  'custodianNames',
] as const;
export type DisclosableField = (typeof DISCLOSABLE_FIELDS)[number];

// Anything that names or numbers a miner, or a price or payment, is refused with its own message.
const NEVER = /miner|price|payment|paid|currency|gender|birth/i;

/** Checks a requested field list against the allow-list; duplicates are dropped, order kept. */
export function disclosableFields(fields: string[]): DisclosableField[] {
  if (fields.length === 0) throw new OrpailleError('ORP_BAD_INPUT', `choose at least one field: ${DISCLOSABLE_FIELDS.join(', ')}`, { allowed: [...DISCLOSABLE_FIELDS] });
  for (const f of fields) {
    if (NEVER.test(f)) {
      throw new OrpailleError('ORP_FIELD_NOT_DISCLOSABLE', `"${f}" can never be disclosed: miners' identities and prices stay private`, { field: f, allowed: [...DISCLOSABLE_FIELDS] });
    }
    if (!(DISCLOSABLE_FIELDS as readonly string[]).includes(f)) {
      throw new OrpailleError('ORP_FIELD_NOT_DISCLOSABLE', `"${f}" is not a disclosable field; choose from ${DISCLOSABLE_FIELDS.join(', ')}`, { field: f, allowed: [...DISCLOSABLE_FIELDS] });
    }
  }
  return [...new Set(fields)] as DisclosableField[];
}

/** Everything a disclosure could show, gathered from the lot and its backward trace. */
export interface LotFacts {
  origins: { country: string; siteName: string; icglrId: string; sharePercent: number }[];
  scheme?: string;
  cocModel: string;
  /** Forms from the mine to the lot ("dore", "bar", "product"). */
  forms: string[];
  fineGoldGrams: string;
  /** ISO dates: first and last production at the mine sites, and when the lot itself was made. */
  dates: { producedFrom?: string; producedTo?: string; lotCreated: string };
  /** Organisations that held the gold, from the mine to the lot's present custodian. */
  custodians: string[];
}

/** The facts chosen by a disclosure, and nothing else. */
export function disclosedFacts(fields: readonly DisclosableField[], f: LotFacts): Record<string, unknown> {
  const all: Record<DisclosableField, () => unknown> = {
    originCountries: () => [...new Set(f.origins.map((o) => o.country))].sort(),
    siteNames: () => f.origins.map((o) => ({ name: o.siteName, sharePercent: o.sharePercent })),
    icglrSiteIds: () => f.origins.map((o) => o.icglrId),
    certificationScheme: () => f.scheme ?? null,
    cocModel: () => f.cocModel,
    forms: () => f.forms,
    fineGold: () => ({ grams: f.fineGoldGrams }),
    dates: () => f.dates,
    custodianNames: () => f.custodians,
  };
  return Object.fromEntries(fields.map((k) => [k, all[k]()]));
}
