import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGrant } from '../../src/accounts/index.js';
import { buildApp } from '../../src/http/index.js';
import { finishedJob, postCapture } from '../capture/http-support.js';
import { jsonDocument } from '../capture/documents.js';
import { certifiedPurchase, seedLbma } from '../premiums/world.js';
import { authHeaders } from '../support/auth.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

type Headers = { authorization: string };

describe.each(testStores)('premiums and contracts over HTTP on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  const h: Record<string, Headers> = {};
  const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: h[who]! });
  const post = (who: string, url: string, payload: object, method: 'POST' | 'PUT' = 'POST') => app.inject({ method, url, headers: h[who]!, payload });

  beforeAll(async () => {
    w = await makeWorld(store);
    await seedLbma(w);
    app = await buildApp(w.orp, { rateLimit: false });
    for (const org of ['asmo', 'house', 'exporter']) {
      h[org] = await authHeaders(w.orp, org, 'viewer');
      h[`${org}Operator`] = await authHeaders(w.orp, org, 'operator');
      h[`${org}Admin`] = await authHeaders(w.orp, org, 'admin');
    }
    // The certifier audits the ASMO's premium ledger by grant.
    await addGrant(w.orp, { from: 'asmo', to: 'refiner' });
    h['auditor'] = await authHeaders(w.orp, 'refiner', 'auditor');
    await appendOk(w, certifiedPurchase(w, 'H1', { price: '52000.00' }));
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  describe('the below-minimum policy through POST /capture', () => {
    it('flag (the default): accepts a certified purchase below the minimum and lists it as a finding', async () => {
      expect((await get('houseAdmin', '/orgs/house/settings')).json()).toEqual({ belowMinimumPolicy: 'flag' });
      const job = await finishedJob(app, h['houseOperator']!, await postCapture(app, h['houseOperator']!, jsonDocument(certifiedPurchase(w, 'H2', { price: '50000.00' }))));
      expect(job).toMatchObject({ success: true, accepted: 2 });
      const findings = (await get('asmo', '/premiums/asmo')).json().findings;
      expect(findings).toContainEqual(expect.objectContaining({ kind: 'below_minimum', purchaseNumber: 'P-H2', minimumDue: '51923.46', paid: '50000.00' }));
    });

    it('reject: refuses it at capture with ORP_PRICE_BELOW_MINIMUM naming minimum and paid', async () => {
      expect((await post('houseOperator', '/orgs/house/settings', { belowMinimumPolicy: 'reject' }, 'PUT')).statusCode).toBe(403);
      expect((await post('houseAdmin', '/orgs/house/settings', { belowMinimumPolicy: 'reject' }, 'PUT')).json()).toEqual({ belowMinimumPolicy: 'reject' });
      try {
        const job = await finishedJob(app, h['houseOperator']!, await postCapture(app, h['houseOperator']!, jsonDocument(certifiedPurchase(w, 'H3', { price: '50000.00' }))));
        expect(job.success).toBe(false);
        expect(job.errors).toEqual([expect.objectContaining({ event: 1, code: 'ORP_PRICE_BELOW_MINIMUM', details: expect.objectContaining({ minimum: '51923.46', paid: '50000.00' }) })]);
        expect((await get('asmo', '/premiums/asmo/dues')).json().dues.map((d: { purchaseNumber: string }) => d.purchaseNumber)).not.toContain('P-H3');
      } finally {
        await post('houseAdmin', '/orgs/house/settings', { belowMinimumPolicy: 'flag' }, 'PUT');
      }
    });

    it('refuses an unknown policy', async () => {
      expect((await post('houseAdmin', '/orgs/house/settings', { belowMinimumPolicy: 'ignore' }, 'PUT')).statusCode).toBe(400);
    });
  });

  describe('who sees a premium ledger', () => {
    it('the producer sees all of it', async () => {
      const s = (await get('asmo', '/premiums/asmo')).json();
      expect(s).toMatchObject({ view: 'producer', due: '6800.00', paid: '0.00', outstanding: '6800.00', investment: { received: '0.00' } });
      expect(s.dues[0]).toMatchObject({ purchaseNumber: 'P-H1', minimumDue: '51923.46', paid: '52000.00', premiumDue: '3400.00', benchmark: { kind: 'earlier_fixing', date: '2026-02-27', value: '2000' } });
      expect(s.dues[0].schemes[0].rules.premium).toMatchObject({ rule: 'certification.premium', key: 'fairmined:gold' });
    });

    it('the buyer sees what it owes', async () => {
      expect((await get('house', '/premiums/asmo')).json()).toMatchObject({ view: 'buyer', outstanding: '6800.00', plans: [] });
    });

    it('an auditor sees it by grant', async () => {
      expect((await get('auditor', '/premiums/asmo')).json()).toMatchObject({ view: 'producer', due: '6800.00' });
    });

    it('anyone else gets a 404', async () => {
      for (const url of ['/premiums/asmo', '/premiums/asmo/dues', '/premiums/nowhere']) expect((await get('exporter', url)).statusCode, url).toBe(404);
    });
  });

  describe('premium payments, plan and spending', () => {
    it('lets the buyer record its payment and the producer see it; refuses a payment above what is owed', async () => {
      const paid = await post('houseOperator', '/premiums/asmo/payments', { reference: 'TT-77', paidOn: '2026-04-02', method: 'bank_transfer', amount: '3400' });
      expect(paid.statusCode).toBe(201);
      expect(paid.json()).toMatchObject({ payer: w.house.uri, usd: '3400.00' });
      const over = await post('houseOperator', '/premiums/asmo/payments', { reference: 'TT-78', paidOn: '2026-04-02', method: 'bank_transfer', amount: '3400.01' });
      expect(over.json()).toMatchObject({ code: 'ORP_PREMIUM_OVERPAID' });
      expect((await get('asmo', '/premiums/asmo')).json()).toMatchObject({ paid: '3400.00', outstanding: '3400.00' });
    });

    it('refuses a payment from an organisation that owes the producer nothing with a 404', async () => {
      expect((await post('exporterOperator', '/premiums/asmo/payments', { reference: 'X', paidOn: '2026-04-02', method: 'cash', amount: '1' })).statusCode).toBe(404);
    });

    it('lets only the producer record its plan, projects and spending', async () => {
      const plan = await post('asmoOperator', '/premiums/asmo/plans', { scheme: 'fairmined', from: '2026-01-01', to: '2029-12-31', decidedOn: '2025-12-20' });
      expect(plan.statusCode).toBe(201);
      const project = await post('asmoOperator', `/premiums/asmo/plans/${plan.json().id}/projects`, { name: 'School roof', budget: '3000', from: '2026-04-01', to: '2026-09-30', decidedOn: '2026-03-15' });
      expect(project.statusCode).toBe(201);
      const spent = await post('asmoOperator', '/premiums/asmo/spending', { project: project.json().id, spentOn: '2026-04-20', amount: '1200', description: 'roof sheets', receipts: ['QUI-104'] });
      expect(spent.statusCode).toBe(201);
      expect((await post('houseOperator', '/premiums/asmo/plans', { scheme: 'fairmined', from: '2026-01-01', to: '2029-12-31', decidedOn: '2025-12-20' })).statusCode).toBe(404);
      const s = (await get('asmo', '/premiums/asmo')).json();
      expect(s.plans[0].projects[0]).toMatchObject({ name: 'School roof', spent: '1200.00', remaining: '1800.00' });
      expect(s.investment).toEqual({ received: '3400.00', spent: '1200.00', unspent: '2200.00' });
    });
  });

  describe('contracts', () => {
    let id: string;
    it('records a contract between the buyer and the seller and shows it to both', async () => {
      const r = await post('houseOperator', '/contracts', { reference: 'JG-7', buyer: 'house', seller: 'asmo', scheme: 'fairmined', startsOn: '2026-03-01', prefinance: '5000', financingCostPercent: '6.5', costComponents: { bank_lending_rate: { percent: '5' }, credit_insurance: { percent: '0.5' } } });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ trialConsignments: 4, costCap: { percent: '6.50', marginPercent: '1.00' } });
      id = r.json().id;
      expect((await get('asmo', `/contracts/${id}`)).json()).toMatchObject({ reference: 'JG-7', prefinanceOutstanding: '5000.00' });
      expect((await get('asmo', '/contracts')).json().contracts).toHaveLength(1);
    });

    it('answers 409 to financing above the cost cap', async () => {
      const r = await post('houseOperator', '/contracts', { reference: 'JG-8', buyer: 'house', seller: 'asmo', scheme: 'fairmined', startsOn: '2026-03-01', prefinance: '5000', financingCostPercent: '6.51', costComponents: { bank_lending_rate: { percent: '5' }, credit_insurance: { percent: '0.5' } } });
      expect(r.statusCode).toBe(409);
      expect(r.json().code).toBe('ORP_FINANCING_COST_ABOVE_CAP');
    });

    it('refuses a 5th trial consignment with 409 ORP_TRIAL_LIMIT_EXCEEDED', async () => {
      for (const day of ['02', '09', '16', '23']) {
        expect((await post('houseOperator', `/contracts/${id}/deliveries`, { deliveredOn: `2026-03-${day}`, fineGrams: '50', value: '3000' })).statusCode).toBe(201);
      }
      const fifth = await post('asmoOperator', `/contracts/${id}/deliveries`, { deliveredOn: '2026-03-30', fineGrams: '50', value: '3000' });
      expect(fifth.statusCode).toBe(409);
      expect(fifth.json().code).toBe('ORP_TRIAL_LIMIT_EXCEEDED');
      expect((await post('asmoOperator', `/contracts/${id}/trial-end`, { on: '2026-03-29' })).json()).toMatchObject({ trialEndedOn: '2026-03-29' });
      expect((await post('asmoOperator', `/contracts/${id}/deliveries`, { deliveredOn: '2026-03-30', fineGrams: '50', value: '3000' })).json()).toMatchObject({ trial: false });
      expect((await post('houseOperator', `/contracts/${id}/failed-deliveries`, { reportedOn: '2026-04-06', reason: 'no production: rains', shortGrams: '50' })).statusCode).toBe(201);
      expect((await get('house', `/contracts/${id}`)).json()).toMatchObject({ trialConsignmentsUsed: 4, prefinanceOutstanding: '0.00', shortGrams: '50.000' });
    });

    it('hides a contract from anyone not party to it', async () => {
      expect((await get('exporter', `/contracts/${id}`)).statusCode).toBe(404);
      expect((await get('exporter', '/contracts')).json().contracts).toEqual([]);
      expect((await post('exporterOperator', `/contracts/${id}/deliveries`, { deliveredOn: '2026-04-01', fineGrams: '1', value: '1' })).statusCode).toBe(404);
      expect((await post('exporterOperator', '/contracts', { reference: 'X', buyer: 'house', seller: 'asmo', scheme: 'fairmined', startsOn: '2026-03-01' })).statusCode).toBe(400);
    });
  });
});
