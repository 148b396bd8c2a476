import { badInput, formatFineness, type Fineness } from '../kernel/index.js';
import { requireRule, ruleDay, type CertificationRules, type Metal, type RuleRef } from './rules.js';

/*
 * Assay exchange (GOLD-RULES s.2): buyer and seller assay their own samples of a delivery. If their
 * results differ by no more than the splitting limit the final assay is their mean; otherwise a sealed
 * sample goes to an umpire lab, and the dated umpire rule says what stands. Limits are rule data.
 */

export const ASSAY_EXCHANGE_METHODS = ['fire_assay', 'xrf', 'other'] as const;
export type AssayExchangeMethod = (typeof ASSAY_EXCHANGE_METHODS)[number];

export const ASSAY_ROLES = ['seller', 'buyer', 'umpire'] as const;
export type AssayRole = (typeof ASSAY_ROLES)[number];

/** One party's (or the umpire's) assay of its sample. */
export interface AssayResult {
  role: AssayRole;
  method: AssayExchangeMethod;
  lab: string;
  sampleIds: string[];
  fineness: Fineness;
  /** ISO 8601 date of the assay. */
  date: string;
}

/** The outcome of comparing the assays of a delivery, with the rule versions it used. */
export type AssayReconciliation =
  | { status: 'incomplete'; missing: AssayRole[]; warnings: string[] }
  | {
      status: 'umpire_needed';
      /** |seller - buyer| in tenths of per-mille. */
      difference: Fineness;
      splittingLimit: Fineness;
      rules: RuleRef[];
      warnings: string[];
    }
  | {
      status: 'final';
      /** mean: within the splitting limit; umpire / mean_with_closest: decided by the umpire rule. */
      basis: 'mean' | 'umpire' | 'mean_with_closest';
      fineness: Fineness;
      difference: Fineness;
      splittingLimit: Fineness;
      rules: RuleRef[];
      warnings: string[];
    };

/** Mean of two finenesses, rounded down to 0.1 per-mille (never more gold than was measured). */
function mean(a: Fineness, b: Fineness): Fineness {
  return Math.floor((a + b) / 2);
}

/** What is wrong with an assay result as data (empty when nothing). */
export function assayResultProblems(r: AssayResult): string[] {
  const problems: string[] = [];
  if (!(ASSAY_ROLES as readonly string[]).includes(r.role)) problems.push(`role must be one of ${ASSAY_ROLES.join(', ')}`);
  if (!(ASSAY_EXCHANGE_METHODS as readonly string[]).includes(r.method)) problems.push(`method must be one of ${ASSAY_EXCHANGE_METHODS.join(', ')}`);
  if (!r.lab.trim()) problems.push('lab is required');
  if (r.sampleIds.length === 0 || r.sampleIds.some((s) => !s.trim())) problems.push('at least one sample id is required, none empty');
  if (!Number.isInteger(r.fineness) || r.fineness <= 0 || r.fineness > 10000) problems.push('fineness must be above 0 and at most 1000 per-mille');
  return problems;
}

/**
 * Reconciles the seller's and buyer's assays (and the umpire's, if any) under the splitting limit and
 * umpire rule in force on `date`. An umpire result recorded while the parties agree is ignored (with a
 * warning): within the limit the mean stands.
 */
export function reconcileAssays(results: readonly AssayResult[], metal: Metal, date: string, rules: CertificationRules): AssayReconciliation {
  const day = ruleDay(date);
  const by = new Map<AssayRole, AssayResult>();
  for (const r of results) {
    if (by.has(r.role)) throw badInput(`two ${r.role} assays: record one per role`, { role: r.role });
    by.set(r.role, r);
  }
  const warnings = results
    .filter((r) => r.method === 'xrf')
    .map((r) => `the ${r.role}'s assay is XRF: a surface screening method, not a settlement assay (GOLD-RULES s.2); prefer fire assay`);
  const seller = by.get('seller');
  const buyer = by.get('buyer');
  if (!seller || !buyer) return { status: 'incomplete', missing: (['seller', 'buyer'] as const).filter((r) => !by.has(r)), warnings };

  const limit = requireRule(rules.splittingLimit(metal, day), 'assay.splitting_limit', metal, day);
  const difference = Math.abs(seller.fineness - buyer.fineness);
  const base = { difference, splittingLimit: limit.value.maxDifference };
  if (difference <= limit.value.maxDifference) {
    const umpire = by.get('umpire');
    if (umpire) warnings.push(`the umpire assay (${formatFineness(umpire.fineness)}) is not used: the parties agree within the splitting limit`);
    return { status: 'final', basis: 'mean', fineness: mean(seller.fineness, buyer.fineness), ...base, rules: [limit.version], warnings };
  }
  const umpire = by.get('umpire');
  if (!umpire) return { status: 'umpire_needed', ...base, rules: [limit.version], warnings };
  const rule = requireRule(rules.umpire(metal, day), 'assay.umpire', metal, day);
  const rulesUsed = [limit.version, rule.version];
  if (rule.value.final === 'umpire') return { status: 'final', basis: 'umpire', fineness: umpire.fineness, ...base, rules: rulesUsed, warnings };
  // The party result closer to the umpire's; on a tie, the lower one (never more gold than measured).
  const ds = Math.abs(seller.fineness - umpire.fineness);
  const db = Math.abs(buyer.fineness - umpire.fineness);
  const closest = ds < db ? seller : db < ds ? buyer : seller.fineness <= buyer.fineness ? seller : buyer;
  return { status: 'final', basis: 'mean_with_closest', fineness: mean(closest.fineness, umpire.fineness), ...base, rules: rulesUsed, warnings };
}

/** A delivery lot's assay exchange between seller and buyer, as stored. */
export interface AssayExchange {
  id: string;
  /** The delivery lot (URI). */
  lot: string;
  metal: Metal;
  seller: string;
  buyer: string;
  /** Organisation (id) that opened it. */
  org: string;
  /** User or token id (or "cli") that opened it. */
  createdBy: string;
  createdAt: string;
  results: AssayResult[];
  /** The last reconciliation and when it was made. */
  reconciliation?: AssayReconciliation & { at: string };
}

/** What the assay exchange needs stored. src/store implements it. */
export interface AssayStore {
  open(x: Omit<AssayExchange, 'results' | 'reconciliation'>): Promise<void>;
  get(id: string): Promise<AssayExchange | undefined>;
  /** Adds a result; ORP_ASSAY_EXISTS when its role already has one (an assay is not overwritten). */
  addResult(id: string, result: AssayResult, recordedBy: string): Promise<void>;
  saveReconciliation(id: string, r: AssayReconciliation, at: string): Promise<void>;
}
