import { parseCsv } from '../custody/index.js';
import { isCurrencyCode, parseDecimal, formatDecimal } from '../kernel/index.js';
import { isIsoDate } from './authorisations.js';
import type { CertificationRules, Metal, RuleRef } from './rules.js';

/*
 * Benchmark prices (the LBMA Gold Price: USD per troy ounce, auctions at 10:30 "AM" and 15:00 "PM"
 * London time) and which one applies to a transaction. GOLD-RULES s.4: every price-dependent figure
 * records which price, which date; `AppliedPrice` is that record.
 */

/** A daily fixing (AM and/or PM) or a monthly average (date = first day of the month). */
export type PriceKind = 'fixing' | 'monthly_average';

/** One benchmark price row. Prices are decimal strings in `currency` per troy ounce. */
export interface BenchmarkPrice {
  metal: Metal;
  kind: PriceKind;
  /** ISO 8601 date; for a monthly average the first day of the month. */
  date: string;
  am?: string;
  pm?: string;
  /** Monthly average. */
  average?: string;
  currency: string;
  source: string;
}

/** Which price a transaction used, and why that one. */
export interface AppliedPrice {
  metal: Metal;
  /** The date the transaction asked for. */
  requestedDate: string;
  /**
   * pm_fixing: the PM price of that date; am_fixing: that date had only an AM price; earlier_fixing: the
   * latest fixing before it (weekend, holiday); monthly_average: no fixing, the month's average.
   */
  kind: 'pm_fixing' | 'am_fixing' | 'earlier_fixing' | 'monthly_average';
  /** Date of the price used (first of the month for a monthly average). */
  date: string;
  /** For fixings, which auction. */
  fixing?: 'am' | 'pm';
  /** Price per troy ounce, decimal string. */
  value: string;
  currency: string;
  source: string;
  /** The rule bounding how far back an earlier fixing may be, when one is in force. */
  rule?: RuleRef;
}

/** What the price decisions read: the latest fixing on or before a date, and a month's average. */
export interface PriceSource {
  /** The latest fixing of `metal` dated on or before `onOrBefore` and not before `notBefore` (when given). */
  latestFixing(metal: Metal, onOrBefore: string, notBefore?: string): Promise<BenchmarkPrice | undefined>;
  /** The monthly average of `metal` for the month of `month` (YYYY-MM-01). */
  monthlyAverage(metal: Metal, month: string): Promise<BenchmarkPrice | undefined>;
}

/** The store behind prices: PriceSource plus writing and listing. src/store implements it. */
export interface PriceStore extends PriceSource {
  /** Writes the prices in one transaction: new rows added, changed rows replaced. */
  save(prices: readonly BenchmarkPrice[]): Promise<{ added: number; updated: number; unchanged: number }>;
  /** Rows of `metal` between two dates (inclusive), oldest first. */
  list(metal: Metal, from: string, to: string, kind?: PriceKind): Promise<BenchmarkPrice[]>;
}

/**
 * The price that applies on `date` (ISO 8601 date): the PM price of that date; else, that date's AM
 * price; else the latest earlier fixing (no older than the `prices.fixing_lookback` rule allows, when
 * one is in force); else the monthly average of the month; else undefined.
 */
export function applicablePrice(
  metal: Metal,
  date: string,
  found: { latestFixing?: BenchmarkPrice | undefined; monthlyAverage?: BenchmarkPrice | undefined },
  lookback?: { maxDays: number; rule: RuleRef },
): AppliedPrice | undefined {
  const base = { metal, requestedDate: date };
  const f = found.latestFixing;
  const inWindow = f && f.date <= date && (!lookback || f.date >= daysBefore(date, lookback.maxDays));
  if (f && inWindow && (f.pm ?? f.am) !== undefined) {
    const fixing = f.pm !== undefined ? 'pm' : 'am';
    const kind = f.date === date ? (fixing === 'pm' ? 'pm_fixing' : 'am_fixing') : 'earlier_fixing';
    return { ...base, kind, date: f.date, fixing, value: (f.pm ?? f.am)!, currency: f.currency, source: f.source, ...(lookback && kind === 'earlier_fixing' ? { rule: lookback.rule } : {}) };
  }
  const m = found.monthlyAverage;
  if (m && m.average !== undefined && m.date.slice(0, 7) === date.slice(0, 7)) {
    return { ...base, kind: 'monthly_average', date: m.date, value: m.average, currency: m.currency, source: m.source };
  }
  return undefined;
}

/** Looks the applicable price up in a price source, bounded by the dated lookback rule. */
export async function findApplicablePrice(source: PriceSource, rules: CertificationRules, metal: Metal, date: string): Promise<AppliedPrice | undefined> {
  const rule = rules.fixingLookback(metal, date);
  const lookback = rule ? { maxDays: rule.value.maxDays, rule: rule.version } : undefined;
  const latestFixing = await source.latestFixing(metal, date, lookback ? daysBefore(date, lookback.maxDays) : undefined);
  const monthlyAverage = await source.monthlyAverage(metal, `${date.slice(0, 7)}-01`);
  return applicablePrice(metal, date, { latestFixing, monthlyAverage }, lookback);
}

function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** A problem of an imported price file, by line. */
export interface PriceFileProblem {
  line: number;
  message: string;
}

export interface PriceFile {
  /** daily: date, AM, PM (LBMA); monthly: Date (YYYY-MM), Price (the monthly series). */
  format: 'daily' | 'monthly';
  prices: BenchmarkPrice[];
  problems: PriceFileProblem[];
}

const AM_HEADERS = new Set(['am', 'usd (am)', 'usd am', 'am price', 'usd_am']);
const PM_HEADERS = new Set(['pm', 'usd (pm)', 'usd pm', 'pm price', 'usd_pm']);
const PRICE_DECIMALS = 4;

/**
 * Reads a price CSV: either daily fixings (header with `date`, `AM`, `PM`; either price may be empty on
 * a day, not both) or a monthly series (header `Date,Price`, dates YYYY-MM). Every problem is reported
 * with its line; the caller writes nothing unless `problems` is empty.
 */
export function readPriceFile(text: string, opts: { metal: Metal; currency: string; source: string }): PriceFile {
  const problems: PriceFileProblem[] = [];
  if (!isCurrencyCode(opts.currency)) problems.push({ line: 0, message: `currency "${opts.currency}" is not an ISO 4217 code` });
  let records;
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { format: 'daily', prices: [], problems: [{ line: Number(/line (\d+)/.exec(String(e))?.[1] ?? 0), message: (e as Error).message }] };
  }
  const header = records[0];
  if (!header) return { format: 'daily', prices: [], problems: [{ line: 1, message: 'the file is empty: expected a header "date,AM,PM" or "Date,Price"' }] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const col = (set: Set<string> | string) => names.findIndex((n) => (typeof set === 'string' ? n === set : set.has(n)));
  const dateCol = col('date');
  const am = col(AM_HEADERS);
  const pm = col(PM_HEADERS);
  const price = col('price');
  const monthly = am < 0 && pm < 0 && price >= 0;
  if (dateCol < 0 || (!monthly && (am < 0 || pm < 0))) {
    return { format: 'daily', prices: [], problems: [{ line: header.line, message: `header must name the columns date, AM and PM (LBMA daily) or Date and Price (monthly series); got "${header.fields.join(',')}"` }] };
  }
  const common = { metal: opts.metal, currency: opts.currency, source: opts.source };
  const seen = new Map<string, number>();
  const prices: BenchmarkPrice[] = [];
  for (const r of records.slice(1)) {
    const cell = (i: number) => (r.fields[i] ?? '').trim();
    const rowProblems: string[] = [];
    let date = cell(dateCol);
    if (monthly) {
      if (/^\d{4}-\d{2}$/.test(date)) date = `${date}-01`;
      if (!isIsoDate(date) || !date.endsWith('-01')) rowProblems.push(`date "${cell(dateCol)}" must be a month, YYYY-MM`);
    } else if (!isIsoDate(date)) rowProblems.push(`date "${cell(dateCol)}" must be an ISO 8601 date, YYYY-MM-DD`);
    const amount = (i: number, name: string): string | undefined => {
      const v = cell(i);
      if (v === '') return undefined;
      try {
        const d = parseDecimal(v, name, PRICE_DECIMALS);
        if (d.units === 0n) throw new Error('zero');
        return formatDecimal(d);
      } catch {
        rowProblems.push(`${name} "${v}" must be a positive decimal price (digits and a decimal point, at most ${PRICE_DECIMALS} decimals, no thousands separator)`);
        return undefined;
      }
    };
    let row: BenchmarkPrice;
    if (monthly) {
      const average = amount(price, 'Price');
      if (average === undefined && cell(price) === '') rowProblems.push('Price is empty');
      row = { ...common, kind: 'monthly_average', date, ...(average !== undefined ? { average } : {}) };
    } else {
      const a = amount(am, 'AM');
      const p = amount(pm, 'PM');
      if (cell(am) === '' && cell(pm) === '') rowProblems.push('both AM and PM are empty');
      row = { ...common, kind: 'fixing', date, ...(a !== undefined ? { am: a } : {}), ...(p !== undefined ? { pm: p } : {}) };
    }
    const earlier = seen.get(date);
    if (earlier !== undefined && rowProblems.length === 0) rowProblems.push(`${date} is already on line ${earlier}`);
    if (rowProblems.length > 0) {
      problems.push({ line: r.line, message: rowProblems.join('; ') });
      continue;
    }
    seen.set(date, r.line);
    prices.push(row);
  }
  if (prices.length === 0 && problems.length === 0) problems.push({ line: header.line, message: 'the file has a header but no prices' });
  return { format: monthly ? 'monthly' : 'daily', prices, problems };
}
