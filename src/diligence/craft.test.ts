import { describe, expect, it } from 'vitest';
import { CRAFT_QUESTIONNAIRE_2_1, craftProblems, craftProgress, craftQuestionnaire, craftQuestionnaireOn, craftResults, craftReviewRefusal, reviewCraft, type CraftAnswer, type CraftAssessment } from './craft.js';

const all = (answer: CraftAnswer['answer'], except: Record<string, CraftAnswer['answer']> = {}): CraftAnswer[] =>
  CRAFT_QUESTIONNAIRE_2_1.criteria.map((c) => ({ criterion: c.id, answer: except[c.id] ?? answer, evidence: [] }));
const assessment = (over: Partial<CraftAssessment> = {}): CraftAssessment => ({
  id: 'c1',
  producer: 'urn:asmo',
  buyer: 'urn:house',
  questionnaireVersion: '2.1',
  assessedOn: '2026-01-15',
  stage: 'self',
  answers: all('yes'),
  submittedBy: 'ASMO president',
  ...over,
});
const result = (a: CraftAssessment, topic: string) => craftResults(a).find((t) => t.topic === topic)!;

describe('CRAFT assessments', () => {
  it('covers modules 1 to 5, and every risk of the model in modules 3 to 5 with its response class', () => {
    expect([...new Set(CRAFT_QUESTIONNAIRE_2_1.criteria.map((c) => c.module))]).toEqual([1, 2, 3, 4, 5]);
    const topics = craftResults(assessment());
    expect(topics.find((t) => t.topic === 'armed-groups')).toMatchObject({ module: 3, response: 'disengage' });
    expect(topics.find((t) => t.topic === 'taxes-royalties')).toMatchObject({ module: 4, response: 'mitigate' });
    expect(topics.find((t) => t.topic === 'mercury-open-burning')).toMatchObject({ module: 5, response: 'improve' });
    expect(craftQuestionnaireOn('2026-01-01').version).toBe('2.1');
  });

  it('reads the questionnaire version in force on a date: a revision applies from its start, never before', () => {
    const revision = { ...CRAFT_QUESTIONNAIRE_2_1, version: '3.0', effectiveFrom: '2027-07-01', criteria: CRAFT_QUESTIONNAIRE_2_1.criteria.slice(0, 5) };
    const versions = [CRAFT_QUESTIONNAIRE_2_1, revision];
    expect(craftQuestionnaireOn('2027-06-30', versions).version).toBe('2.1');
    expect(craftQuestionnaireOn('2027-07-01', versions).version).toBe('3.0');
    expect(craftQuestionnaireOn('2020-01-01', versions).version).toBe('2.1');
    expect(craftQuestionnaire('2.1', versions)!.criteria).toHaveLength(CRAFT_QUESTIONNAIRE_2_1.criteria.length);
    expect(craftQuestionnaire('9.9', versions)).toBeUndefined();
  });

  it('gives a result per risk: met, in progress (partly), not met (no), unanswered', () => {
    const a = assessment({ answers: all('yes', { '4.4': 'partly', '5.3': 'no' }).filter((x) => x.criterion !== '5.9') });
    expect(result(a, 'management-system').result).toBe('met');
    expect(result(a, 'taxes-royalties').result).toBe('in_progress');
    expect(result(a, 'mercury-open-burning').result).toBe('not_met');
    expect(result(a, 'community').result).toBe('unanswered');
  });

  it("lets the buyer's review prevail over the producer's own answer", () => {
    const a = reviewCraft(assessment(), { reviewedBy: 'Buyer auditor', reviewedOn: '2026-02-01', answers: [{ criterion: '3.2', answer: 'no', evidence: [{ kind: 'report', reference: 'UN GoE 2026' }] }] });
    expect(result(a, 'armed-groups')).toMatchObject({ result: 'not_met', criteria: [{ id: '3.2', answer: 'no', reviewed: true }] });
  });

  it('refuses a second review, a review before the self-assessment, and answers to unknown criteria', () => {
    const reviewed = reviewCraft(assessment(), { reviewedBy: 'B', reviewedOn: '2026-02-01', answers: [] });
    expect(craftReviewRefusal(reviewed, { reviewedBy: 'B', reviewedOn: '2026-02-02', answers: [] })).toMatch(/already reviewed/);
    expect(craftReviewRefusal(assessment(), { reviewedBy: 'B', reviewedOn: '2026-01-01', answers: [] })).toMatch(/cannot come before/);
    expect(craftReviewRefusal(assessment(), { reviewedBy: 'B', reviewedOn: '2026-02-01', answers: [{ criterion: '9.9', answer: 'yes', evidence: [] }] })).toMatch(/9.9 is not in CRAFT 2.1/);
    expect(craftProblems(assessment({ buyer: 'urn:asmo' })).join()).toMatch(/cannot review its own/);
    expect(craftProblems(assessment({ answers: [...all('yes'), { criterion: '1.1', answer: 'no', evidence: [] }] })).join()).toMatch(/answered twice/);
  });

  it('shows progress across successive assessments topic by topic', () => {
    const first = assessment({ id: 'c1', assessedOn: '2026-01-15', answers: all('yes', { '5.3': 'no', '5.1': 'partly' }) });
    const second = assessment({ id: 'c2', assessedOn: '2026-07-15', answers: all('yes', { '5.3': 'partly', '4.4': 'no' }) });
    const [step] = craftProgress([second, first]);
    expect(step).toEqual({ from: 'c1', to: 'c2', improved: ['health-safety', 'mercury-open-burning'], worsened: ['taxes-royalties'], met: 15 });
  });
});
