import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/index.js';
import { authHeaders } from '../support/auth.js';
import { adoptPlan, planView, recordDecision, reportProgress, suspendForConfirmedRisk } from '../../src/registrar/index.js';
import { changeRisk, recordRisk } from '../../src/assessor/index.js';
import { testStores } from '../support/stores.js';
import { makeWorld, type World } from '../support/world.js';

const retorts = { description: 'Retorts at every burning point', indicator: 'retorts in use', baseline: 2, target: 10, direction: 'at_least' };

describe.each(testStores)('risk management plans and immediate suspension on $name', (store) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(store);
  });
  afterEach(async () => {
    await w.cleanup();
  });

  it('gives an Annex II plan the six-month deadline of the dated rule in force on its adoption day', async () => {
    const plan = await adoptPlan(w.orp, w.house, { supplier: 'asmo', adoptedOn: '2026-06-15', createdBy: 'Amani K.', measures: [retorts] });
    expect(plan).toMatchObject({ supplier: w.asmo.uri, deadline: '2026-12-15', deadlineRule: { rule: 'diligence.mitigation_deadline', months: 6 } });
    expect(plan.review).toMatchObject({ status: 'in_progress', daysLeft: 15 });
    await w.orp.rules.seed([{ rule: 'diligence.mitigation_deadline', key: 'annex_ii', effectiveFrom: '2026-09-01', value: { months: 3 }, source: 'test: stricter internal policy', confidence: 'firm' }]);
    const later = await adoptPlan(w.orp, w.house, { supplier: 'asmo', adoptedOn: '2026-09-10', createdBy: 'Amani K.', measures: [retorts] });
    expect(later.deadline).toBe('2026-12-10');
  });

  it('rejects a target that is no improvement on its baseline, and a report on an unknown measure', async () => {
    await expect(adoptPlan(w.orp, w.house, { supplier: 'asmo', createdBy: 'A', measures: [{ ...retorts, target: 1 }] })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
    const plan = await adoptPlan(w.orp, w.house, { supplier: 'asmo', adoptedOn: '2026-06-01', createdBy: 'A', measures: [retorts] });
    await expect(reportProgress(w.orp, w.house, plan.id, { measure: 'M9', value: 3, reportedBy: 'B', reportedOn: '2026-07-01' })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
    expect((await w.orp.plans.plan(plan.id))!.progress).toEqual([]);
  });

  it('reports progress, meets the targets, and says a decision is due when the deadline passes with a target unmet', async () => {
    const plan = await adoptPlan(w.orp, w.house, {
      supplier: 'asmo',
      adoptedOn: '2026-03-01',
      createdBy: 'Amani K.',
      measures: [retorts, { description: 'No payments to the army checkpoint', indicator: 'payments per month', baseline: 4, target: 0, direction: 'at_most' }],
    });
    await reportProgress(w.orp, w.house, plan.id, { measure: 'M1', value: 6, reportedBy: 'Field officer', reportedOn: '2026-05-01' });
    await reportProgress(w.orp, w.house, plan.id, { measure: 'M2', value: 0, reportedBy: 'Field officer', reportedOn: '2026-05-01' });
    const may = await planView(w.orp, w.house, plan.id, '2026-05-02');
    expect(may.review).toMatchObject({ status: 'in_progress', measures: [{ id: 'M1', improved: true, met: false }, { id: 'M2', met: true }] });
    // Past 1 September with 6 retorts out of 10: the buyer must decide.
    const late = await planView(w.orp, w.house, plan.id, '2026-09-02');
    expect(late.review.status).toBe('decision_due');
    expect(late.review.explanation).toContain('M1 unmet');
    await reportProgress(w.orp, w.house, plan.id, { measure: 'M1', value: 11, reportedBy: 'Field officer', reportedOn: '2026-08-20' });
    expect((await planView(w.orp, w.house, plan.id, '2026-09-02')).review.status).toBe('targets_met');
  });

  it("answers ORP_NOT_FOUND for another organisation's plan", async () => {
    const plan = await adoptPlan(w.orp, w.house, { supplier: 'asmo', adoptedOn: '2026-06-01', createdBy: 'A', measures: [retorts] });
    await expect(planView(w.orp, w.exporter, plan.id)).rejects.toMatchObject({ code: 'ORP_NOT_FOUND' });
  });

  it('suspends the supplier at once when a risk of support to armed groups is confirmed, until a person decides', async () => {
    const risk = await recordRisk(w.orp, { owner: 'house', supplier: 'asmo', risk: 'armed-groups', observedOn: '2026-03-02', source: 'UN Group of Experts report', recordedBy: 'Amani K.' });
    expect(await w.orp.gating.decisions(w.house.uri)).toEqual([]);
    const changed = await changeRisk(w.orp, risk.id, { status: 'confirmed', on: '2026-03-04', by: 'Amani K.' });
    expect(changed.immediateDisengagement).toBe(true);
    expect(changed.suspension).toMatchObject({ decision: { decision: 'suspend', supplier: w.asmo.uri, decidedBy: 'system', automatic: true, riskRef: risk.id } });
    const refused = await w.orp.append(w.buy('A', { at: '2026-11-30T12:02:00.000Z' }));
    expect(refused.results[0]!.error?.code).toBe('ORP_SUPPLIER_SUSPENDED');
    // A person decides to continue under a plan: the lots come in again.
    await recordDecision(w.orp, w.house, { supplier: 'asmo', decision: 'mitigate', decidedBy: 'Board', reason: 'allegation not borne out by the site visit', decidedAt: '2026-11-30T12:03:00.000Z' });
    expect((await w.orp.append(w.buy('B', { at: '2026-11-30T12:04:00.000Z' }))).committed).toBe(true);
  });

  it('does not suspend for a confirmed risk that calls for mitigation, nor twice for the same confirmation', async () => {
    const risk = await recordRisk(w.orp, { owner: 'house', supplier: 'asmo', risk: 'taxes-royalties', observedOn: '2026-03-02', source: 'visit', recordedBy: 'A' });
    expect((await changeRisk(w.orp, risk.id, { status: 'confirmed', on: '2026-03-04', by: 'A' })).suspension).toBeUndefined();
    const grave = await recordRisk(w.orp, { owner: 'house', site: 'site-2', risk: 'serious-abuses', observedOn: '2026-03-02', source: 'NGO report', recordedBy: 'A', status: 'confirmed' });
    const decisions = await w.orp.gating.decisions(w.house.uri);
    expect(decisions.map((d) => [d.supplier, d.decision, d.riskRef])).toEqual([[w.sites[1]!.uri, 'suspend', grave.id]]);
    expect((await suspendForConfirmedRisk(w.orp, grave))).toBeUndefined();
  });

  it('adopts a plan and reports progress over HTTP; another organisation gets 404', async () => {
    const app = await buildApp(w.orp, { rateLimit: false });
    try {
      const admin = await authHeaders(w.orp, 'house', 'admin');
      const r = await app.inject({ method: 'POST', url: '/diligence/plans', headers: admin, payload: { supplier: 'asmo', adoptedOn: '2026-06-01', measures: [retorts] } });
      expect(r.statusCode, r.body).toBe(201);
      const plan = r.json();
      expect(plan).toMatchObject({ deadline: '2026-12-01', measures: [{ id: 'M1' }], review: { status: 'in_progress' } });
      const p = await app.inject({ method: 'POST', url: `/diligence/plans/${plan.id}/progress`, headers: await authHeaders(w.orp, 'house', 'operator'), payload: { measure: 'M1', value: 10, reportedOn: '2026-07-01' } });
      expect(p.statusCode, p.body).toBe(200);
      expect(p.json().review.status).toBe('targets_met');
      const other = await app.inject({ method: 'GET', url: `/diligence/plans/${plan.id}`, headers: await authHeaders(w.orp, 'exporter', 'admin') });
      expect(other.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
