import { newId } from '../access/index.js';
import { craftProgress, craftQuestionnaireOn, craftResults, type CraftAnswer, type CraftAssessment, type CraftProgressStep, type CraftTopicResult } from '../diligence/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { dayOrToday, requireParty } from './resolve.js';

/*
 * CRAFT assessments: what the CLI and the HTTP API share. The producer submits a self-assessment to a
 * buyer under the questionnaire version in force on its date; the buyer reviews it once.
 */

/** An assessment with its results per topic. */
export interface CraftView extends CraftAssessment {
  results: CraftTopicResult[];
}

/** The view of an assessment. */
export function craftView(a: CraftAssessment): CraftView {
  return { ...a, results: craftResults(a) };
}

/** Records a producer's self-assessment for a buyer (organisations by id or URI). */
export async function submitCraft(orp: Orpaille, input: { id?: string; producer: string; buyer: string; assessedOn?: string; submittedBy: string; answers: CraftAnswer[] }): Promise<CraftView> {
  const producer = (await requireParty(orp, input.producer, 'producer')).uri;
  const buyer = (await requireParty(orp, input.buyer, 'buyer')).uri;
  const assessedOn = dayOrToday(orp, input.assessedOn, 'assessedOn');
  const a: CraftAssessment = {
    id: input.id ?? newId('craft'),
    producer,
    buyer,
    questionnaireVersion: craftQuestionnaireOn(assessedOn).version,
    assessedOn,
    stage: 'self',
    answers: input.answers.map((x) => ({ criterion: x.criterion, answer: x.answer, evidence: x.evidence ?? [], ...(x.comment !== undefined ? { comment: x.comment } : {}) })),
    submittedBy: input.submittedBy,
  };
  await orp.crafts.addCraft(a);
  return craftView(a);
}

/** Records the buyer's review of an assessment (on `reviewedOn`, default today). */
export async function reviewCraftAssessment(orp: Orpaille, id: string, input: { reviewedBy: string; reviewedOn?: string; answers: CraftAnswer[] }): Promise<CraftView> {
  const review = { reviewedBy: input.reviewedBy, reviewedOn: dayOrToday(orp, input.reviewedOn, 'reviewedOn'), answers: input.answers.map((x) => ({ ...x, evidence: x.evidence ?? [] })) };
  return craftView(await orp.crafts.reviewCraft(id, review));
}

/** A producer's assessments (as seen by `parties`, all when absent) and its progress from one to the next. */
export async function craftHistory(orp: Orpaille, producerId: string, parties?: readonly string[]): Promise<{ producer: string; assessments: CraftView[]; progress: CraftProgressStep[] }> {
  const producer = (await requireParty(orp, producerId, 'producer')).uri;
  const list = await orp.crafts.crafts({ producer, ...(parties ? { parties } : {}) });
  return { producer, assessments: list.map(craftView), progress: craftProgress(list) };
}

/** An assessment by id, or ORP_NOT_FOUND. */
export async function requireCraft(orp: Orpaille, id: string): Promise<CraftAssessment> {
  const a = await orp.crafts.craft(id);
  if (!a) throw new OrpailleError('ORP_NOT_FOUND', `no CRAFT assessment ${id}`, { id });
  return a;
}
