/**
 * The due diligence workspace's model: the workspace's routes and the small decisions the screens make (no DOM;
 * unit-tested). The API's names and shapes come from the server's import-free src/diligence/shapes.ts, so the two
 * cannot drift; the few the server does not share (CRAFT questionnaire and assessment views) are declared here.
 */
import {
  INCIDENT_MOVES,
  type CraftAnswerValue,
  type CraftResult,
  type CraftStage,
  type Incident,
  type IncidentStatus,
  type PlanReview,
  type RiskPlan,
  type SupplierDecision,
  type TargetDirection,
} from '../../../src/diligence/shapes';

export { CRAFT_ANSWERS, INCIDENT_ORDERS, INCIDENT_STATUSES, RED_FLAG_RULES, SUPPLIER_DECISIONS, TARGET_DIRECTIONS } from '../../../src/diligence/shapes';
export type { CraftAnswerValue, Incident, IncidentOrder, IncidentStatus, SupplierDecision } from '../../../src/diligence/shapes';

export const TABS = ['incidents', 'plans', 'craft', 'decisions', 'risks'] as const;
export type Tab = (typeof TABS)[number];

/** A workspace route: `/diligence` (incidents), `/diligence/{tab}`, `/diligence/{tab}/{id}`. */
export interface DiligenceRoute {
  tab: Tab;
  id?: string;
}

/** The tab and record of a client path under `/diligence`; an unknown tab falls back to the incidents. */
export function diligenceRoute(path: string): DiligenceRoute {
  const [, , tab, ...rest] = path.split('/');
  const known = (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'incidents';
  const raw = rest.join('/');
  if (!raw || known !== tab) return { tab: known };
  try {
    return { tab: known, id: decodeURIComponent(raw) };
  } catch {
    return { tab: known, id: raw };
  }
}

/** The client path of a tab, or of one of its records (the id encoded: incident ids hold `-` and `_`, plan ids anything). */
export function diligencePath(tab: Tab, id?: string): string {
  return id === undefined ? `/diligence/${tab}` : `/diligence/${tab}/${encodeURIComponent(id)}`;
}

/** The statuses an incident in `status` may move to. */
export function movesFrom(status: IncidentStatus): readonly IncidentStatus[] {
  return INCIDENT_MOVES[status] ?? [];
}

const LOT_URI = /https?:\/\/[^\s,;()]+\/01\/\d{14}\/10\/[^\s,;()]+/g;

/** Whether a text is a lot URI (GS1 Digital Link with a GTIN and a lot number). */
export function isLotUri(s: string): boolean {
  return new RegExp(`^${LOT_URI.source}$`).test(s);
}

/** The lots an incident concerns: the lot URIs in its subject, summary and figures, each once, in order met. */
export function incidentLots(i: Pick<Incident, 'subject' | 'summary' | 'evidence'>): string[] {
  const texts = [i.subject, i.summary, ...Object.values(i.evidence.numbers).map(String)];
  const lots: string[] = [];
  for (const text of texts) for (const m of text.matchAll(LOT_URI)) if (!lots.includes(m[0])) lots.push(m[0]);
  return lots;
}

/** GET /diligence/plans/{id}: a risk management plan reviewed today. */
export interface Plan extends RiskPlan {
  review: PlanReview;
}

/** A plan past its deadline with a target unmet: the decision (suspend, disengage, continue) is due. */
export function isOverdue(p: Pick<Plan, 'review'>): boolean {
  return p.review.status === 'decision_due';
}

/** Plans by deadline, overdue first, then the nearest deadline; ties by id. */
export function sortPlans<P extends Pick<Plan, 'id' | 'deadline' | 'review'>>(plans: readonly P[]): P[] {
  return [...plans].sort((a, b) => Number(isOverdue(b)) - Number(isOverdue(a)) || a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id));
}

/** A measure as typed in the plan form: numbers still as text. */
export interface MeasureDraft {
  description: string;
  indicator: string;
  baseline: string;
  target: string;
  direction: TargetDirection;
}

export const emptyMeasure = (): MeasureDraft => ({ description: '', indicator: '', baseline: '', target: '', direction: 'at_least' });

/**
 * The body of POST /diligence/plans from the form. Numbers are sent as typed (a decimal comma read as a point);
 * what is not a number is sent as it is, so the server's validation names it (ORP_BAD_INPUT).
 */
export function planBody(form: { supplier: string; adoptedOn: string; createdBy: string; measures: MeasureDraft[] }): Record<string, unknown> {
  const num = (s: string) => {
    const n = Number(s.trim().replace(',', '.'));
    return s.trim() !== '' && Number.isFinite(n) ? n : s;
  };
  return {
    supplier: form.supplier.trim(),
    ...(form.adoptedOn ? { adoptedOn: form.adoptedOn } : {}),
    ...(form.createdBy.trim() ? { createdBy: form.createdBy.trim() } : {}),
    measures: form.measures.map((m) => ({ description: m.description.trim(), indicator: m.indicator.trim(), baseline: num(m.baseline), target: num(m.target), direction: m.direction })),
  };
}

/** Decisions newest first (the API answers oldest first: the latest decision is the one in force). */
export function newestFirst(decisions: readonly SupplierDecision[]): SupplierDecision[] {
  return [...decisions].sort((a, b) => Date.parse(b.decidedAt) - Date.parse(a.decidedAt) || b.id.localeCompare(a.id));
}

/** The decision in force per supplier: the latest of each. */
export function inForce(decisions: readonly SupplierDecision[]): Map<string, SupplierDecision> {
  const m = new Map<string, SupplierDecision>();
  for (const d of newestFirst(decisions)) if (!m.has(d.supplier)) m.set(d.supplier, d);
  return m;
}

/** GET /diligence/craft-questionnaire. */
export interface CraftQuestionnaire {
  version: string;
  effectiveFrom: string;
  riskModel: string;
  source: string;
  criteria: { id: string; module: number; topic: string; text: string }[];
}

export interface CraftAnswer {
  criterion: string;
  answer: CraftAnswerValue;
  evidence?: { kind?: string; reference: string; description?: string }[];
  comment?: string;
}

/** GET /diligence/craft/{id}: an assessment with its result per topic. */
export interface CraftView {
  id: string;
  producer: string;
  buyer: string;
  questionnaireVersion: string;
  assessedOn: string;
  stage: CraftStage;
  answers: CraftAnswer[];
  submittedBy: string;
  review?: { reviewedBy: string; reviewedOn: string; answers: CraftAnswer[] };
  results: { module: number; topic: string; result: CraftResult; response?: string; criteria: { id: string; answer?: string; reviewed: boolean }[] }[];
}

/** The criteria of a questionnaire grouped by module, in order. */
export function craftModules(q: Pick<CraftQuestionnaire, 'criteria'>): { module: number; criteria: CraftQuestionnaire['criteria'] }[] {
  const modules: { module: number; criteria: CraftQuestionnaire['criteria'] }[] = [];
  for (const c of q.criteria) {
    const m = modules.find((x) => x.module === c.module) ?? modules[modules.push({ module: c.module, criteria: [] }) - 1]!;
    m.criteria.push(c);
  }
  return modules;
}

/** A criterion's answer as typed in the form: the answer (empty: not answered), an evidence reference and a comment. */
export interface AnswerDraft {
  answer: CraftAnswerValue | '';
  evidence: string;
  comment: string;
}

/** The answers of a CRAFT form as the API takes them: answered criteria only, evidence as a document reference. */
export function craftAnswers(drafts: Record<string, AnswerDraft>): CraftAnswer[] {
  return Object.entries(drafts).flatMap(([criterion, d]) => {
    if (!d.answer) return [];
    const evidence = d.evidence.trim();
    const comment = d.comment.trim();
    return [{ criterion, answer: d.answer, ...(evidence ? { evidence: [{ kind: 'document', reference: evidence }] } : {}), ...(comment ? { comment } : {}) }];
  });
}

/** What the caller's role lets it do here (the server checks again: src/http). */
export interface Abilities {
  /** Move incidents, report plan progress, submit and review CRAFT assessments: admins and operators. */
  work: boolean;
  /** Adopt plans and record supplier decisions: admins of the organisation. */
  decide: boolean;
}

/** The abilities of a role; the platform administrator has no organisation to act for. */
export function abilities(principal: { role: string; org: unknown }): Abilities {
  const member = principal.org !== null && principal.org !== undefined;
  return { work: member && (principal.role === 'admin' || principal.role === 'operator'), decide: member && principal.role === 'admin' };
}
