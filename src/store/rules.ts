import { certificationRulesFrom, type CertificationRules } from '../certification/index.js';
import type { CustodyRules, TransformOperation } from '../custody/index.js';
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
      const values = await this.list('custody.loss_tolerance');
      return custodyRulesFrom(values);
    },

    /** The certification rules (prices, premiums, assay, trading, ICGLR) as they stand in the table; read once, call again after adding values. */
    async certificationRules(): Promise<CertificationRules> {
      return certificationRulesFrom(await this.list());
    },
  };
}

/** Builds the dated lookup the custody decisions use from rule values. */
export function custodyRulesFrom(values: RuleValue[]): CustodyRules {
  const byOp = new Map<string, { from: number; to: number; permille: number }[]>();
  for (const v of values) {
    const permille = (v.value as { maxLossPermille?: unknown }).maxLossPermille;
    if (typeof permille !== 'number') continue;
    const list = byOp.get(v.key) ?? [];
    list.push({
      from: Date.parse(`${v.effectiveFrom}T00:00:00Z`),
      to: v.effectiveTo ? Date.parse(`${v.effectiveTo}T00:00:00Z`) : Number.POSITIVE_INFINITY,
      permille,
    });
    byOp.set(v.key, list);
  }
  return {
    lossTolerancePermille(operation: TransformOperation, atMs: number) {
      const match = (byOp.get(operation) ?? []).filter((r) => r.from <= atMs && atMs < r.to).sort((a, b) => b.from - a.from)[0];
      return match?.permille;
    },
  };
}

export type RulesStore = ReturnType<typeof rulesStore>;
