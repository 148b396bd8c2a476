import type { Authorisation, RuleVersion } from '../../certification/index.js';
import {
  craftResults,
  decisionInForce,
  reviewPlan,
  riskStatusOn,
  stepChecklist,
  type CraftAssessment,
  type CraftResult,
  type Incident,
  type IncidentStatus,
  type PlanReview,
  type RiskArea,
  type RiskEntry,
  type RiskPlan,
  type StepChecklist,
  type StepEntry,
  type SupplierDecision,
} from '../../diligence/index.js';
import type { CmrtProfile } from '../cmrt/index.js';
import { goldFiguresOfMoves, type GoldFigures, type SiteFacts, type SupplyMoves } from './figures.js';

/** Printed wherever the data holds no answer: the report never invents one. */
export const NOT_RECORDED = 'not recorded';

/** Rules of the red-flag engine in the rule table (rules/diligence.json). */
const REDFLAG_PREFIX = 'redflag.';
/** Authorisations that are the outcome of an independent third-party audit (OECD Step 4). */
const AUDIT_KINDS: readonly Authorisation['kind'][] = ['rmap', 'lbma_good_delivery'];

/** Everything the Step 5 report of an organisation is built from (read by src/reporting/step5.ts, cut at the ledger head). */
export interface Step5Input {
  org: { id: string; name: string; uri: string; country: string; roles: readonly string[] };
  year: number;
  /** The ledger head the report is cut at: incidents raised from later events are left out. */
  headSeq: number;
  /** ISO instant of generation: incident and checklist states are those recorded up to it. */
  generatedAt: string;
  steps: readonly StepEntry[];
  cmrtProfile?: CmrtProfile;
  rules: readonly RuleVersion[];
  areas: readonly RiskArea[];
  crafts: readonly CraftAssessment[];
  incidents: readonly Incident[];
  risks: readonly RiskEntry[];
  plans: readonly RiskPlan[];
  decisions: readonly SupplierDecision[];
  authorisations: readonly Authorisation[];
  /** Names of the parties the report mentions by URI: organisations, sites (with their organisation's name), the name of each miner's organisation. */
  names: { organisations: ReadonlyMap<string, string>; sites: ReadonlyMap<string, SiteFacts & { organisationName: string }>; miners: ReadonlyMap<string, string> };
  /** The organisation's supply as the moves of its lots' events (supplyMoves turns gold events into them). */
  supply: SupplyMoves;
}

export interface RedFlagCount {
  rule: string;
  found: number;
  byStatus: Record<IncidentStatus, number>;
}

/** The report's content, section by section (docs/reports.md, "OECD Step 5 report"). */
export interface Step5Report {
  org: Step5Input['org'];
  year: number;
  period: { from: string; to: string };
  /** The day checklists, registers and plans are read on: the year's last day, or the day of generation if earlier. */
  asOf: string;
  management: { checklist: StepChecklist; recorded: boolean; policy: string; responsible: string; grievance: string };
  method: {
    rules: RuleVersion[];
    areas: RiskArea[];
    crafts: { id: string; producer: string; assessedOn: string; stage: string; reviewedOn?: string; outcome: Record<CraftResult, number> }[];
  };
  redFlags: { counts: RedFlagCount[]; total: number; risks: { entry: RiskEntry; subject: string; status: string }[] };
  actions: {
    incidentsOpened: number;
    incidentsClosed: number;
    plans: { plan: RiskPlan; supplier: string; review: PlanReview }[];
    decisions: { decision: SupplierDecision; supplier: string }[];
  };
  suspended: { supplier: string; decision: 'suspend' | 'disengage'; date: string; reason: string; inForce: boolean }[];
  figures: GoldFigures;
  audit: { step?: StepChecklist['steps'][number]['items'][number]; authorisations: (Authorisation & { issuerName: string })[] };
}

/** Builds the Step 5 report of an organisation for a calendar year from its recorded due diligence and the ledger. */
export function buildStep5(input: Step5Input): Step5Report {
  const { year } = input;
  const period = { from: `${year}-01-01`, to: `${year + 1}-01-01` };
  const inYear = (d: string) => d.slice(0, 10) >= period.from && d.slice(0, 10) < period.to;
  const overlaps = (from: string, to: string | undefined) => from < period.to && (!to || to > period.from);
  const asOf = [`${year}-12-31`, input.generatedAt.slice(0, 10)].sort()[0]!;
  const upTo = Date.parse(input.generatedAt);
  const name = (uri: string) => partyName(input.names, uri);

  const checklist = stepChecklist(input.steps, asOf);
  const items = new Map(checklist.steps.flatMap((s) => s.items).map((i) => [i.id, i]));
  const recorded = input.steps.some((e) => e.updatedOn <= asOf);
  const profile = input.cmrtProfile;
  const entry = (id: string) => {
    const i = items.get(id);
    return i && input.steps.some((e) => e.item === id && e.updatedOn <= asOf) ? itemText(i) : undefined;
  };
  const policyAnswers = (['A', 'B'] as const).flatMap((q) => (profile?.policy[q] ? [`CMRT question ${q}: ${profile.policy[q]!.answer}${profile.policy[q]!.comment ? ` (${profile.policy[q]!.comment})` : ''}`] : []));
  const authorizer = profile?.company.authorizer ? [`${profile.company.authorizer}${profile.company.authorizerTitle ? `, ${profile.company.authorizerTitle}` : ''} (authorizer of the CMRT)`] : [];
  const join = (parts: (string | undefined)[]) => parts.filter((x): x is string => Boolean(x)).join('; ') || NOT_RECORDED;

  // Incidents as recorded up to the time of generation, raised from events up to the head.
  const incidents = input.incidents
    .filter((i) => i.evidence.seqs.every((s) => s <= input.headSeq))
    .map((i) => ({ i, history: i.history.filter((c) => Date.parse(c.at) <= upTo) }))
    .filter((x) => x.history.length > 0);
  const found = incidents.filter((x) => inYear(x.i.evidence.eventTime));
  const counts = new Map<string, RedFlagCount>();
  for (const { i, history } of found) {
    const c = counts.get(i.rule) ?? { rule: i.rule, found: 0, byStatus: { open: 0, under_review: 0, mitigated: 0, closed: 0 } };
    c.found++;
    c.byStatus[history.at(-1)!.status]++;
    counts.set(i.rule, c);
  }

  const decisions = input.decisions.filter((d) => inYear(d.decidedAt)).sort((a, b) => Date.parse(a.decidedAt) - Date.parse(b.decidedAt) || a.id.localeCompare(b.id));
  const endOfYear = Date.parse(`${period.to}T00:00:00Z`) - 1;
  const audit = items.get('4.audit');
  return {
    org: input.org,
    year,
    period,
    asOf,
    management: {
      checklist,
      recorded,
      policy: join([entry('1.policy'), ...policyAnswers]),
      responsible: join([entry('1.structure'), ...authorizer]),
      grievance: join([entry('1.grievance')]),
    },
    method: {
      rules: input.rules.filter((r) => r.rule.startsWith(REDFLAG_PREFIX) && overlaps(r.effectiveFrom, r.effectiveTo)),
      areas: input.areas.filter((a) => a.category === 'cahra' && overlaps(a.effectiveFrom, a.effectiveTo)),
      crafts: input.crafts
        .filter((a) => inYear(a.assessedOn))
        .map((a) => {
          const outcome: Record<CraftResult, number> = { met: 0, in_progress: 0, not_met: 0, unanswered: 0 };
          for (const t of craftResults(a)) outcome[t.result]++;
          return { id: a.id, producer: name(a.producer), assessedOn: a.assessedOn, stage: a.stage, ...(a.review ? { reviewedOn: a.review.reviewedOn } : {}), outcome };
        }),
    },
    redFlags: {
      counts: [...counts.values()].sort((a, b) => a.rule.localeCompare(b.rule)),
      total: found.length,
      risks: input.risks
        .filter((r) => r.observedOn < period.to && riskStatusOn(r, `${year - 1}-12-31`) !== 'closed')
        .map((r) => ({ entry: r, subject: name(r.subject.uri), status: riskStatusOn(r, asOf) ?? r.history[0]!.status })),
    },
    actions: {
      incidentsOpened: incidents.filter((x) => inYear(x.i.raisedAt)).length,
      incidentsClosed: incidents.filter((x) => x.history.some((c) => c.status === 'closed' && inYear(c.at))).length,
      plans: input.plans.filter((p) => p.adoptedOn < period.to && (inYear(p.adoptedOn) || p.deadline >= period.from || p.progress.some((r) => inYear(r.reportedOn)))).map((p) => ({ plan: p, supplier: name(p.supplier), review: reviewPlan(p, asOf) })),
      decisions: decisions.map((d) => ({ decision: d, supplier: name(d.supplier) })),
    },
    suspended: decisions
      .filter((d): d is SupplierDecision & { decision: 'suspend' | 'disengage' } => d.decision === 'suspend' || d.decision === 'disengage')
      .map((d) => ({
        supplier: name(d.supplier),
        decision: d.decision,
        date: d.decidedAt,
        reason: d.reason,
        inForce: decisionInForce(input.decisions.filter((x) => x.supplier === d.supplier), Math.min(endOfYear, upTo))?.id === d.id,
      })),
    figures: goldFiguresOfMoves(input.org.uri, { fromMs: Date.parse(`${period.from}T00:00:00Z`), toMs: Date.parse(`${period.to}T00:00:00Z`) }, input.supply, input.names.sites),
    audit: {
      ...(audit && input.steps.some((e) => e.item === '4.audit' && e.updatedOn <= asOf) ? { step: audit } : {}),
      authorisations: input.authorisations.filter((a) => AUDIT_KINDS.includes(a.kind) && overlaps(a.issuedOn, nextDay(a.validUntil))).map((a) => ({ ...a, issuerName: name(a.issuer) })),
    },
  };
}

/** A checklist item as one line: status, date, who, evidence, note. */
function itemText(i: StepChecklist['steps'][number]['items'][number]): string {
  const parts = [`${i.status.replace('_', ' ')}${i.updatedOn ? ` (${i.updatedOn}${i.updatedBy ? `, ${i.updatedBy}` : ''})` : ''}`];
  if (i.evidence.length > 0) parts.push(`evidence: ${i.evidence.join(', ')}`);
  if (i.note) parts.push(`note: ${i.note}`);
  return parts.join('; ');
}

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * How a supplier is named: an organisation by its name, a site by its name and organisation; a miner never by
 * name (miners' personal data stays in the registry), only as a miner of its organisation.
 */
export function partyName(names: Step5Input['names'], uri: string): string {
  const org = names.organisations.get(uri);
  if (org) return org;
  const site = names.sites.get(uri);
  if (site) return `${site.name} (mine site of ${site.organisationName})`;
  const minerOrg = names.miners.get(uri);
  if (minerOrg !== undefined) return `a registered miner of ${minerOrg} (identity withheld)`;
  return uri;
}
