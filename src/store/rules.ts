import type { CustodyRules, Metal, TransformOperation } from '../custody/index.js';
import { addMonthsUtc } from '../kernel/index.js';
import type { Db } from './db.js';

/** A dated rule value as stored (GOLD-RULES preamble: effective from/to, source, confidence). */
export interface RuleValue {
  rule: string;
  key: string;
  effectiveFrom: string;
  effectiveTo?: string;
  value: unknown;
  source: string;
  confidence: 'firm' | 'likely' | 'assumed';
}

/** Rule tables: versioned values a user adds without a code change. */
export function rulesStore(db: Db) {
  const k = db.kysely;
  return {
    /** Adds rule values that are not there yet (same rule, key and start date); returns how many were added. */
    async seed(values: RuleValue[]): Promise<number> {
      let added = 0;
      for (const v of values) {
        const exists = await k
          .selectFrom('rule_values')
          .select('rule')
          .where('rule', '=', v.rule)
          .where('key', '=', v.key)
          .where('effective_from', '=', v.effectiveFrom)
          .executeTakeFirst();
        if (exists) continue;
        await k
          .insertInto('rule_values')
          .values({
            rule: v.rule,
            key: v.key,
            effective_from: v.effectiveFrom,
            effective_to: v.effectiveTo ?? null,
            value: JSON.stringify(v.value),
            source: v.source,
            confidence: v.confidence,
          })
          .execute();
        added++;
      }
      return added;
    },

    async list(rule?: string): Promise<RuleValue[]> {
      let q = k.selectFrom('rule_values').selectAll().orderBy('rule').orderBy('key').orderBy('effective_from');
      if (rule) q = q.where('rule', '=', rule);
      return (await q.execute()).map((r) => ({
        rule: r.rule,
        key: r.key,
        effectiveFrom: r.effective_from,
        ...(r.effective_to ? { effectiveTo: r.effective_to } : {}),
        value: JSON.parse(r.value) as unknown,
        source: r.source,
        confidence: r.confidence as RuleValue['confidence'],
      }));
    },

    /** The custody rules as they stand in the table (read once; call again after adding values). */
    async custodyRules(): Promise<CustodyRules> {
      return custodyRulesFrom([...(await this.list(LOSS_TOLERANCE)), ...(await this.list(CREDIT_EXPIRY))]);
    },
  };
}

/** Rule of the largest fine-gold loss per operation (rules/custody.json). */
export const LOSS_TOLERANCE = 'custody.loss_tolerance';
/** Rule of the lifetime of mass-balance credits per scheme (key SCHEME or SCHEME:METAL; rules/certification.json). */
export const CREDIT_EXPIRY = 'massbalance.credit_expiry';

interface Dated<T> {
  from: number;
  to: number;
  value: T;
}

/** The value in force at `atMs` among dated values (the latest start wins when periods overlap). */
function inForce<T>(list: Dated<T>[] | undefined, atMs: number): T | undefined {
  return (list ?? []).filter((r) => r.from <= atMs && atMs < r.to).sort((a, b) => b.from - a.from)[0]?.value;
}

/** Dated values of one rule, by key, keeping those `read` understands. */
function datedByKey<T>(values: RuleValue[], rule: string, read: (value: unknown) => T | undefined): Map<string, Dated<T>[]> {
  const byKey = new Map<string, Dated<T>[]>();
  for (const v of values) {
    if (v.rule !== rule) continue;
    const value = read(v.value);
    if (value === undefined) continue;
    const list = byKey.get(v.key) ?? [];
    list.push({
      from: Date.parse(`${v.effectiveFrom}T00:00:00Z`),
      to: v.effectiveTo ? Date.parse(`${v.effectiveTo}T00:00:00Z`) : Number.POSITIVE_INFINITY,
      value,
    });
    byKey.set(v.key, list);
  }
  return byKey;
}

/** A credit lifetime in months or days ({"months": 12} or {"days": 365}). */
type Lifetime = { months: number } | { days: number };

function readLifetime(value: unknown): Lifetime | undefined {
  const v = value as { months?: unknown; days?: unknown };
  if (typeof v.months === 'number' && Number.isInteger(v.months) && v.months > 0) return { months: v.months };
  if (typeof v.days === 'number' && Number.isInteger(v.days) && v.days > 0) return { days: v.days };
  return undefined;
}

/**
 * Builds the dated lookups the custody decisions use from rule values: loss tolerances
 * (`custody.loss_tolerance`) and mass-balance credit lifetimes (`massbalance.credit_expiry`).
 */
export function custodyRulesFrom(values: RuleValue[]): CustodyRules {
  const tolerances = datedByKey(values, LOSS_TOLERANCE, (v) => {
    const permille = (v as { maxLossPermille?: unknown }).maxLossPermille;
    return typeof permille === 'number' ? permille : undefined;
  });
  const lifetimes = datedByKey(values, CREDIT_EXPIRY, readLifetime);
  return {
    lossTolerancePermille(operation: TransformOperation, atMs: number) {
      return inForce(tolerances.get(operation), atMs);
    },
    creditExpiresAt(scheme: string, metal: Metal, earnedAtMs: number) {
      // A metal-specific rule ("fairmined:silver") wins over the scheme's general one ("fairmined").
      const lifetime = inForce(lifetimes.get(`${scheme}:${metal}`), earnedAtMs) ?? inForce(lifetimes.get(scheme), earnedAtMs);
      if (!lifetime) return undefined;
      return 'months' in lifetime ? addMonthsUtc(earnedAtMs, lifetime.months) : earnedAtMs + lifetime.days * 86_400_000;
    },
  };
}

export type RulesStore = ReturnType<typeof rulesStore>;
