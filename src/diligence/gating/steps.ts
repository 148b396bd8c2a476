import { isIsoDate } from '../../certification/index.js';
import { badInput } from '../../kernel/index.js';

/** One item of the OECD five-step framework an organisation shows evidence for. */
export interface StepItem {
  id: string;
  step: 1 | 2 | 3 | 4 | 5;
  title: string;
}

/**
 * The OECD five steps (GOLD-RULES s.5, [likely]) as a checklist, versioned data: a new reading is a
 * new version, entries keep the item ids they were recorded under.
 */
export const STEP_CHECKLIST_VERSION = '2026-12';
export const STEP_ITEMS: readonly StepItem[] = [
  { id: '1.policy', step: 1, title: 'Supply chain policy consistent with Annex II adopted and communicated' },
  { id: '1.structure', step: 1, title: 'Management structure: a senior staff member responsible for due diligence' },
  { id: '1.custody', step: 1, title: 'Chain-of-custody or traceability system in place' },
  { id: '1.suppliers', step: 1, title: 'Supplier engagement: the policy in supplier contracts and agreements' },
  { id: '1.grievance', step: 1, title: 'Grievance mechanism as an early-warning risk-awareness system' },
  { id: '2.map', step: 2, title: 'Supply chain mapped and red flags identified (locations, suppliers, circumstances)' },
  { id: '2.assess', step: 2, title: 'Risks assessed, with on-the-ground assessment where red flags are found' },
  { id: '3.report', step: 3, title: 'Findings reported to senior management' },
  { id: '3.plan', step: 3, title: 'Risk management plan adopted: continue with mitigation, suspend or disengage' },
  { id: '3.monitor', step: 3, title: 'Mitigation implemented and monitored; follow-up assessment' },
  { id: '4.audit', step: 4, title: 'Independent third-party audit of due diligence practices (refiners)' },
  { id: '5.report', step: 5, title: 'Annual public report on supply chain due diligence' },
];

export const STEP_STATUSES = ['not_started', 'in_progress', 'done', 'not_applicable'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** A change of an item's state with its evidence (references to documents kept elsewhere), who and when. */
export interface StepEntry {
  organisation: string;
  item: string;
  status: StepStatus;
  evidence: string[];
  note?: string;
  updatedBy: string;
  /** YYYY-MM-DD. */
  updatedOn: string;
}

/** Checks an entry: a known item and status, a date, a person; `done` needs evidence. */
export function checkStepEntry(e: StepEntry): void {
  if (!STEP_ITEMS.some((i) => i.id === e.item)) throw badInput(`unknown checklist item ${e.item}; items: ${STEP_ITEMS.map((i) => i.id).join(', ')}`, { item: e.item });
  if (!(STEP_STATUSES as readonly string[]).includes(e.status)) throw badInput(`status must be one of ${STEP_STATUSES.join(', ')}`, { status: e.status });
  if (!isIsoDate(e.updatedOn)) throw badInput(`updatedOn ${e.updatedOn} is not an ISO 8601 date (YYYY-MM-DD)`, { field: 'updatedOn' });
  if (!e.updatedBy?.trim()) throw badInput('an entry needs updatedBy', { field: 'updatedBy' });
  if (e.status === 'done' && e.evidence.length === 0) throw badInput(`item ${e.item} cannot be done without evidence`, { item: e.item });
  if (e.status === 'not_applicable' && !e.note?.trim()) throw badInput(`item ${e.item} not applicable needs a note saying why`, { item: e.item });
}

/** The checklist of an organisation on a day: each item's latest entry up to then, and each step's completion. */
export interface StepChecklist {
  on: string;
  version: string;
  steps: { step: number; complete: boolean; items: (StepItem & { status: StepStatus; evidence: string[]; note?: string; updatedBy?: string; updatedOn?: string })[] }[];
  complete: boolean;
}

/** Builds the checklist on `on` from an organisation's entries (any order; the latest per item up to `on` counts). */
export function stepChecklist(entries: readonly StepEntry[], on: string): StepChecklist {
  const latest = new Map<string, StepEntry>();
  for (const e of entries) {
    if (e.updatedOn > on) continue;
    const prev = latest.get(e.item);
    if (!prev || e.updatedOn >= prev.updatedOn) latest.set(e.item, e);
  }
  const steps = [1, 2, 3, 4, 5].map((step) => {
    const items = STEP_ITEMS.filter((i) => i.step === step).map((i) => {
      const e = latest.get(i.id);
      return e
        ? { ...i, status: e.status, evidence: e.evidence, ...(e.note !== undefined ? { note: e.note } : {}), updatedBy: e.updatedBy, updatedOn: e.updatedOn }
        : { ...i, status: 'not_started' as const, evidence: [] };
    });
    return { step, complete: items.every((i) => i.status === 'done' || i.status === 'not_applicable'), items };
  });
  return { on, version: STEP_CHECKLIST_VERSION, steps, complete: steps.every((s) => s.complete) };
}
