import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/index.js';
import { checklistOf, recordStep } from '../../src/registrar/index.js';
import { authHeaders } from '../support/auth.js';
import { testStores } from '../support/stores.js';
import { makeWorld, type World } from '../support/world.js';

describe.each(testStores)('the OECD five-step checklist on $name', (store) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(store);
  });
  afterEach(async () => {
    await w.cleanup();
  });

  it('starts with every item not started, and completes a step when each item is done with evidence or not applicable with a note', async () => {
    const empty = await checklistOf(w.orp, w.house);
    expect(empty.complete).toBe(false);
    expect(empty.steps.map((s) => s.items.length)).toEqual([5, 2, 3, 1, 1]);
    for (const item of ['1.policy', '1.structure', '1.custody', '1.suppliers']) await recordStep(w.orp, w.house, { item, status: 'done', updatedBy: 'Amani K.', evidence: [`${item}.pdf`], updatedOn: '2026-03-01' });
    const partial = await recordStep(w.orp, w.house, { item: '1.grievance', status: 'in_progress', updatedBy: 'Amani K.', updatedOn: '2026-03-01' });
    expect(partial.steps[0]!.complete).toBe(false);
    const done = await recordStep(w.orp, w.house, { item: '1.grievance', status: 'done', updatedBy: 'Amani K.', evidence: ['hotline-poster.jpg'], updatedOn: '2026-04-01' });
    expect(done.steps[0]).toMatchObject({ step: 1, complete: true });
    await recordStep(w.orp, w.house, { item: '4.audit', status: 'not_applicable', updatedBy: 'Amani K.', note: 'not a refiner', updatedOn: '2026-04-01' });
    // On 15 March the grievance mechanism was still in progress.
    const march = await checklistOf(w.orp, w.house, '2026-03-15');
    expect(march.steps[0]!.items.find((i) => i.id === '1.grievance')).toMatchObject({ status: 'in_progress' });
    expect((await checklistOf(w.orp, w.exporter)).steps[0]!.complete).toBe(false);
  });

  it('refuses done without evidence, not applicable without a note, and an unknown item', async () => {
    await expect(recordStep(w.orp, w.house, { item: '1.policy', status: 'done', updatedBy: 'A' })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
    await expect(recordStep(w.orp, w.house, { item: '4.audit', status: 'not_applicable', updatedBy: 'A' })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
    await expect(recordStep(w.orp, w.house, { item: '6.extra', status: 'done', updatedBy: 'A', evidence: ['x'] })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
    expect(await w.orp.steps.steps(w.house.uri)).toEqual([]);
  });

  it('is read and written over HTTP for the caller organisation only', async () => {
    const app: FastifyInstance = await buildApp(w.orp, { rateLimit: false });
    try {
      const admin = await authHeaders(w.orp, 'house', 'admin');
      const r = await app.inject({ method: 'POST', url: '/diligence/steps', headers: admin, payload: { item: '5.report', status: 'done', evidence: ['https://house.example/dd-report-2025.pdf'] } });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().steps[4]).toMatchObject({ step: 5, complete: true });
      const theirs = await app.inject({ method: 'GET', url: '/diligence/steps', headers: await authHeaders(w.orp, 'exporter', 'viewer') });
      expect(theirs.json().steps[4]).toMatchObject({ complete: false });
    } finally {
      await app.close();
    }
  });
});
