import { describe, expect, it } from 'vitest';
import { addGrant } from '../../src/accounts/index.js';
import { craftQuestionnaireOn } from '../../src/diligence/index.js';
import { authHeaders } from '../support/auth.js';
import { useHttpWorld } from '../support/http-world.js';
import { testStores } from '../support/stores.js';

describe.each(testStores)('due-diligence assessments over HTTP on $name', (store) => {
  const t = useHttpWorld(store, {
    callers: { house: ['house', 'operator'], houseViewer: ['house', 'viewer'], exporter: ['exporter', 'admin'], refiner: ['refiner', 'auditor'] },
    setup: async (w) => {
      await addGrant(w.orp, { from: 'house', to: 'refiner' });
    },
  });
  const { h, req } = t;

  it('serves the risk model with response classes', async () => {
    const r = await req('houseViewer', 'GET', '/diligence/risk-model');
    expect(r.statusCode).toBe(200);
    expect(r.json().risks.find((x: { id: string }) => x.id === 'serious-abuses').response).toBe('disengage');
  });

  it('serves the CRAFT questionnaire in force with its criteria per module; a malformed date is refused', async () => {
    const r = await req('houseViewer', 'GET', '/diligence/craft-questionnaire?date=2026-03-01');
    expect(r.statusCode, r.body).toBe(200);
    const q = craftQuestionnaireOn('2026-03-01');
    expect(r.json()).toMatchObject({ version: q.version, effectiveFrom: q.effectiveFrom, riskModel: q.riskModel });
    expect(r.json().criteria).toEqual(q.criteria.map((c) => ({ ...c })));
    expect(new Set(r.json().criteria.map((c: { module: number }) => c.module))).toEqual(new Set([1, 2, 3, 4, 5]));
    const bad = await req('houseViewer', 'GET', '/diligence/craft-questionnaire?date=March');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('ORP_BAD_INPUT');
  });

  it("records a risk in the caller's register, which the caller and its grantees read and others do not", async () => {
    const created = await req('house', 'POST', '/diligence/risks', { id: 'R-H1', supplier: 'asmo', risk: 'armed-groups', observedOn: '2026-03-01', source: 'UN Group of Experts', evidence: [{ kind: 'report', reference: 'S/2026/123' }], recordedBy: 'A. Kabila' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ owner: t.w.house.uri, status: 'identified', definition: { response: 'disengage' } });
    expect((await req('houseViewer', 'GET', '/diligence/risks?supplier=asmo')).json().risks.map((e: { id: string }) => e.id)).toEqual(['R-H1']);
    expect((await req('refiner', 'GET', '/diligence/risks/R-H1')).statusCode).toBe(200);
    expect((await req('exporter', 'GET', '/diligence/risks/R-H1')).statusCode).toBe(404);
    expect((await req('exporter', 'GET', '/diligence/risks')).json().risks).toEqual([]);
  });

  it('confirms a risk with who and why and says it calls for immediate disengagement; a grantee may not change it', async () => {
    const r = await req('house', 'POST', '/diligence/risks/R-H1/status', { status: 'confirmed', on: '2026-03-05', by: 'B. Mulamba', reason: 'checkpoint tax confirmed' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ immediateDisengagement: true, entry: { status: 'confirmed' } });
    expect((await req('refiner', 'POST', '/diligence/risks/R-H1/status', { status: 'closed', by: 'x' })).statusCode).toBe(403);
    const back = await req('house', 'POST', '/diligence/risks/R-H1/status', { status: 'mitigated', on: '2026-03-01', by: 'x' });
    expect(back.statusCode).toBe(409);
    expect(back.json().code).toBe('ORP_STATUS_CHANGE_REFUSED');
  });

  it("keeps a supplier's KYC file and reports its gaps", async () => {
    expect((await req('house', 'POST', '/diligence/kyc', { kind: 'beneficial_owner', supplier: 'asmo', recordedBy: 'A', name: 'Jeanne M.', sharePercent: '40', identifiedOn: '2026-01-10' })).statusCode).toBe(201);
    const k = await req('houseViewer', 'GET', '/diligence/kyc/asmo?date=2026-03-01');
    expect(k.statusCode, k.body).toBe(200);
    expect(k.json()).toMatchObject({ complete: false, gaps: ['no licence recorded'], threshold: { basisPoints: 1000 } });
    expect((await req('exporter', 'GET', '/diligence/kyc/asmo')).statusCode).toBe(404);
  });

  it("records a site's indicators and serves the series; a site the caller does not see answers 404", async () => {
    const r = await req('house', 'POST', '/diligence/sites/site-1/indicators', { periodFrom: '2026-01-01', periodTo: '2026-01-31', mercuryUsedGrams: '150', goldProducedGrams: '100', practicesObserved: ['mercury-whole-ore'], source: 'AGC survey', recordedBy: 'A' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ mercuryUsedMg: 150_000, goldProducedMg: 100_000 });
    const s = await req('houseViewer', 'GET', '/diligence/sites/site-1/indicators');
    expect(s.json()).toMatchObject({ points: [{ hgAuRatio: '1.50' }], practicesInLastPeriod: ['mercury-whole-ore'] });
    expect((await req('exporter', 'POST', '/diligence/sites/site-2/indicators', { periodFrom: '2026-01-01', periodTo: '2026-01-31', source: 's', recordedBy: 'A' })).statusCode).toBe(404);
  });

  it('lets a producer submit a CRAFT self-assessment that only its buyer reviews, with results per risk', async () => {
    h['asmo'] = await authHeaders(t.w.orp, 'asmo', 'operator');
    const sub = await req('asmo', 'POST', '/diligence/craft', { id: 'C-1', buyer: 'house', assessedOn: '2026-01-15', submittedBy: 'ASMO president', answers: [{ criterion: '5.3', answer: 'no', evidence: [{ kind: 'photo', reference: 'burning.jpg' }] }] });
    expect(sub.statusCode, sub.body).toBe(201);
    expect(sub.json().results.find((t: { topic: string }) => t.topic === 'mercury-open-burning')).toMatchObject({ result: 'not_met', response: 'improve' });
    expect((await req('exporter', 'GET', '/diligence/craft/C-1')).statusCode).toBe(404);
    expect((await req('asmo', 'POST', '/diligence/craft/C-1/review', { reviewedBy: 'x', answers: [] })).statusCode).toBe(403);
    const rev = await req('house', 'POST', '/diligence/craft/C-1/review', { reviewedBy: 'House auditor', reviewedOn: '2026-02-01', answers: [{ criterion: '5.3', answer: 'partly' }] });
    expect(rev.statusCode, rev.body).toBe(200);
    expect(rev.json()).toMatchObject({ stage: 'reviewed' });
    expect((await req('houseViewer', 'GET', '/diligence/craft?producer=asmo')).json().assessments.map((a: { id: string }) => a.id)).toEqual(['C-1']);
  });
});
