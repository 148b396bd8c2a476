import { OrpailleError, badInput, parseDecimal, parseFineness, isCurrencyCode, type Fineness } from '../kernel/index.js';
import { isIsoDate } from './authorisations.js';
import type { Metal } from '../custody/index.js';
import { ICGLR_STATUSES, type IcglrStatus } from './inspections.js';
import type { RuleConfidence, RuleVersion } from './shapes.js';

export type { RuleConfidence, RuleVersion } from './shapes.js';

/*
 * The dated numbers of GOLD-RULES s.2 and s.4 (minimum prices, premiums, splitting limit, trial
 * periods, cost caps, credit expiry, ICGLR periods) as the decisions see them: "the value in force on
 * date D, and which rule version it came from". The numbers themselves live in rules/certification.json
 * (seeded into the rule_values table); nothing here knows a percentage or a premium.
 */

/** Metals with a benchmark price and certification rules: the ledger's own list (custody). */
export { METALS, type Metal } from '../custody/index.js';

/** Schemes that set a minimum price and a premium (ecological gold is a scheme variant with its own premium). */
export const PRICE_SCHEMES = ['fairtrade', 'fairtrade-eco', 'fairmined', 'fairmined-eco'] as const;
export type PriceScheme = (typeof PRICE_SCHEMES)[number];

/** Which rule version a figure used: what a statement records so it can be re-checked later. */
export interface RuleRef {
  rule: string;
  key: string;
  effectiveFrom: string;
  effectiveTo?: string;
  source: string;
  confidence: RuleConfidence;
}

/** A rule value in force on a date, parsed, with the version it came from. */
export interface RuleApplied<T> {
  value: T;
  version: RuleRef;
}

/** Minimum price: parts per thousand of the benchmark value of the fine metal. */
export interface MinimumPriceRule {
  permilleOfBenchmark: number;
}

/** Premium: a fixed amount per kilogram of fine metal, or a share of the benchmark value. */
export type PremiumRule =
  | { kind: 'perKgFine'; amount: string; currency: string }
  | { kind: 'permilleOfBenchmark'; permille: number };

/** Largest difference between buyer's and seller's assays for which the final assay is their mean. */
export interface SplittingLimitRule {
  maxDifference: Fineness;
}

/** What stands when assays differ beyond the splitting limit: the umpire's result, or the mean of the umpire and the closer party. */
export interface UmpireRule {
  final: 'umpire' | 'mean_with_closest';
}

export interface TrialPeriodRule {
  maxConsignments: number;
}

/** Pre-finance cost cap: the named rates plus a margin (basis points a year). */
export interface CostCapRule {
  plus: string[];
  marginBasisPointsPerYear: number;
}

export interface CreditExpiryRule {
  months: number;
}

/** An ICGLR status period: how long a status is valid / may last / has to remedy / lasts at least, and what follows. */
export interface IcglrPeriodRule {
  months: number;
  limit: 'validity' | 'maximum' | 'remedy' | 'minimum';
  then?: IcglrStatus;
}

export interface ExportCertificateRule {
  maxDays: number;
}

/** How many days back an earlier fixing may stand in for a day without one (weekends, holidays). */
export interface FixingLookbackRule {
  maxDays: number;
}

/** The certification rules in force on a date. Each answer is undefined when no version covers the date. */
export interface CertificationRules {
  minimumPrice(scheme: PriceScheme, metal: Metal, date: string): RuleApplied<MinimumPriceRule> | undefined;
  premium(scheme: PriceScheme, metal: Metal, date: string): RuleApplied<PremiumRule> | undefined;
  splittingLimit(metal: Metal, date: string): RuleApplied<SplittingLimitRule> | undefined;
  umpire(metal: Metal, date: string): RuleApplied<UmpireRule> | undefined;
  /** Trial period of a new trading relationship under a scheme ("fairmined"). */
  trialPeriod(scheme: string, date: string): RuleApplied<TrialPeriodRule> | undefined;
  /** Pre-finance cost cap under a scheme ("fairmined"). */
  prefinanceCostCap(scheme: string, date: string): RuleApplied<CostCapRule> | undefined;
  /** Expiry of mass-balance credits under a scheme ("fairmined", "fairtrade"). */
  creditExpiry(scheme: string, date: string): RuleApplied<CreditExpiryRule> | undefined;
  icglrStatusPeriod(status: IcglrStatus, date: string): RuleApplied<IcglrPeriodRule> | undefined;
  exportCertificateValidity(date: string): RuleApplied<ExportCertificateRule> | undefined;
  fixingLookback(metal: Metal, date: string): RuleApplied<FixingLookbackRule> | undefined;
  /** Any rule by name and key, value as stored (for rules without a typed reader). */
  valueOn(rule: string, key: string, date: string): RuleApplied<unknown> | undefined;
}

/** The calendar day of an ISO 8601 date or date-time, as written (local to the transaction); rejects anything else. */
export function ruleDay(date: string): string {
  const day = date.slice(0, 10);
  if (!isIsoDate(day) || (date.length > 10 && Number.isNaN(Date.parse(date)))) throw badInput(`date must be an ISO 8601 date, got "${date}"`, { date });
  return day;
}

/**
 * Builds the dated lookup over rule versions (as read from the rule_values table or a rules file).
 * Values are parsed on lookup; a malformed stored value is an ORP_NO_RULE error naming its version.
 */
export function certificationRulesFrom(versions: readonly RuleVersion[]): CertificationRules {
  const byRuleKey = new Map<string, RuleVersion[]>();
  for (const v of versions) {
    const id = `${v.rule}\u0000${v.key}`;
    const list = byRuleKey.get(id) ?? [];
    list.push(v);
    byRuleKey.set(id, list);
  }
  const valueOn = (rule: string, key: string, date: string): RuleApplied<unknown> | undefined => {
    const day = ruleDay(date);
    let best: RuleVersion | undefined;
    for (const v of byRuleKey.get(`${rule}\u0000${key}`) ?? []) {
      if (v.effectiveFrom <= day && (!v.effectiveTo || day < v.effectiveTo) && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
    }
    if (!best) return undefined;
    const { value, ...version } = best;
    return { value, version };
  };
  const typed = <T>(parse: (v: unknown) => T | undefined) => (rule: string, key: string, date: string): RuleApplied<T> | undefined => {
    const found = valueOn(rule, key, date);
    if (!found) return undefined;
    const value = parse(found.value);
    if (value === undefined) {
      throw new OrpailleError('ORP_NO_RULE', `rule ${rule} ${key} from ${found.version.effectiveFrom} has a malformed value`, { ...found.version, value: found.value });
    }
    return { value, version: found.version };
  };
  const minimum = typed(parseMinimumPrice);
  const premium = typed(parsePremium);
  const splitting = typed(parseSplittingLimit);
  const umpire = typed(parseUmpire);
  const trial = typed((v) => (positiveInt(v, 'maxConsignments') ? { maxConsignments: (v as TrialPeriodRule).maxConsignments } : undefined));
  const costCap = typed(parseCostCap);
  const expiry = typed((v) => (positiveInt(v, 'months') ? { months: (v as CreditExpiryRule).months } : undefined));
  const icglr = typed(parseIcglrPeriod);
  const maxDays = typed((v) => (positiveInt(v, 'maxDays') ? { maxDays: (v as ExportCertificateRule).maxDays } : undefined));
  return {
    minimumPrice: (scheme, metal, date) => minimum('certification.minimum_price', `${scheme}:${metal}`, date),
    premium: (scheme, metal, date) => premium('certification.premium', `${scheme}:${metal}`, date),
    splittingLimit: (metal, date) => splitting('assay.splitting_limit', metal, date),
    umpire: (metal, date) => umpire('assay.umpire', metal, date),
    trialPeriod: (scheme, date) => trial('trading.trial_period', scheme, date),
    prefinanceCostCap: (scheme, date) => costCap('finance.prefinance_cost_cap', scheme, date),
    creditExpiry: (scheme, date) => expiry('massbalance.credit_expiry', scheme, date),
    icglrStatusPeriod: (status, date) => icglr('icglr.status_period', status, date),
    exportCertificateValidity: (date) => maxDays('icglr.export_certificate', 'validity', date),
    fixingLookback: (metal, date) => maxDays('prices.fixing_lookback', metal, date),
    valueOn,
  };
}

/** The rule version behind a figure, or an ORP_NO_RULE error saying which rule is missing for the date. */
export function requireRule<T>(found: RuleApplied<T> | undefined, rule: string, key: string, date: string): RuleApplied<T> {
  if (found) return found;
  throw new OrpailleError('ORP_NO_RULE', `no ${rule} rule for ${key} in force on ${date.slice(0, 10)}: add one to the rule table`, { rule, key, date });
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function positiveInt(v: unknown, field: string): boolean {
  const n = record(v)?.[field];
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}

function permille(n: unknown): number | undefined {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 1000 ? n : undefined;
}

function parseMinimumPrice(v: unknown): MinimumPriceRule | undefined {
  const p = permille(record(v)?.['permilleOfBenchmark']);
  return p === undefined ? undefined : { permilleOfBenchmark: p };
}

function parsePremium(v: unknown): PremiumRule | undefined {
  const r = record(v);
  const perKg = record(r?.['perKgFine']);
  if (perKg) {
    const { amount, currency } = perKg;
    if (typeof amount !== 'string' || typeof currency !== 'string' || !isCurrencyCode(currency)) return undefined;
    if (!safely(() => parseDecimal(amount, 'amount'))) return undefined;
    return { kind: 'perKgFine', amount, currency };
  }
  const p = permille(r?.['permilleOfBenchmark']);
  return p === undefined ? undefined : { kind: 'permilleOfBenchmark', permille: p };
}

function parseSplittingLimit(v: unknown): SplittingLimitRule | undefined {
  const text = record(v)?.['maxDifferencePermille'];
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  const f = safely(() => parseFineness(text, 'maxDifferencePermille'));
  return f === undefined ? undefined : { maxDifference: f };
}

function parseUmpire(v: unknown): UmpireRule | undefined {
  const final = record(v)?.['final'];
  return final === 'umpire' || final === 'mean_with_closest' ? { final } : undefined;
}

function parseCostCap(v: unknown): CostCapRule | undefined {
  const r = record(v);
  const plus = r?.['plus'];
  const margin = r?.['marginBasisPointsPerYear'];
  if (!Array.isArray(plus) || !plus.every((p) => typeof p === 'string')) return undefined;
  if (typeof margin !== 'number' || !Number.isInteger(margin) || margin < 0) return undefined;
  return { plus: plus as string[], marginBasisPointsPerYear: margin };
}

function parseIcglrPeriod(v: unknown): IcglrPeriodRule | undefined {
  const r = record(v);
  const limit = r?.['limit'];
  const then = r?.['then'];
  if (!positiveInt(v, 'months')) return undefined;
  if (limit !== 'validity' && limit !== 'maximum' && limit !== 'remedy' && limit !== 'minimum') return undefined;
  if (then !== undefined && !(ICGLR_STATUSES as readonly unknown[]).includes(then)) return undefined;
  return { months: r!['months'] as number, limit, ...(then ? { then: then as IcglrStatus } : {}) };
}

function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
