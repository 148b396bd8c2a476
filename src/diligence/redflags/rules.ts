import { OrpailleError, isCurrencyCode, parseMoney } from '../../kernel/index.js';
import { certificationRulesFrom, type RuleApplied, type RuleVersion } from '../../certification/index.js';

/*
 * The red-flag thresholds as dated rule versions (rules/diligence.json seeded into rule_values): the
 * engine asks "which version is in force on the event's date" and records it with every hit. A version
 * whose value says `"enabled": false` switches its rule off from its date.
 */

export interface SiteCapacityRule {
  enabled: boolean;
  windowDays: number;
  /** The rule fires when the window's gross production exceeds this share (per mille) of the capacity scaled to the window. */
  maxPermilleOfCapacity: number;
}

export interface CashRule {
  enabled: boolean;
  /** Cash purchases above this amount (in the rule's currency, cents) need a recorded approval. */
  aboveCents: number;
  above: string;
}

export interface CahraRule {
  enabled: boolean;
  origin: boolean;
  transit: boolean;
}

export interface EnabledRule {
  enabled: boolean;
}

export interface SiteStatusRule {
  enabled: boolean;
  /** ICGLR statuses under which production is a red flag. */
  forbidden: string[];
  /** Countries (ISO 3166-1 alpha-2) whose sites the ICGLR mechanism covers. */
  countries: string[];
}

/** Plausible fineness of a lot form, parts per thousand, bounds included. */
export interface FinenessRangeRule {
  enabled: boolean;
  minPermille: number;
  maxPermille: number;
}

export interface WindowRule {
  enabled: boolean;
  windowDays: number;
}

export interface MinimumAgeRule {
  enabled: boolean;
  /** Minimum age for the work (mining is hazardous work: ILO C138 art. 3). */
  minimumAge: number;
}

/** Which uses of a tag no organisation issued are red flags: all, those by an organisation keeping a tag registry, none. */
export const UNISSUED_TAG_POLICIES = ['always', 'registry', 'never'] as const;

export interface TagOutsideAgentRule {
  enabled: boolean;
  unissued: (typeof UNISSUED_TAG_POLICIES)[number];
}

export interface TagStockRule {
  enabled: boolean;
  /** Tags a count may be off by (in number, or missing plus extra serials) and still reconcile. */
  toleranceTags: number;
}

/** Dated lookups of each red-flag rule; undefined when no version covers the date. */
export interface RedFlagRules {
  siteCapacity(date: string): RuleApplied<SiteCapacityRule> | undefined;
  cash(currency: string, date: string): RuleApplied<CashRule> | undefined;
  cahra(date: string): RuleApplied<CahraRule> | undefined;
  productionBeforeLicence(date: string): RuleApplied<EnabledRule> | undefined;
  siteStatus(date: string): RuleApplied<SiteStatusRule> | undefined;
  meltLoss(date: string): RuleApplied<EnabledRule> | undefined;
  /** The range for a lot form (key = form). */
  finenessForm(form: string, date: string): RuleApplied<FinenessRangeRule> | undefined;
  recycledFromMined(date: string): RuleApplied<WindowRule> | undefined;
  /** The minimum age in a country (key = ISO 3166-1 alpha-2), else the `default` key's. */
  minerAge(country: string, date: string): RuleApplied<MinimumAgeRule> | undefined;
  tagReused(date: string): RuleApplied<EnabledRule> | undefined;
  tagOutsideAgent(date: string): RuleApplied<TagOutsideAgentRule> | undefined;
  tagStock(date: string): RuleApplied<TagStockRule> | undefined;
}

export const REDFLAG_RULE_PREFIX = 'redflag.';

/**
 * Builds the dated red-flag lookups from rule versions. Lookups are memoised per day (a scan asks the
 * same question for thousands of events of one day). A malformed stored value is an ORP_NO_RULE error.
 */
export function redFlagRulesFrom(versions: readonly RuleVersion[]): RedFlagRules {
  const all = certificationRulesFrom(versions.filter((v) => v.rule.startsWith(REDFLAG_RULE_PREFIX)));
  const memo = new Map<string, RuleApplied<unknown> | undefined>();
  const typed = <T>(rule: string, parse: (v: Record<string, unknown>) => T | undefined) => (key: string, date: string): RuleApplied<T> | undefined => {
    const day = date.slice(0, 10);
    const id = `${rule}|${key}|${day}`;
    if (memo.has(id)) return memo.get(id) as RuleApplied<T> | undefined;
    const found = all.valueOn(rule, key, day);
    let out: RuleApplied<T> | undefined;
    if (found) {
      const r = typeof found.value === 'object' && found.value !== null && !Array.isArray(found.value) ? (found.value as Record<string, unknown>) : undefined;
      const value = r ? parse(r) : undefined;
      if (value === undefined) throw new OrpailleError('ORP_NO_RULE', `rule ${rule} ${key} from ${found.version.effectiveFrom} has a malformed value`, { ...found.version, value: found.value });
      out = { value, version: found.version };
    }
    memo.set(id, out);
    return out;
  };
  const enabled = (r: Record<string, unknown>) => r['enabled'] !== false;
  const capacity = typed<SiteCapacityRule>('redflag.site_over_capacity', (r) => {
    const w = r['windowDays'];
    const p = r['maxPermilleOfCapacity'];
    if (!isPositiveInt(w) || !isPositiveInt(p)) return undefined;
    return { enabled: enabled(r), windowDays: w, maxPermilleOfCapacity: p };
  });
  const cash = typed<CashRule>('redflag.cash_without_approval', (r) => {
    const above = r['above'];
    if (typeof above !== 'string') return undefined;
    try {
      return { enabled: enabled(r), above, aboveCents: parseMoney(above, 'above') };
    } catch {
      return undefined;
    }
  });
  const cahra = typed<CahraRule>('redflag.cahra', (r) => ({ enabled: enabled(r), origin: r['origin'] !== false, transit: r['transit'] !== false }));
  const licence = typed<EnabledRule>('redflag.production_before_licence', (r) => ({ enabled: enabled(r) }));
  const status = typed<SiteStatusRule>('redflag.site_status', (r) => {
    const forbidden = r['forbidden'];
    const countries = r['countries'];
    if (!isStringList(forbidden) || !isStringList(countries)) return undefined;
    return { enabled: enabled(r), forbidden, countries };
  });
  const meltLoss = typed<EnabledRule>('redflag.melt_loss_beyond_tolerance', (r) => ({ enabled: enabled(r) }));
  const fineness = typed<FinenessRangeRule>('redflag.fineness_form_mismatch', (r) => {
    const min = r['minPermille'];
    const max = r['maxPermille'];
    if (!isPermille(min) || !isPermille(max) || min > max) return undefined;
    return { enabled: enabled(r), minPermille: min, maxPermille: max };
  });
  const recycled = typed<WindowRule>('redflag.recycled_from_mined_supplier', (r) => (isPositiveInt(r['windowDays']) ? { enabled: enabled(r), windowDays: r['windowDays'] } : undefined));
  const age = typed<MinimumAgeRule>('redflag.miner_under_age', (r) => (isPositiveInt(r['minimumAge']) ? { enabled: enabled(r), minimumAge: r['minimumAge'] } : undefined));
  const tagReused = typed<EnabledRule>('redflag.tag_reused', (r) => ({ enabled: enabled(r) }));
  const tagOutside = typed<TagOutsideAgentRule>('redflag.tag_outside_agent', (r) => {
    const unissued = r['unissued'] ?? 'registry';
    return UNISSUED_TAG_POLICIES.includes(unissued as TagOutsideAgentRule['unissued']) ? { enabled: enabled(r), unissued: unissued as TagOutsideAgentRule['unissued'] } : undefined;
  });
  const tagStock = typed<TagStockRule>('redflag.tag_stock_unreconciled', (r) => {
    const t = r['toleranceTags'] ?? 0;
    return typeof t === 'number' && Number.isInteger(t) && t >= 0 ? { enabled: enabled(r), toleranceTags: t } : undefined;
  });
  return {
    meltLoss: (date) => meltLoss('default', date),
    finenessForm: (form, date) => fineness(form, date),
    recycledFromMined: (date) => recycled('default', date),
    minerAge: (country, date) => age(country, date) ?? age('default', date),
    tagReused: (date) => tagReused('default', date),
    tagOutsideAgent: (date) => tagOutside('default', date),
    tagStock: (date) => tagStock('default', date),
    siteCapacity: (date) => capacity('default', date),
    cash: (currency, date) => (isCurrencyCode(currency) ? cash(currency, date) : undefined),
    cahra: (date) => cahra('default', date),
    productionBeforeLicence: (date) => licence('default', date),
    siteStatus: (date) => status('icglr', date),
  };
}

function isPositiveInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}

function isPermille(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 1000;
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}
