import type { SupplierDecision } from './decisions.js';
import type { ProgressReport, RiskPlan } from './plans.js';
import type { StepEntry } from './steps.js';

/** A lot of a supplier still held by the deciding organisation when it suspends or disengages: flagged, not refused. */
export interface FlaggedLot {
  lot: string;
  /** Where the gold came from (the site of the lot or of its ancestor). */
  site?: string;
  heldMg: number;
  fineness: number;
  status: string;
}

/** The narrow store the decisions need (src/store implements it on both dialects). */
export interface GatingStore {
  /** Records a decision (already checked); append-only. */
  addDecision(d: SupplierDecision): Promise<void>;
  /** An organisation's decisions, oldest first; one supplier's when `supplier` is given. */
  decisions(organisation: string, supplier?: string): Promise<SupplierDecision[]>;
  /**
   * Open lots held or owned by `organisation` that came from `supplier`: produced at the supplier's
   * site (or a site of the supplier organisation), or made from such a lot.
   */
  stockFrom(organisation: string, supplier: string): Promise<FlaggedLot[]>;
}

/** The narrow store risk management plans need. */
export interface PlanStore {
  /** Records a plan (already checked); ORP_RECORD_EXISTS when the id is taken. */
  addPlan(p: RiskPlan): Promise<void>;
  /** A plan with its progress reports. */
  plan(id: string): Promise<RiskPlan | undefined>;
  /** An organisation's plans (one supplier's when given), by adoption date. */
  plans(organisation: string, supplier?: string): Promise<RiskPlan[]>;
  /** Appends a progress report (already checked) to a plan. */
  addProgress(planId: string, report: ProgressReport): Promise<void>;
}

/** The narrow store the OECD five-step checklist needs. */
export interface StepStore {
  /** Appends an entry (already checked). */
  addStep(e: StepEntry): Promise<void>;
  /** Every entry of an organisation, by item then order of recording. */
  steps(organisation: string): Promise<StepEntry[]>;
}
