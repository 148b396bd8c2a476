import type { RuleVersion } from '../certification/index.js';
import { certificationRulesFrom, planRuleVersion, type CertificationRules, type RuleVersionPlan } from '../certification/index.js';
import { LOSS_DEVIATION_POLICIES, type CustodyRules, type LossDeviationPolicy, type Metal, type TransformOperation } from '../custody/index.js';
import { addMonthsUtc } from '../kernel/index.js';
import type { Db } from './db.js';

/** A dated rule value as stored (GOLD-RULES preamble: effective from/to, source, confidence). */
export type RuleValue = RuleVersion;

function toRuleValue(r: { rule: string; key: string; effective_from: string; effective_to: string | null; value: string; source: string; confidence: string }): RuleValue {
  return {
    rule: r.rule,
    key: r.key,
    effectiveFrom: r.effective_from,
    ...(r.effective_to ? { effectiveTo: r.effective_to } : {}),
    value: JSON.parse(r.value) as unknown,
    source: r.source,
    confidence: r.confidence as RuleValue['confidence'],
  };
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
      return (await q.execute()).map(toRuleValue);
    },

    /**
     * Adds a dated version of a shipped rule, closing the version it follows, in one transaction
     * (planRuleVersion decides; ORP_RULE_UNKNOWN, ORP_RULE_VALUE_INVALID, ORP_RULE_BACKDATED refuse and change nothing).
     */
    async addVersion(input: RuleValue): Promise<RuleVersionPlan> {
      return k.transaction().execute(async (trx) => {
        const rows = await trx.selectFrom('rule_values').selectAll().where('rule', '=', input.rule).execute();
        const plan = planRuleVersion(rows.map(toRuleValue), input);
        if (plan.close) {
          await trx
            .updateTable('rule_values')
            .set({ effective_to: plan.close.effectiveTo })
            .where('rule', '=', plan.close.rule)
            .where('key', '=', plan.close.key)
            .where('effective_from', '=', plan.close.effectiveFrom)
            .execute();
        }
        const v = plan.insert;
        await trx
          .insertInto('rule_values')
          .values({ rule: v.rule, key: v.key, effective_from: v.effectiveFrom, effective_to: v.effectiveTo ?? null, value: JSON.stringify(v.value), source: v.source, confidence: v.confidence })
          .execute();
        return plan;
      });
    },

    /** The custody rules as they stand in the table (read once; call again after adding values). */
    async custodyRules(): Promise<CustodyRules> {
      const values: RuleValue[] = [];
      for (const r of CUSTODY_RULES) values.push(...(await this.list(r)));
      return custodyRulesFrom(values);
    },

    /** The certification rules (prices, premiums, assay, trading, ICGLR) as they stand in the table; read once, call again after adding values. */
    async certificationRules(): Promise<CertificationRules> {
      return certificationRulesFrom(await this.list());
    },
  };
}

/** Rule of the largest fine-gold loss per operation (rules/custody.json). */
export const LOSS_TOLERANCE = 'custody.loss_tolerance';
/** Rule of what happens to a loss beyond the tolerance, per operation (rules/custody.json). */
export const LOSS_DEVIATION = 'custody.loss_deviation';
/** Rule of the lifetime of mass-balance credits per scheme (rules/certification.json, read by CertificationRules.creditExpiry). */
export const CREDIT_EXPIRY = 'massbalance.credit_expiry';
/** The rule tables the custody decisions read. */
export const CUSTODY_RULES = [LOSS_TOLERANCE, LOSS_DEVIATION, CREDIT_EXPIRY] as const;

/**
 * Builds the dated lookups the custody decisions use from rule values: loss tolerances and the policy
 * beyond them (per operation) and, through the certification rules, mass-balance credit expiry.
 */
export function custodyRulesFrom(values: RuleValue[]): CustodyRules {
  const dated = <T>(rule: string, read: (value: unknown) => T | undefined) => {
    const byOp = new Map<string, { from: number; to: number; value: T }[]>();
    for (const v of values) {
      if (v.rule !== rule) continue;
      const value = read(v.value);
      if (value === undefined) continue;
      const list = byOp.get(v.key) ?? [];
      list.push({
        from: Date.parse(`${v.effectiveFrom}T00:00:00Z`),
        to: v.effectiveTo ? Date.parse(`${v.effectiveTo}T00:00:00Z`) : Number.POSITIVE_INFINITY,
        value,
      });
      byOp.set(v.key, list);
    }
    return (operation: TransformOperation, atMs: number): T | undefined =>
      (byOp.get(operation) ?? []).filter((r) => r.from <= atMs && atMs < r.to).sort((a, b) => b.from - a.from)[0]?.value;
  };
  const certification = certificationRulesFrom(values.filter((v) => v.rule === CREDIT_EXPIRY));
  return {
    lossTolerancePermille: dated(LOSS_TOLERANCE, (v) => {
      const permille = (v as { maxLossPermille?: unknown }).maxLossPermille;
      return typeof permille === 'number' ? permille : undefined;
    }),
    lossDeviationPolicy: dated(LOSS_DEVIATION, (v) => {
      const p = (v as { policy?: unknown }).policy;
      return (LOSS_DEVIATION_POLICIES as readonly unknown[]).includes(p) ? (p as LossDeviationPolicy) : undefined;
    }),
    creditExpiresAt(scheme: string, _metal: Metal, earnedAtMs: number) {
      // The scheme's rule in force on the day the credit is earned (one rule per scheme, whatever the metal).
      const rule = certification.creditExpiry(scheme, new Date(earnedAtMs).toISOString().slice(0, 10));
      return rule ? addMonthsUtc(earnedAtMs, rule.value.months) : undefined;
    },
  };
}

export type RulesStore = ReturnType<typeof rulesStore>;
