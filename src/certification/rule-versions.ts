import { OrpailleError, parseDateOrDateTime, shapeMismatch } from '../kernel/index.js';
import { RULE_CONFIDENCES } from './shapes.js';
import type { RuleConfidence, RuleVersion } from './rules.js';

export { RULE_CONFIDENCES } from './shapes.js';

/** What adding a version does to the table: the new row, and the version it closes (its effectiveTo set). */
export interface RuleVersionPlan {
  insert: RuleVersion;
  close?: { rule: string; key: string; effectiveFrom: string; effectiveTo: string };
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(parseDateOrDateTime(s));

/**
 * Decides how a new dated value of a rule enters the table (`existing`: every version of that rule, all keys).
 * The past is never rewritten: a version starts after the latest one of its key, which it closes. The rule must
 * exist (shipped in rules/*.json) and the value must have the shape of the version it follows (or, for a new
 * key, of the rule's latest version), so a value the rule could not read is refused instead of silently ignored.
 */
export function planRuleVersion(existing: readonly RuleVersion[], input: RuleVersion): RuleVersionPlan {
  const { rule, key } = input;
  if (!key.trim()) throw new OrpailleError('ORP_BAD_INPUT', 'a rule version needs a key (e.g. "default", a currency, an operation)', { rule });
  if (!isDay(input.effectiveFrom)) throw new OrpailleError('ORP_BAD_INPUT', `effectiveFrom must be a date YYYY-MM-DD, got "${input.effectiveFrom}"`, { rule, key });
  if (input.effectiveTo !== undefined && (!isDay(input.effectiveTo) || input.effectiveTo <= input.effectiveFrom)) {
    throw new OrpailleError('ORP_BAD_INPUT', `effectiveTo must be a date after effectiveFrom (${input.effectiveFrom}), got "${input.effectiveTo}"`, { rule, key });
  }
  if (!RULE_CONFIDENCES.includes(input.confidence)) throw new OrpailleError('ORP_BAD_INPUT', `confidence must be one of ${RULE_CONFIDENCES.join(', ')}`, { rule, key });
  if (!input.source.trim()) throw new OrpailleError('ORP_BAD_INPUT', 'a rule version needs a source (the standard, contract or decision it comes from)', { rule, key });
  const ofRule = existing.filter((v) => v.rule === rule);
  if (ofRule.length === 0) throw new OrpailleError('ORP_RULE_UNKNOWN', `no rule "${rule}": only the rules shipped in rules/*.json take new versions (orpaille rules list)`, { rule });
  const latest = (vs: readonly RuleVersion[]) => vs.reduce((a, b) => (b.effectiveFrom > a.effectiveFrom ? b : a));
  const ofKey = ofRule.filter((v) => v.key === key);
  const previous = ofKey.length > 0 ? latest(ofKey) : undefined;
  const template = previous ?? latest(ofRule);
  const mismatch = shapeMismatch(template.value, input.value);
  if (mismatch) {
    throw new OrpailleError('ORP_RULE_VALUE_INVALID', `the value does not have the shape of ${rule} (${template.key} from ${template.effectiveFrom}): ${mismatch}`, {
      rule,
      key,
      expected: template.value,
    });
  }
  if (previous && previous.effectiveFrom >= input.effectiveFrom) {
    throw new OrpailleError('ORP_RULE_BACKDATED', `${rule} (${key}) already has a version from ${previous.effectiveFrom}: a new version must start after it (the past is not rewritten)`, {
      rule,
      key,
      latest: previous.effectiveFrom,
    });
  }
  const insert: RuleVersion = { ...input };
  if (previous && (previous.effectiveTo === undefined || previous.effectiveTo > input.effectiveFrom)) {
    return { insert, close: { rule, key, effectiveFrom: previous.effectiveFrom, effectiveTo: input.effectiveFrom } };
  }
  return { insert };
}

/** The versions in force on a day (one per rule and key). */
export function versionsInForce(versions: readonly RuleVersion[], day: string): RuleVersion[] {
  const best = new Map<string, RuleVersion>();
  for (const v of versions) {
    if (v.effectiveFrom > day || (v.effectiveTo !== undefined && day >= v.effectiveTo)) continue;
    const id = `${v.rule}\u0000${v.key}`;
    const b = best.get(id);
    if (!b || v.effectiveFrom > b.effectiveFrom) best.set(id, v);
  }
  return [...best.values()];
}
