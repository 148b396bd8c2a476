import { checkStepEntry, stepChecklist, type StepChecklist, type StepEntry } from '../diligence/index.js';
import { badInput, dayOf } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import type { Organisation } from '../parties/index.js';

/** Records a checklist item's status for an organisation (dated today by default, never in the future); returns the checklist today. */
export async function recordStep(orp: Orpaille, organisation: Organisation, input: { item: string; status: string; updatedBy: string; evidence?: string[]; note?: string; updatedOn?: string }): Promise<StepChecklist> {
  const today = dayOf(orp.clock.now().toISOString());
  const entry: StepEntry = {
    organisation: organisation.uri,
    item: input.item,
    status: input.status as StepEntry['status'],
    evidence: input.evidence ?? [],
    ...(input.note !== undefined ? { note: input.note } : {}),
    updatedBy: input.updatedBy,
    updatedOn: input.updatedOn ?? today,
  };
  checkStepEntry(entry);
  if (entry.updatedOn > today) throw badInput(`an entry cannot be dated after today (${today})`, { updatedOn: entry.updatedOn });
  await orp.steps.addStep(entry);
  return stepChecklist(await orp.steps.steps(organisation.uri), today);
}

/** An organisation's checklist on a day (default today). */
export async function checklistOf(orp: Orpaille, organisation: Organisation, on?: string): Promise<StepChecklist> {
  const day = on ?? dayOf(orp.clock.now().toISOString());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw badInput(`date ${day} is not an ISO 8601 date (YYYY-MM-DD)`, { date: day });
  return stepChecklist(await orp.steps.steps(organisation.uri), day);
}
