import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  METALS,
  PRICE_SCHEMES,
  findApplicablePrice,
  quotePrice,
  readPriceFile,
  ruleDay,
  type AppliedPrice,
  type BenchmarkPrice,
  type Metal,
  type PriceFileProblem,
  type PriceQuote,
  type PriceScheme,
} from '../certification/index.js';
import { OrpailleError, badInput, gramsToMg, parseFineness } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { projectRoot } from '../paths.js';

/** The monthly gold price series shipped with Orpaille (see src/pricing/data/README.md). */
export const MONTHLY_GOLD_SERIES = 'src/pricing/data/gold-prices-monthly.csv';
export const MONTHLY_GOLD_SOURCE = 'World Bank Commodity Markets (Pink Sheet) monthly average, via the core/gold-prices data package (ODC-PDDL-1.0)';

/** A metal name, or a clear error. */
export function parseMetal(v: string): Metal {
  if (!(METALS as readonly string[]).includes(v)) throw badInput(`metal must be one of ${METALS.join(', ')}, got "${v}"`, { metal: v });
  return v as Metal;
}

/** A price scheme name, or a clear error. */
export function parseScheme(v: string): PriceScheme {
  if (!(PRICE_SCHEMES as readonly string[]).includes(v)) throw badInput(`scheme must be one of ${PRICE_SCHEMES.join(', ')}, got "${v}"`, { scheme: v });
  return v as PriceScheme;
}

export interface PriceImportOutcome {
  file: string;
  format: 'daily' | 'monthly';
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Problems by line; when there is any, nothing was written. */
  problems: PriceFileProblem[];
}

/**
 * Imports a price CSV (LBMA daily date/AM/PM, or the monthly Date/Price series). A file with any bad
 * line writes nothing; a good one is written in one transaction (re-importing a day replaces its prices).
 */
export async function importPrices(orp: Orpaille, text: string, file: string, opts: { metal?: Metal; currency?: string; source?: string } = {}): Promise<PriceImportOutcome> {
  const metal = opts.metal ?? 'gold';
  const parsed = readPriceFile(text, { metal, currency: opts.currency ?? 'USD', source: opts.source ?? `imported from ${file}` });
  const base = { file, format: parsed.format, rows: parsed.prices.length + parsed.problems.length };
  if (parsed.problems.length > 0) return { ...base, added: 0, updated: 0, unchanged: 0, problems: parsed.problems };
  return { ...base, ...(await orp.prices.save(parsed.prices)), problems: [] };
}

/** Imports the shipped monthly gold series (the demo does; production users run `orpaille price import`). */
export async function importMonthlySeries(orp: Orpaille): Promise<PriceImportOutcome> {
  const text = readFileSync(join(projectRoot(), MONTHLY_GOLD_SERIES), 'utf8');
  return importPrices(orp, text, MONTHLY_GOLD_SERIES, { metal: 'gold', source: MONTHLY_GOLD_SOURCE });
}

/** The price that applies on a date (see applicablePrice), or ORP_NO_PRICE saying what to import. */
export async function priceOn(orp: Orpaille, metal: Metal, date: string): Promise<AppliedPrice> {
  const day = ruleDay(date);
  const found = await findApplicablePrice(orp.prices, await orp.rules.certificationRules(), metal, day);
  if (!found) {
    throw new OrpailleError('ORP_NO_PRICE', `no ${metal} price for ${day}: no fixing that day or shortly before and no monthly average of its month; import one (orpaille price import FILE)`, { metal, date: day });
  }
  return found;
}

/** What `price show` and GET /prices/{metal} answer: the price that applies and the rows of that date and month. */
export async function showPrices(orp: Orpaille, metal: Metal, date: string): Promise<{ metal: Metal; date: string; applies: AppliedPrice | null; rows: BenchmarkPrice[] }> {
  const day = ruleDay(date);
  const applies = await findApplicablePrice(orp.prices, await orp.rules.certificationRules(), metal, day);
  const rows = [...(await orp.prices.list(metal, `${day.slice(0, 7)}-01`, `${day.slice(0, 7)}-01`, 'monthly_average')), ...(await orp.prices.list(metal, day, day, 'fixing'))];
  return { metal, date: day, applies: applies ?? null, rows };
}

export interface QuoteArgs {
  scheme: string;
  metal?: string;
  /** Gross grams, decimal. */
  grams: string;
  /** Per-mille fineness, decimal. */
  fineness: string;
  /** Benchmark USD per troy ounce; when absent the imported price of `date` applies. */
  benchmarkUsdPerOz?: string;
  /** ISO 8601 date; default today. */
  date?: string;
}

/** A price quote with the benchmark price it used: given by the caller, or looked up for the date. */
export type QuoteWithPrice = PriceQuote & { price: AppliedPrice | { kind: 'given'; date: string; value: string; currency: 'USD'; source: string } };

/** Quotes the minimum price and premium due (quotePrice) with the rules and, unless given, the benchmark price of the date. */
export async function quote(orp: Orpaille, a: QuoteArgs): Promise<QuoteWithPrice> {
  const scheme = parseScheme(a.scheme);
  const metal = parseMetal(a.metal ?? 'gold');
  const date = ruleDay(a.date ?? orp.clock.now().toISOString().slice(0, 10));
  const grossMg = gramsToMg(a.grams, 'grams');
  const fineness = parseFineness(a.fineness);
  const price = a.benchmarkUsdPerOz !== undefined ? { kind: 'given' as const, date, value: a.benchmarkUsdPerOz, currency: 'USD' as const, source: 'given with the quote' } : await priceOn(orp, metal, date);
  if (price.currency !== 'USD') throw badInput(`the ${metal} price of ${price.date} is in ${price.currency}; quotes are in USD`, { currency: price.currency });
  const q = quotePrice({ scheme, metal, grossMg, fineness, benchmarkUsdPerOz: price.value, date }, await orp.rules.certificationRules());
  return { ...q, price };
}
