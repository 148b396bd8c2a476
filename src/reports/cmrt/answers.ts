import type { CmrtAnswer, CmrtProfile, CmrtQuestion, CmrtSmelterRow, ReferenceSmelter } from './types.js';

/** A refiner met in the traced supply, with the mines its refined gold traces back to. */
export interface TracedRefiner {
  uri: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** The RMI id the refiner recorded in its own CMRT answers, if any. */
  smelterId?: string;
  mines: { name: string; country: string }[];
  /** Every input it refined was declared recycled and none traces to a mine. */
  recycledOnly: boolean;
}

/** What the ledger says about a company's gold supply in the period (read up to the report's ledger head). */
export interface SupplyFacts {
  /** Lots the company bought, received, held or made in the period. */
  lots: number;
  /** Distinct mine sites the supply traces back to. */
  origins: { site: string; name: string; country: string; inRiskArea: boolean }[];
  /** Lots with neither a traced mine nor a recycled declaration. */
  untraced: number;
  /** Every lot declared recycled (and none traced to a mine). */
  recycledOnly: boolean;
  refiners: TracedRefiner[];
  /** Lots in refined form (bar, grain, product) whose refining is not in the ledger. */
  unidentifiedRefined: number;
  /** Lots that went through a refiner recorded in the ledger. */
  refined: number;
  /** Organisations that sold gold to the company in the period, and how many of them sent a CMRT it imported. */
  suppliers: number;
  responded: number;
}

/** The share of suppliers that responded, as the template's answer to question 6. */
export function supplierShare(responded: number, suppliers: number): string {
  if (responded === suppliers) return '100%';
  const pct = (responded * 100) / suppliers;
  if (pct > 90) return 'Greater than 90%';
  if (pct > 75) return 'Greater than 75%';
  if (pct > 50) return 'Greater than 50%';
  return responded === 0 ? 'None' : '50% or less';
}

/**
 * Questions 1-8 for gold answered from the ledger where it can answer them (GOLD-RULES s.5, s.8): 3 from
 * the countries of the traced mines against the CMRT covered countries, 4 from mines inside a risk area in
 * force, 5 from recycled declarations, 6 from imported supplier CMRTs, 7 from whether every refined lot
 * has its refiner in the ledger. A question the data cannot answer keeps the company's recorded answer.
 */
export function goldAnswers(f: SupplyFacts, covered: readonly string[], profile: CmrtProfile | undefined): Partial<Record<CmrtQuestion, CmrtAnswer>> {
  const recorded = (q: CmrtQuestion) => profile?.questions[q]?.gold;
  const out: Partial<Record<CmrtQuestion, CmrtAnswer>> = {};
  const set = (q: CmrtQuestion, a: CmrtAnswer | undefined) => {
    if (a) out[q] = a;
  };
  if (f.lots === 0) {
    for (const q of ['1', '2', '3', '4', '5', '6', '7', '8'] as const) set(q, recorded(q));
    return out;
  }
  set('1', { answer: 'Yes', comment: `${f.lots} gold lot${f.lots === 1 ? '' : 's'} in the period (Orpaille ledger)` });
  set('2', recorded('2') ?? { answer: 'Yes' });
  const coveredSet = new Set(covered);
  const inCovered = f.origins.filter((o) => coveredSet.has(o.country));
  const countries = (os: SupplyFacts['origins']) => [...new Set(os.map((o) => o.country))].sort().join(', ');
  const unknownBecause = `${f.untraced} lot${f.untraced === 1 ? '' : 's'} not traced to a mine`;
  set('3', inCovered.length > 0 ? { answer: 'Yes', comment: `mines in ${countries(inCovered)}` } : f.untraced > 0 ? { answer: 'Unknown', comment: unknownBecause } : { answer: 'No', comment: f.origins.length > 0 ? `mines in ${countries(f.origins)}` : 'recycled gold only' });
  const risky = f.origins.filter((o) => o.inRiskArea);
  set('4', risky.length > 0 ? { answer: 'Yes', comment: `mines in risk areas: ${risky.map((o) => o.name).sort().join(', ')}` } : f.untraced > 0 ? { answer: 'Unknown', comment: unknownBecause } : { answer: 'No' });
  set('5', f.origins.length > 0 ? { answer: 'No', comment: `${f.origins.length} mine${f.origins.length === 1 ? '' : 's'} traced` } : f.recycledOnly ? { answer: 'Yes' } : { answer: 'Unknown', comment: unknownBecause });
  set('6', f.suppliers > 0 ? { answer: supplierShare(f.responded, f.suppliers), comment: `${f.responded} of ${f.suppliers} supplier organisations sent a CMRT` } : recorded('6'));
  if (f.unidentifiedRefined > 0) set('7', { answer: 'No', comment: `${f.unidentifiedRefined} refined lot${f.unidentifiedRefined === 1 ? '' : 's'} without the refiner in the ledger` });
  else if (f.refined > 0) set('7', { answer: 'Yes', comment: `${f.refiners.length} refiner${f.refiners.length === 1 ? '' : 's'} traced` });
  else set('7', recorded('7') ?? { answer: 'Unknown', comment: 'no gold in the supply has been refined yet' });
  set('8', recorded('8') ?? { answer: 'Yes', comment: 'every refiner traced in the ledger is listed' });
  return out;
}

function norm(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * The Smelter List rows of the traced refiners: matched to the RMI reference by the id the refiner
 * recorded, else by name (look-up or standard name); an unmatched refiner is "Smelter not listed" with
 * its own name and country. Mines and their countries, or "recycled", in columns N and O.
 */
export function smelterRows(refiners: readonly TracedRefiner[], reference: readonly ReferenceSmelter[], countryName: (alpha2: string) => string): CmrtSmelterRow[] {
  const gold = reference.filter((s) => s.metal === 'Gold');
  return refiners.map((r) => {
    const match = r.smelterId ? gold.find((s) => s.smelterId === r.smelterId) : gold.find((s) => norm(s.lookupName) === norm(r.name) || norm(s.standardName) === norm(r.name));
    const mines = r.recycledOnly ? 'recycled' : [...new Set(r.mines.map((m) => m.name))].sort().join('; ');
    const mineCountries = r.recycledOnly ? 'recycled' : [...new Set(r.mines.map((m) => countryName(m.country)))].sort().join('; ');
    const base = { metal: 'gold' as const, mines, mineCountries, recycled: r.recycledOnly ? 'Yes' : r.mines.length > 0 ? 'No' : 'Unknown' };
    if (match) return { ...base, smelterId: match.smelterId, lookup: match.lookupName, name: match.standardName, country: match.country, source: match.source, ...(match.street ? { street: match.street } : {}), ...(match.city ? { city: match.city } : {}), ...(match.state ? { state: match.state } : {}) };
    const comment = r.smelterId ? `${r.smelterId} is not in the imported RMI reference` : 'not found in the imported RMI reference';
    return { ...base, ...(r.smelterId ? { smelterId: r.smelterId } : {}), lookup: 'Smelter not listed', name: r.name, country: countryName(r.country), comment };
  });
}
