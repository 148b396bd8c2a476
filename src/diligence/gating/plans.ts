import { isIsoDate, type RuleApplied } from '../../certification/index.js';
import { OrpailleError, addMonthsUtc, badInput } from '../../kernel/index.js';
import { TARGET_DIRECTIONS, type PlanMeasure, type PlanReview, type PlanStatus, type ProgressReport, type RiskPlan } from '../shapes.js';

export { TARGET_DIRECTIONS, type PlanMeasure, type PlanReview, type PlanStatus, type ProgressReport, type RiskPlan, type TargetDirection } from '../shapes.js';

/** Rule of the time a risk management plan has to show measurable improvement (rules/gating.json). */
export const MITIGATION_DEADLINE_RULE = 'diligence.mitigation_deadline';
/** Key of the deadline for the Annex II risks that may be mitigated (3 to 6). */
export const ANNEX_II_KEY = 'annex_ii';

/** The deadline of a plan adopted on `adoptedOn` under the dated rule found for that day; ORP_NO_RULE when none is. */
export function planDeadline(adoptedOn: string, found: RuleApplied<unknown> | undefined): { deadline: string; rule: RiskPlan['deadlineRule'] } {
  if (!found) throw new OrpailleError('ORP_NO_RULE', `no ${MITIGATION_DEADLINE_RULE} rule for ${ANNEX_II_KEY} in force on ${adoptedOn}: add one to the rule table`, { rule: MITIGATION_DEADLINE_RULE, key: ANNEX_II_KEY, date: adoptedOn });
  const months = (found.value as { months?: unknown } | null)?.months;
  if (typeof months !== 'number' || !Number.isInteger(months) || months <= 0) {
    throw new OrpailleError('ORP_NO_RULE', `rule ${MITIGATION_DEADLINE_RULE} ${ANNEX_II_KEY} from ${found.version.effectiveFrom} has a malformed value`, { value: found.value });
  }
  const deadline = new Date(addMonthsUtc(Date.parse(`${adoptedOn}T00:00:00Z`), months)).toISOString().slice(0, 10);
  return { deadline, rule: { rule: MITIGATION_DEADLINE_RULE, key: ANNEX_II_KEY, effectiveFrom: found.version.effectiveFrom, source: found.version.source, months } };
}

/** Checks a plan's measures: ids unique, numbers finite, a target that differs from the baseline in its direction. */
export function checkMeasures(measures: PlanMeasure[]): void {
  if (measures.length === 0) throw badInput('a risk management plan needs at least one measure', { field: 'measures' });
  const seen = new Set<string>();
  for (const m of measures) {
    if (!m.id || seen.has(m.id)) throw badInput(`measure id "${m.id}" is missing or repeated`, { measure: m.id });
    seen.add(m.id);
    if (!m.description?.trim() || !m.indicator?.trim()) throw badInput(`measure ${m.id} needs a description and an indicator`, { measure: m.id });
    if (!Number.isFinite(m.baseline) || !Number.isFinite(m.target)) throw badInput(`measure ${m.id}: baseline and target must be numbers`, { measure: m.id });
    if (!(TARGET_DIRECTIONS as readonly string[]).includes(m.direction)) throw badInput(`measure ${m.id}: direction must be at_least or at_most`, { measure: m.id });
    const improves = m.direction === 'at_least' ? m.target > m.baseline : m.target < m.baseline;
    if (!improves) throw badInput(`measure ${m.id}: the target ${m.target} is no improvement on the baseline ${m.baseline} (${m.direction})`, { measure: m.id });
  }
}

/** Checks a progress report against its plan: a known measure, a date from adoption on, a number, a reporter. */
export function checkProgress(plan: RiskPlan, r: ProgressReport): void {
  if (!plan.measures.some((m) => m.id === r.measure)) throw badInput(`plan ${plan.id} has no measure ${r.measure}`, { measure: r.measure });
  if (!isIsoDate(r.reportedOn)) throw badInput(`reportedOn ${r.reportedOn} is not an ISO 8601 date (YYYY-MM-DD)`, { field: 'reportedOn' });
  if (r.reportedOn < plan.adoptedOn) throw badInput(`a report on ${r.reportedOn} precedes the plan's adoption on ${plan.adoptedOn}`, { reportedOn: r.reportedOn });
  if (!Number.isFinite(r.value)) throw badInput('value must be a number', { field: 'value' });
  if (!r.reportedBy?.trim()) throw badInput('a report needs reportedBy', { field: 'reportedBy' });
}

const reaches = (m: PlanMeasure, v: number) => (m.direction === 'at_least' ? v >= m.target : v <= m.target);
const better = (m: PlanMeasure, v: number) => (m.direction === 'at_least' ? v > m.baseline : v < m.baseline);

/**
 * Reviews a plan on a day, with the reports made up to it. Every target met: `targets_met`. Past the
 * deadline with a target unmet: `decision_due`, since the Gold Supplement asks for significant and
 * measurable improvement within six months or a suspension or disengagement (GOLD-RULES s.5).
 */
export function reviewPlan(plan: RiskPlan, on: string): PlanReview {
  const measures = plan.measures.map((m) => {
    const reports = plan.progress.filter((p) => p.measure === m.id && p.reportedOn <= on).sort((a, b) => a.reportedOn.localeCompare(b.reportedOn));
    const latest = reports.at(-1);
    return {
      id: m.id,
      indicator: m.indicator,
      baseline: m.baseline,
      target: m.target,
      direction: m.direction,
      ...(latest ? { latest } : {}),
      improved: latest !== undefined && better(m, latest.value),
      met: latest !== undefined && reaches(m, latest.value),
    };
  });
  const daysLeft = Math.round((Date.parse(plan.deadline) - Date.parse(on)) / 86_400_000);
  const unmet = measures.filter((m) => !m.met);
  const status: PlanStatus = unmet.length === 0 ? 'targets_met' : on > plan.deadline ? 'decision_due' : 'in_progress';
  const explanation =
    status === 'targets_met'
      ? `every target met by ${on}`
      : status === 'decision_due'
        ? `deadline ${plan.deadline} passed with ${unmet.map((m) => m.id).join(', ')} unmet: decide to suspend or disengage (or record why the trade continues)`
        : `${unmet.length} of ${measures.length} targets still to meet; ${daysLeft} days to the deadline ${plan.deadline}`;
  return { on, status, deadline: plan.deadline, daysLeft, measures, explanation };
}
