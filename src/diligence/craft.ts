import type { PartyUri } from '../custody/index.js';
import { isIsoDate } from '../certification/index.js';
import { EVIDENCE_KINDS, type Evidence } from './register.js';
import { riskCatalogue, type ResponseClass, type RiskId } from './risks.js';
import { CRAFT_ANSWERS, CRAFT_STAGES, type CraftAnswerValue, type CraftResult, type CraftStage } from './shapes.js';

export { CRAFT_ANSWERS, CRAFT_RESULTS, CRAFT_STAGES, type CraftAnswerValue, type CraftResult, type CraftStage } from './shapes.js';

/*
 * CRAFT assessments (GOLD-RULES s.4: Code of Risk-mitigation for ASM engaging in Formal Trade, ARM +
 * RESOLVE, CC BY-SA 4.0): the producer answers a versioned questionnaire (modules 1-5) with evidence,
 * the buyer reviews it, and each topic gets a result; successive assessments show progress. CRAFT is not
 * a certification: the producer reports, buyers verify.
 */

export const CRAFT_MODULES = [1, 2, 3, 4, 5] as const;
export type CraftModule = (typeof CRAFT_MODULES)[number];

/**
 * What a criterion is about: module 1 the management system, module 2 legitimacy, modules 3-5 one risk
 * of the risk model each.
 */
export type CraftTopic = 'management-system' | 'legitimacy' | RiskId;

export interface CraftCriterion {
  id: string;
  module: CraftModule;
  topic: CraftTopic;
  text: string;
}

/** A dated version of the questionnaire. */
export interface CraftQuestionnaire {
  version: string;
  effectiveFrom: string;
  /** The risk-model version its topics refer to. */
  riskModel: string;
  source: string;
  criteria: readonly CraftCriterion[];
}

const c = (id: string, module: CraftModule, topic: CraftTopic, text: string): CraftCriterion => ({ id, module, topic, text });

/**
 * CRAFT 2.1 (2023) as Orpaille reads it. The criteria paraphrase the code's requirements as GOLD-RULES
 * summarises them [assumed wording]; a published revision is a new version with a later start date.
 */
export const CRAFT_QUESTIONNAIRE_2_1: CraftQuestionnaire = {
  version: '2.1',
  effectiveFrom: '2023-01-01',
  riskModel: '1',
  source: 'GOLD-RULES s.4 CRAFT 2.1 (2023), modules 1-5 (criteria wording assumed)',
  criteria: [
    c('1.1', 1, 'management-system', 'The operation and its members are described (sites, activities, number of miners, processing).'),
    c('1.2', 1, 'management-system', 'A responsible person for CRAFT is named.'),
    c('1.3', 1, 'management-system', 'A complaints contact is known to miners and the community.'),
    c('2.1', 2, 'legitimacy', 'The producer holds, or is actively seeking, the mining title or permit the law requires.'),
    c('2.2', 2, 'legitimacy', 'The producer engages with the authorities on formalisation.'),
    c('3.1', 3, 'serious-abuses', 'No torture, cruel treatment, forced labour, worst forms of child labour, widespread sexual violence or other gross human-rights abuse is tolerated or profited from.'),
    c('3.2', 3, 'armed-groups', 'No direct or indirect support to non-state armed groups: they neither control nor tax sites, routes or trading points.'),
    c('4.1', 4, 'security-forces', 'Public or private security forces do not illegally control, tax or extort.'),
    c('4.2', 4, 'bribery-fraud', 'No bribery; the origin of the gold is not misrepresented.'),
    c('4.3', 4, 'money-laundering', 'Payments are traceable; no money laundering.'),
    c('4.4', 4, 'taxes-royalties', 'Taxes, fees and royalties due to governments are paid and recorded.'),
    c('5.1', 5, 'health-safety', 'Basic occupational health and safety measures are in place and improving.'),
    c('5.2', 5, 'mercury-whole-ore', 'No whole-ore amalgamation.'),
    c('5.3', 5, 'mercury-open-burning', 'Amalgam is not burned in the open (retorts or fume hoods are used).'),
    c('5.4', 5, 'mercury-residential-burning', 'Amalgam is not burned in residential areas.'),
    c('5.5', 5, 'mercury-cyanide', 'Cyanide is not used on material to which mercury was added before the mercury is removed.'),
    c('5.6', 5, 'child-labour', 'No children below the minimum working age work at the site.'),
    c('5.7', 5, 'gender', 'Women have fair access to work and income and are protected from mercury exposure.'),
    c('5.8', 5, 'environment', 'Land, water and protected areas are respected and restoration is planned.'),
    c('5.9', 5, 'community', 'Relations with local and indigenous communities are managed and grievances heard.'),
  ],
};

/** Every version of the questionnaire, oldest first. */
export const CRAFT_QUESTIONNAIRES: readonly CraftQuestionnaire[] = [CRAFT_QUESTIONNAIRE_2_1];

/** The questionnaire version in force on a date (the first for earlier dates). */
export function craftQuestionnaireOn(date: string, all: readonly CraftQuestionnaire[] = CRAFT_QUESTIONNAIRES): CraftQuestionnaire {
  return [...all].reverse().find((q) => q.effectiveFrom <= date.slice(0, 10)) ?? all[0]!;
}

/** A questionnaire by version. */
export function craftQuestionnaire(version: string, all: readonly CraftQuestionnaire[] = CRAFT_QUESTIONNAIRES): CraftQuestionnaire | undefined {
  return all.find((q) => q.version === version);
}

/** An answer to one criterion, with the evidence behind it. */
export interface CraftAnswer {
  criterion: string;
  answer: CraftAnswerValue;
  evidence: Evidence[];
  comment?: string;
}

/** The buyer's review: its own answer to the criteria it verified (others keep the producer's answer). */
export interface CraftReview {
  reviewedBy: string;
  reviewedOn: string;
  answers: CraftAnswer[];
}

/** One CRAFT assessment: a producer's self-assessment for a buyer, then the buyer's review. */
export interface CraftAssessment {
  id: string;
  producer: PartyUri;
  buyer: PartyUri;
  questionnaireVersion: string;
  assessedOn: string;
  stage: CraftStage;
  answers: CraftAnswer[];
  /** The person at the producer who submitted the self-assessment. */
  submittedBy: string;
  review?: CraftReview;
}

/** What is wrong with a set of answers to a questionnaire (empty when nothing). */
function answerProblems(q: CraftQuestionnaire, answers: readonly CraftAnswer[]): string[] {
  const p: string[] = [];
  const known = new Set(q.criteria.map((x) => x.id));
  const seen = new Set<string>();
  for (const a of answers) {
    if (!known.has(a.criterion)) p.push(`criterion ${a.criterion} is not in CRAFT ${q.version}`);
    if (seen.has(a.criterion)) p.push(`criterion ${a.criterion} is answered twice`);
    seen.add(a.criterion);
    if (!(CRAFT_ANSWERS as readonly string[]).includes(a.answer)) p.push(`answer to ${a.criterion} must be one of ${CRAFT_ANSWERS.join(', ')}`);
    for (const ev of a.evidence ?? []) if (!(EVIDENCE_KINDS as readonly string[]).includes(ev.kind) || !ev.reference?.trim()) p.push(`evidence of ${a.criterion} needs a known kind and a reference`);
  }
  return p;
}

/** What is wrong with an assessment as data (empty when nothing). */
export function craftProblems(a: CraftAssessment): string[] {
  const p: string[] = [];
  if (!a.id) p.push('id is required');
  if (!a.producer || !a.buyer) p.push('producer and buyer are required');
  if (a.producer === a.buyer) p.push('the producer cannot review its own assessment');
  if (!isIsoDate(a.assessedOn)) p.push(`assessedOn ${a.assessedOn} is not an ISO 8601 date (YYYY-MM-DD)`);
  if (!a.submittedBy?.trim()) p.push('submittedBy is required');
  const q = craftQuestionnaire(a.questionnaireVersion);
  if (!q) return [...p, `CRAFT questionnaire ${a.questionnaireVersion} does not exist`];
  p.push(...answerProblems(q, a.answers));
  if (a.stage === 'reviewed') {
    if (!a.review) p.push('a reviewed assessment needs its review');
    else p.push(...reviewRefusals(a, a.review));
  } else if (a.stage !== 'self') p.push(`stage must be one of ${CRAFT_STAGES.join(', ')}`);
  else if (a.review) p.push('a self-assessment has no review yet');
  return p;
}

function reviewRefusals(a: CraftAssessment, r: CraftReview): string[] {
  const p: string[] = [];
  if (!r.reviewedBy?.trim()) p.push('the review needs the person who made it');
  if (!isIsoDate(r.reviewedOn)) p.push(`reviewedOn ${r.reviewedOn} is not an ISO 8601 date (YYYY-MM-DD)`);
  else if (r.reviewedOn < a.assessedOn) p.push(`the review (${r.reviewedOn}) cannot come before the self-assessment (${a.assessedOn})`);
  p.push(...answerProblems(craftQuestionnaire(a.questionnaireVersion)!, r.answers));
  return p;
}

/** Why a review of an assessment is refused (undefined when accepted): once only, after the self-assessment, valid answers. */
export function craftReviewRefusal(a: CraftAssessment, r: CraftReview): string | undefined {
  if (a.stage === 'reviewed') return `assessment ${a.id} was already reviewed on ${a.review?.reviewedOn}`;
  const p = reviewRefusals(a, r);
  return p.length > 0 ? p.join('; ') : undefined;
}

/** The assessment after an accepted review. */
export function reviewCraft(a: CraftAssessment, r: CraftReview): CraftAssessment {
  return { ...a, stage: 'reviewed', review: r };
}

export interface CraftTopicResult {
  module: CraftModule;
  topic: CraftTopic;
  result: CraftResult;
  /** For risks of modules 3-5: the response the risk calls for when not met. */
  response?: ResponseClass;
  /** The criteria whose answer decides, with the answer that counts (the reviewer's when there is one). */
  criteria: { id: string; answer?: CraftAnswerValue; reviewed: boolean }[];
}

/** Results per topic (management system, legitimacy, then each risk), the reviewer's answers prevailing. */
export function craftResults(a: CraftAssessment): CraftTopicResult[] {
  const q = craftQuestionnaire(a.questionnaireVersion)!;
  const own = new Map(a.answers.map((x) => [x.criterion, x.answer]));
  const reviewed = new Map((a.review?.answers ?? []).map((x) => [x.criterion, x.answer]));
  const model = riskCatalogue(q.riskModel);
  const topics: CraftTopicResult[] = [];
  for (const crit of q.criteria) {
    let t = topics.find((x) => x.topic === crit.topic);
    if (!t) {
      const response = model?.risks.find((r) => r.id === crit.topic)?.response;
      t = { module: crit.module, topic: crit.topic, result: 'met', ...(response ? { response } : {}), criteria: [] };
      topics.push(t);
    }
    const answer = reviewed.get(crit.id) ?? own.get(crit.id);
    t.criteria.push({ id: crit.id, ...(answer ? { answer } : {}), reviewed: reviewed.has(crit.id) });
  }
  for (const t of topics) {
    const answers = t.criteria.map((x) => x.answer);
    t.result = answers.some((x) => x === undefined) ? 'unanswered' : answers.includes('no') ? 'not_met' : answers.includes('partly') ? 'in_progress' : 'met';
  }
  return topics;
}

/** How a topic moved between two successive assessments. */
export interface CraftProgressStep {
  from: string;
  to: string;
  improved: CraftTopic[];
  worsened: CraftTopic[];
  /** Topics met in the later assessment. */
  met: number;
}

const RANK: Record<CraftResult, number> = { unanswered: 0, not_met: 1, in_progress: 2, met: 3 };

/** Progress of a producer across its successive assessments (by date), topic by topic. */
export function craftProgress(assessments: readonly CraftAssessment[]): CraftProgressStep[] {
  const sorted = [...assessments].sort((x, y) => (x.assessedOn !== y.assessedOn ? (x.assessedOn < y.assessedOn ? -1 : 1) : x.id < y.id ? -1 : 1));
  const steps: CraftProgressStep[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const before = new Map(craftResults(sorted[i - 1]!).map((t) => [t.topic, t.result]));
    const after = craftResults(sorted[i]!);
    steps.push({
      from: sorted[i - 1]!.id,
      to: sorted[i]!.id,
      improved: after.filter((t) => before.has(t.topic) && RANK[t.result] > RANK[before.get(t.topic)!]).map((t) => t.topic),
      worsened: after.filter((t) => before.has(t.topic) && RANK[t.result] < RANK[before.get(t.topic)!]).map((t) => t.topic),
      met: after.filter((t) => t.result === 'met').length,
    });
  }
  return steps;
}

/** What CRAFT assessments need from a store; src/store implements it. */
export interface CraftStore {
  /** Records a self-assessment; ORP_RECORD_EXISTS when the id is taken, ORP_BAD_INPUT when not valid data. */
  addCraft(a: CraftAssessment): Promise<void>;
  craft(id: string): Promise<CraftAssessment | undefined>;
  /** Assessments of a producer and/or where one of `parties` is producer or buyer, by date then id. */
  crafts(filter: { producer?: PartyUri; parties?: readonly PartyUri[] }): Promise<CraftAssessment[]>;
  /** Records the buyer's review; ORP_NOT_FOUND, ORP_STATUS_CHANGE_REFUSED (already reviewed, or refused). */
  reviewCraft(id: string, review: CraftReview): Promise<CraftAssessment>;
}
