import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { craftHistory, reviewCraftAssessment, submitCraft } from '../../src/assessor/index.js';
import { CRAFT_QUESTIONNAIRE_2_1, type CraftAnswer } from '../../src/diligence/index.js';
import { testStores } from '../support/stores.js';
import { makeWorld, type World } from '../support/world.js';

const answers = (except: Record<string, CraftAnswer['answer']> = {}): CraftAnswer[] =>
  CRAFT_QUESTIONNAIRE_2_1.criteria.map((c) => ({ criterion: c.id, answer: except[c.id] ?? 'yes', evidence: c.id === '1.1' ? [{ kind: 'document', reference: 'members-2026.xlsx' }] : [] }));

describe.each(testStores)('CRAFT assessments on $name', (store) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(store);
  });
  afterEach(async () => {
    await w.cleanup();
  });

  it('keeps a self-assessment with its evidence, then the buyer review, once', async () => {
    const a = await submitCraft(w.orp, { id: 'craft-1', producer: 'asmo', buyer: 'house', assessedOn: '2026-01-15', submittedBy: 'ASMO president', answers: answers({ '5.3': 'no' }) });
    expect(a).toMatchObject({ stage: 'self', questionnaireVersion: '2.1' });
    expect(await w.orp.crafts.craft('craft-1')).toEqual({ id: 'craft-1', producer: w.asmo.uri, buyer: w.house.uri, questionnaireVersion: '2.1', assessedOn: '2026-01-15', stage: 'self', answers: answers({ '5.3': 'no' }), submittedBy: 'ASMO president' });
    const r = await reviewCraftAssessment(w.orp, 'craft-1', { reviewedBy: 'House auditor', reviewedOn: '2026-02-01', answers: [{ criterion: '5.3', answer: 'partly', evidence: [{ kind: 'photo', reference: 'retort.jpg' }] }] });
    expect(r.results.find((t) => t.topic === 'mercury-open-burning')!.result).toBe('in_progress');
    expect((await w.orp.crafts.craft('craft-1'))!.review).toEqual({ reviewedBy: 'House auditor', reviewedOn: '2026-02-01', answers: [{ criterion: '5.3', answer: 'partly', evidence: [{ kind: 'photo', reference: 'retort.jpg' }] }] });
    await expect(reviewCraftAssessment(w.orp, 'craft-1', { reviewedBy: 'X', reviewedOn: '2026-02-02', answers: [] })).rejects.toMatchObject({ code: 'ORP_STATUS_CHANGE_REFUSED' });
    await expect(reviewCraftAssessment(w.orp, 'nope', { reviewedBy: 'X', answers: [] })).rejects.toMatchObject({ code: 'ORP_NOT_FOUND' });
  });

  it('refuses answers to unknown criteria and a taken id, writing nothing', async () => {
    await expect(submitCraft(w.orp, { id: 'craft-x', producer: 'asmo', buyer: 'house', submittedBy: 'p', answers: [{ criterion: '7.1', answer: 'yes', evidence: [] }] })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
    await submitCraft(w.orp, { id: 'craft-1', producer: 'asmo', buyer: 'house', submittedBy: 'p', answers: [] });
    await expect(submitCraft(w.orp, { id: 'craft-1', producer: 'asmo', buyer: 'refiner', submittedBy: 'p', answers: [] })).rejects.toMatchObject({ code: 'ORP_RECORD_EXISTS' });
    expect((await w.orp.crafts.crafts({})).map((a) => a.id)).toEqual(['craft-1']);
  });

  it("gives a producer's progress across assessments, as seen by the parties to them", async () => {
    await submitCraft(w.orp, { id: 'craft-2', producer: 'asmo', buyer: 'house', assessedOn: '2026-07-15', submittedBy: 'p', answers: answers() });
    await submitCraft(w.orp, { id: 'craft-1', producer: 'asmo', buyer: 'house', assessedOn: '2026-01-15', submittedBy: 'p', answers: answers({ '5.3': 'no' }) });
    await submitCraft(w.orp, { id: 'craft-r', producer: 'asmo', buyer: 'refiner', assessedOn: '2026-03-01', submittedBy: 'p', answers: answers() });
    const h = await craftHistory(w.orp, 'asmo', [w.house.uri]);
    expect(h.assessments.map((a) => a.id)).toEqual(['craft-1', 'craft-2']);
    expect(h.progress).toEqual([{ from: 'craft-1', to: 'craft-2', improved: ['mercury-open-burning'], worsened: [], met: 17 }]);
    expect((await craftHistory(w.orp, 'asmo', [w.asmo.uri])).assessments).toHaveLength(3);
    expect((await craftHistory(w.orp, 'asmo', [w.exporter.uri])).assessments).toEqual([]);
  });
});
