import { newId } from '../access/index.js';
import { isIsoDate } from '../certification/index.js';
import { ANNEX_II_KEY, MITIGATION_DEADLINE_RULE, checkMeasures, checkProgress, planDeadline, reviewPlan, type PlanMeasure, type PlanReview, type ProgressReport, type RiskPlan, type TargetDirection } from '../diligence/index.js';
import { OrpailleError, badInput, dayOf } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import type { Organisation } from '../parties/index.js';
import { resolveSupplier } from './gating.js';

export interface PlanInput {
  id?: string;
  supplier: string;
  /** YYYY-MM-DD (default today). */
  adoptedOn?: string;
  createdBy: string;
  measures: { id?: string; description: string; indicator: string; baseline: number; target: number; direction: string; risk?: string }[];
}

/** A plan as shown: with its review on a day. */
export interface PlanView extends RiskPlan {
  review: PlanReview;
}

const today = (orp: Orpaille) => dayOf(orp.clock.now().toISOString());

/**
 * Adopts a risk management plan of `organisation` for a supplier: measures with measurable targets, and the
 * deadline for measurable improvement from the dated rule in force on the adoption day (rules/gating.json).
 */
export async function adoptPlan(orp: Orpaille, organisation: Organisation, input: PlanInput): Promise<PlanView> {
  const supplier = await resolveSupplier(orp, input.supplier);
  const adoptedOn = input.adoptedOn ?? today(orp);
  if (!isIsoDate(adoptedOn)) throw badInput(`adoptedOn ${adoptedOn} is not an ISO 8601 date (YYYY-MM-DD)`, { field: 'adoptedOn' });
  if (!input.createdBy?.trim()) throw badInput('a plan needs createdBy', { field: 'createdBy' });
  const measures: PlanMeasure[] = input.measures.map((m, i) => ({
    id: m.id ?? `M${i + 1}`,
    description: m.description,
    indicator: m.indicator,
    baseline: m.baseline,
    target: m.target,
    direction: m.direction as TargetDirection,
    ...(m.risk !== undefined ? { risk: m.risk } : {}),
  }));
  checkMeasures(measures);
  const rules = await orp.rules.certificationRules();
  const { deadline, rule } = planDeadline(adoptedOn, rules.valueOn(MITIGATION_DEADLINE_RULE, ANNEX_II_KEY, adoptedOn));
  const plan: RiskPlan = { id: input.id ?? newId('plan'), organisation: organisation.uri, supplier: supplier.uri, adoptedOn, deadline, deadlineRule: rule, createdBy: input.createdBy, measures, progress: [] };
  await orp.plans.addPlan(plan);
  return { ...plan, review: reviewPlan(plan, today(orp)) };
}

/** One of the organisation's plans; ORP_NOT_FOUND for another organisation's. */
export async function requirePlan(orp: Orpaille, organisation: Organisation, id: string): Promise<RiskPlan> {
  const plan = await orp.plans.plan(id);
  if (!plan || plan.organisation !== organisation.uri) throw new OrpailleError('ORP_NOT_FOUND', `no plan ${id}`, { id });
  return plan;
}

/** Records a progress report on a measure of a plan and returns the plan reviewed today. */
export async function reportProgress(orp: Orpaille, organisation: Organisation, planId: string, input: { measure: string; value: number; reportedBy: string; reportedOn?: string; note?: string }): Promise<PlanView> {
  const plan = await requirePlan(orp, organisation, planId);
  const report: ProgressReport = { measure: input.measure, value: input.value, reportedBy: input.reportedBy, reportedOn: input.reportedOn ?? today(orp), ...(input.note !== undefined ? { note: input.note } : {}) };
  checkProgress(plan, report);
  if (report.reportedOn > today(orp)) throw badInput(`a progress report cannot be dated after today (${today(orp)})`, { reportedOn: report.reportedOn });
  await orp.plans.addProgress(plan.id, report);
  const updated = { ...plan, progress: [...plan.progress, report] };
  return { ...updated, review: reviewPlan(updated, today(orp)) };
}

/** A plan reviewed on a day (default today). */
export async function planView(orp: Orpaille, organisation: Organisation, id: string, on?: string): Promise<PlanView> {
  const plan = await requirePlan(orp, organisation, id);
  const day = on ?? today(orp);
  if (!isIsoDate(day)) throw badInput(`date ${day} is not an ISO 8601 date (YYYY-MM-DD)`, { date: day });
  return { ...plan, review: reviewPlan(plan, day) };
}

/** The organisation's plans (one supplier's when given), each reviewed today. */
export async function listPlans(orp: Orpaille, organisation: Organisation, supplier?: string): Promise<PlanView[]> {
  const s = supplier === undefined ? undefined : (await resolveSupplier(orp, supplier)).uri;
  return (await orp.plans.plans(organisation.uri, s)).map((p) => ({ ...p, review: reviewPlan(p, today(orp)) }));
}
