/*
 * The names and JSON shapes of due diligence that the HTTP API answers: red-flag rules, incidents and the moves
 * between their statuses, supplier decisions, risk management plans and their review, CRAFT answers, stages and
 * results. This module imports nothing but certification's import-free shapes, so the web app (web/) imports it too
 * (`import type` for the shapes, the name lists at run time) and the two cannot drift. The domain modules
 * (redflags, gating, craft) re-export what they define their rules on. URIs are plain strings here.
 */
import type { RuleVersion } from '../certification/shapes.js';

// ---- Red flags and incidents (redflags/) ----

/** The red-flag rules the engine runs (docs/diligence.md), in priority order. */
export const RED_FLAG_RULES = [
  'site_over_capacity',
  'cash_without_approval',
  'risk_area_origin',
  'risk_area_transit',
  'production_before_licence',
  'production_site_status',
  'melt_loss_beyond_tolerance',
  'fineness_form_mismatch',
  'recycled_from_mined_supplier',
  'miner_under_age',
  'tag_reused',
  'tag_outside_agent',
  'tag_stock_unreconciled',
  'supplier_risk_history',
  'unidentified_intermediary',
] as const;
export type RedFlagRule = (typeof RED_FLAG_RULES)[number];

/** Where an incident stands (issue 5): raised open, reviewed, mitigated, closed. */
export const INCIDENT_STATUSES = ['open', 'under_review', 'mitigated', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Which moves a person may make; a closed incident can be reopened. */
export const INCIDENT_MOVES: Record<IncidentStatus, readonly IncidentStatus[]> = {
  open: ['under_review', 'mitigated', 'closed'],
  under_review: ['open', 'mitigated', 'closed'],
  mitigated: ['under_review', 'closed', 'open'],
  closed: ['open'],
};

/** Orders of the incident list: by the time of the event that raised them, newest or oldest first, or by the latest change. */
export const INCIDENT_ORDERS = ['newest', 'oldest', 'updated'] as const;
export type IncidentOrder = (typeof INCIDENT_ORDERS)[number];

/** One line of an incident's history. */
export interface IncidentChange {
  at: string;
  /** Who made the change ("redflag engine" for the raise). */
  by: string;
  status: IncidentStatus;
  owner?: string;
  note: string;
}

/** The rule version an incident was judged by (certification's RuleRef: a stored version without its value). */
export type IncidentRuleVersion = Omit<RuleVersion, 'value'>;

/** The hit that raised an incident: the events read, the figures, the threshold, the rule version and the event time. */
export interface IncidentEvidence {
  /** Ledger sequence numbers of the events the rule read. */
  seqs: number[];
  numbers: Record<string, string | number | boolean>;
  threshold: Record<string, string | number | boolean | string[]>;
  ruleVersion: IncidentRuleVersion;
  /** ISO 8601 time of the event that raised it. */
  eventTime: string;
}

/** A red-flag hit as a case to work: its evidence, an owner, a status and a history. */
export interface Incident {
  id: string;
  /** The organisation whose due diligence it concerns (party URI). */
  org: string;
  rule: RedFlagRule;
  key: string;
  subject: string;
  summary: string;
  status: IncidentStatus;
  owner?: string;
  /** The hit that raised it: events, figures, threshold and rule version. */
  evidence: IncidentEvidence;
  raisedAt: string;
  updatedAt: string;
  history: IncidentChange[];
}

// ---- Decisions that gate the trade (gating/) ----

/**
 * What an organisation decides about a supplier after assessing its risks (OECD Step 3): continue the
 * trade, continue while mitigating under a risk management plan, suspend it for a while, or disengage.
 */
export const SUPPLIER_DECISIONS = ['continue', 'mitigate', 'suspend', 'disengage'] as const;
export type SupplierDecisionKind = (typeof SUPPLIER_DECISIONS)[number];

/**
 * One decision of an organisation about a supplier (an organisation, a mine site or a miner), with who
 * decided, when and why. Decisions are never changed: a later decision replaces an earlier one from its
 * own time on, so the history shows every step.
 */
export interface SupplierDecision {
  id: string;
  /** The deciding organisation (the buyer doing due diligence), URI. */
  organisation: string;
  /** The supplier decided about: organisation, site or miner URI. */
  supplier: string;
  decision: SupplierDecisionKind;
  /** The person (or `system`, for an automatic suspension) who decided. */
  decidedBy: string;
  /** ISO 8601 instant from which the decision applies. */
  decidedAt: string;
  reason: string;
  /** The risk management plan the decision belongs to, if any. */
  planId?: string;
  /** The confirmed risk that triggered an automatic suspension, if any. */
  riskRef?: string;
  /** True for the suspension made by the system when an immediate-disengagement risk was confirmed. */
  automatic?: boolean;
}

/** Which way a measure's indicator must move: up to at least the target, or down to at most it. */
export const TARGET_DIRECTIONS = ['at_least', 'at_most'] as const;
export type TargetDirection = (typeof TARGET_DIRECTIONS)[number];

/**
 * One measure of a risk management plan with a measurable target: an indicator (e.g. "retorts in use",
 * "payments to security forces per month"), its value when the plan was adopted, and the value to reach.
 */
export interface PlanMeasure {
  id: string;
  description: string;
  indicator: string;
  baseline: number;
  target: number;
  direction: TargetDirection;
  /** The risk it mitigates (an Annex II risk or register entry), free text. */
  risk?: string;
}

/** A progress report on one measure: the indicator's value on a day. */
export interface ProgressReport {
  measure: string;
  reportedOn: string;
  value: number;
  reportedBy: string;
  note?: string;
}

/** A risk management plan of an organisation for a supplier (OECD Step 3). */
export interface RiskPlan {
  id: string;
  organisation: string;
  supplier: string;
  /** YYYY-MM-DD the plan was adopted. */
  adoptedOn: string;
  /** YYYY-MM-DD by which measurable improvement must show: adoption + the months of the rule in force that day. */
  deadline: string;
  /** The rule version the deadline comes from (rule, key, effectiveFrom, source, confidence). */
  deadlineRule: { rule: string; key: string; effectiveFrom: string; source: string; months: number };
  createdBy: string;
  measures: PlanMeasure[];
  progress: ProgressReport[];
}

export type PlanStatus = 'in_progress' | 'targets_met' | 'decision_due';

/** Where a plan stands on a day: each measure's latest value, whether it is met, and what is due. */
export interface PlanReview {
  on: string;
  status: PlanStatus;
  deadline: string;
  daysLeft: number;
  measures: { id: string; indicator: string; baseline: number; target: number; direction: TargetDirection; latest?: ProgressReport; improved: boolean; met: boolean }[];
  /** Why the status is what it is, in words. */
  explanation: string;
}

// ---- CRAFT (craft.ts) ----

export const CRAFT_ANSWERS = ['yes', 'partly', 'no', 'not_applicable'] as const;
export type CraftAnswerValue = (typeof CRAFT_ANSWERS)[number];

export const CRAFT_STAGES = ['self', 'reviewed'] as const;
export type CraftStage = (typeof CRAFT_STAGES)[number];

/**
 * The result of a topic: `met` (every applicable criterion answered yes), `not_met` (one answered no),
 * `in_progress` (partly), `unanswered` (a criterion has no answer).
 */
export const CRAFT_RESULTS = ['met', 'in_progress', 'not_met', 'unanswered'] as const;
export type CraftResult = (typeof CRAFT_RESULTS)[number];
