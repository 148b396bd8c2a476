import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurchaseEvent } from '../../src/custody/index.js';
import { openOrpaille } from '../../src/orpaille.js';
import { statementView } from '../../src/premiums/index.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';
import { certifiedPurchase, seedLbma } from './world.js';

describe.each(testStores)('certified purchases and the premium ledger on $name', (store) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(store);
    await seedLbma(w);
  });
  afterAll(async () => {
    await w.cleanup();
  });

  const dueOf = async (purchaseNumber: string) => (await w.orp.premiums.dues({ producer: w.asmo.uri })).find((d) => d.purchaseNumber === purchaseNumber);

  it('records one due line per certified purchase: minimum due, price paid, premium due, which LBMA price and which rules', async () => {
    await appendOk(w, certifiedPurchase(w, 'C1', { price: '52000.00' }));
    expect(await dueOf('P-C1')).toMatchObject({
      status: 'evaluated',
      producer: w.asmo.uri,
      buyer: w.house.uri,
      date: '2026-03-02',
      fineMg: 850_000,
      minimumCents: 5_192_346,
      paidCents: 5_200_000,
      premiumCents: 340_000,
      belowMinimum: false,
      policy: 'flag',
      benchmark: { requestedDate: '2026-03-02', kind: 'earlier_fixing', date: '2026-02-27', fixing: 'pm', value: '2000', currency: 'USD' },
      parts: [{ scheme: 'fairmined', rules: { premium: { rule: 'certification.premium', key: 'fairmined:gold', effectiveFrom: '2011-02-14' } } }],
    });
  });

  it('owes nothing on an uncertified purchase, nor on a resale between traders', async () => {
    await appendOk(w, w.buy('U1', { grams: 10 }));
    const lot = w.lot(w.house, 'dore', 'C1');
    const resale: PurchaseEvent = { type: 'purchase', eventTime: w.at(3), eventTimeZoneOffset: '+02:00', recorder: w.exporter.uri, lots: [lot], seller: w.house.uri, buyer: w.exporter.uri, purchaseNumber: 'R-1', price: '1.00', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: true };
    await appendOk(w, [resale]);
    expect(await dueOf('P-U1')).toBeUndefined();
    expect(await dueOf('R-1')).toBeUndefined();
  });

  it('flag (the default): accepts a purchase below the minimum and lists it as a finding', async () => {
    expect(await w.orp.premiums.policy(w.house.uri)).toBe('flag');
    await appendOk(w, certifiedPurchase(w, 'C2', { price: '50000.00' }));
    const s = await w.orp.premiums.statement(w.asmo.uri);
    expect(s.findings).toContainEqual(expect.objectContaining({ kind: 'below_minimum', purchaseNumber: 'P-C2', minimumCents: 5_192_346, paidCents: 5_000_000 }));
  });

  it('reject: refuses a purchase below the minimum through orp.append with ORP_PRICE_BELOW_MINIMUM, and writes nothing of the batch', async () => {
    await w.orp.premiums.setPolicy(w.house.uri, 'reject', 'test');
    try {
      const r = await w.orp.append(certifiedPurchase(w, 'C3', { price: '50000.00' }));
      expect(r.committed).toBe(false);
      expect(r.results[1]).toMatchObject({ status: 'rejected', error: { code: 'ORP_PRICE_BELOW_MINIMUM', details: { minimum: '51923.46', paid: '50000.00' } } });
      expect(await w.orp.queries.lot(w.lot(w.house, 'dore', 'C3'))).toBeUndefined();
      expect(await dueOf('P-C3')).toBeUndefined();
      await appendOk(w, certifiedPurchase(w, 'C4', { price: '51923.46' }));
      expect(await dueOf('P-C4')).toMatchObject({ policy: 'reject', belowMinimum: false });
    } finally {
      await w.orp.premiums.setPolicy(w.house.uri, 'flag', 'test');
    }
  });

  it('keeps the policy as stored data, across a reopening of the database', async () => {
    await w.orp.premiums.setPolicy(w.exporter.uri, 'reject', 'test');
    const again = await openOrpaille(w.config);
    try {
      expect(await again.premiums.policy(w.exporter.uri)).toBe('reject');
    } finally {
      await again.close();
    }
  });

  it('is "not evaluated: no rate for CDF on D" without a rate, and priced once the rate is recorded', async () => {
    await appendOk(w, certifiedPurchase(w, 'C5', { price: '150000000', currency: 'CDF' }));
    expect(await dueOf('P-C5')).toMatchObject({ status: 'not_evaluated', reason: 'no rate for CDF on 2026-03-02' });
    await w.orp.premiums.addFxRates([{ currency: 'CDF', date: '2026-03-02', usdPerUnit: '0.00036', source: 'Banque Centrale du Congo' }]);
    const done = await w.orp.premiums.revalue(w.asmo.uri);
    expect(done.map((d) => d.purchaseNumber)).toEqual(['P-C5']);
    expect(await dueOf('P-C5')).toMatchObject({ status: 'evaluated', paidCents: 5_400_000, premiumCents: 340_000, fx: { usdPerUnit: '0.00036', date: '2026-03-02' } });
  });

  it('refuses a second rate for the same currency and date', async () => {
    await expect(w.orp.premiums.addFxRates([{ currency: 'CDF', date: '2026-03-02', usdPerUnit: '0.0004', source: 'x' }])).rejects.toMatchObject({ code: 'ORP_ALREADY_RECORDED' });
  });

  it('records payments with reference, date and method; outstanding falls; refuses more than is owed and a reference twice', async () => {
    const owed = (await w.orp.premiums.statement(w.asmo.uri)).outstandingCents;
    expect(owed).toBe(4 * 340_000);
    const pay = (reference: string, amount: string, currency = 'USD') =>
      w.orp.premiums.pay({ producer: w.asmo.uri, payer: w.house.uri, reference, paidOn: '2026-04-01', method: 'bank_transfer', amount, currency }, 'test');
    await pay('TT-1', '3400.00');
    // The CDF rate of 2 March is more than a week old on 1 April.
    await expect(pay('TT-2', '5000000', 'CDF')).rejects.toMatchObject({ code: 'ORP_NO_FX_RATE' });
    await expect(pay('TT-1', '1.00')).rejects.toMatchObject({ code: 'ORP_ALREADY_RECORDED' });
    await expect(pay('TT-3', '10200.01')).rejects.toMatchObject({ code: 'ORP_PREMIUM_OVERPAID' });
    const s = await w.orp.premiums.statement(w.asmo.uri);
    expect(s).toMatchObject({ paidCents: 340_000, outstandingCents: 3 * 340_000 });
    expect(s.payments[0]).toMatchObject({ reference: 'TT-1', paidOn: '2026-04-01', method: 'bank_transfer', usdCents: 340_000 });
  });

  it('records the Premium Investment Plan, its projects and the spending with receipts; refuses spending over budget', async () => {
    const plan = await w.orp.premiums.addPlan({ producer: w.asmo.uri, scheme: 'fairmined', from: '2026-01-01', to: '2028-12-31', decidedOn: '2025-12-15', minutes: 'PC-2025-07' });
    const project = await w.orp.premiums.addProject(w.asmo.uri, { plan: plan.id, name: 'Water tank at site 1', budget: '2500', from: '2026-03-01', to: '2026-12-31', decidedOn: '2026-02-10' });
    await w.orp.premiums.spend(w.asmo.uri, { project: project.id, spentOn: '2026-04-10', amount: '2000', currency: 'USD', description: 'tank and pipes', receipts: ['F-0012', 'F-0013'] }, 'test');
    await expect(
      w.orp.premiums.spend(w.asmo.uri, { project: project.id, spentOn: '2026-04-11', amount: '500.01', currency: 'USD', description: 'labour', receipts: ['F-0014'] }, 'test'),
    ).rejects.toMatchObject({ code: 'ORP_PREMIUM_OVER_BUDGET' });
    await expect(w.orp.premiums.addProject(w.house.uri, { plan: plan.id, name: 'x', budget: '1', from: '2026-03-01', to: '2026-03-02', decidedOn: '2026-02-10' })).rejects.toMatchObject({ code: 'ORP_NOT_FOUND' });
    const view = statementView(await w.orp.premiums.statement(w.asmo.uri));
    expect(view.plans[0]).toMatchObject({ minutes: 'PC-2025-07', projects: [{ name: 'Water tank at site 1', budget: '2500.00', spent: '2000.00', remaining: '500.00', spending: [{ receipts: ['F-0012', 'F-0013'] }] }] });
    expect(view.investment).toEqual({ received: '3400.00', spent: '2000.00', unspent: '1400.00' });
  });

  it("shows a buyer only its own purchases and payments, and anyone else nothing", async () => {
    const asBuyer = await w.orp.premiums.statement(w.asmo.uri, [w.house.uri]);
    expect(asBuyer.view).toBe('buyer');
    expect(asBuyer.plans).toEqual([]);
    expect(asBuyer.dues.every((d) => d.buyer === w.house.uri)).toBe(true);
    await expect(w.orp.premiums.statement(w.asmo.uri, [w.refiner.uri])).rejects.toMatchObject({ code: 'ORP_NOT_FOUND' });
  });
});

describe.each(testStores)('trading contracts on $name', (store) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(store);
  });
  afterAll(async () => {
    await w.cleanup();
  });

  it('runs a Fairmined contract: at most 4 trial consignments, deliveries repay the pre-finance, failed deliveries reported', async () => {
    const p = w.orp.premiums;
    await expect(p.createContract({ reference: 'JG-0', buyer: w.house.uri, seller: w.asmo.uri, scheme: 'fairmined', startsOn: '2026-03-01', trialConsignments: 5 }, 'test')).rejects.toMatchObject({ code: 'ORP_TRIAL_LIMIT_EXCEEDED' });
    await expect(
      p.createContract({ reference: 'JG-0', buyer: w.house.uri, seller: w.asmo.uri, scheme: 'fairmined', startsOn: '2026-03-01', prefinance: '10000', financingCostPercent: '9', costComponents: { bank_lending_rate: { percent: '6' }, credit_insurance: { percent: '1' } } }, 'test'),
    ).rejects.toMatchObject({ code: 'ORP_FINANCING_COST_ABOVE_CAP' });
    const c = await p.createContract(
      { reference: 'JG-1', buyer: w.house.uri, seller: w.asmo.uri, scheme: 'fairmined', startsOn: '2026-03-01', prefinance: '10000', financingCostPercent: '8', costComponents: { bank_lending_rate: { percent: '6', source: 'BCC' }, credit_insurance: { percent: '1' } } },
      'test',
    );
    await expect(p.createContract({ reference: 'JG-1', buyer: w.house.uri, seller: w.asmo.uri, scheme: 'fairmined', startsOn: '2026-03-01' }, 'test')).rejects.toMatchObject({ code: 'ORP_ALREADY_RECORDED' });
    for (const day of ['02', '09', '16', '23']) await p.deliver(c.id, { deliveredOn: `2026-03-${day}`, fineGrams: '100', value: '3000' });
    await expect(p.deliver(c.id, { deliveredOn: '2026-03-30', fineGrams: '100', value: '3000' })).rejects.toMatchObject({ code: 'ORP_TRIAL_LIMIT_EXCEEDED' });
    await p.endTrial(c.id, '2026-03-28');
    await p.deliver(c.id, { deliveredOn: '2026-03-30', fineGrams: '100', value: '3000', purchaseNumber: 'P-9' });
    await p.reportFailedDelivery(c.id, { reportedOn: '2026-04-06', reason: 'road closed by rain', shortGrams: '100' });
    const s = await p.contractStatement(c.id);
    expect(s).toMatchObject({ trialConsignmentsUsed: 4, prefinanceRepaidCents: 1_000_000, prefinanceOutstandingCents: 0, deliveredFineMg: 500_000, shortMg: 100_000 });
    expect(s.contract).toMatchObject({ trialEndedOn: '2026-03-28', costCap: { bps: 800 }, costComponents: { bank_lending_rate: { bps: 600, source: 'BCC' } } });
    expect(s.deliveries.map((d) => [d.trial, d.repaidCents])).toEqual([[true, 300_000], [true, 300_000], [true, 300_000], [true, 100_000], [false, 0]]);
    expect(s.failedDeliveries[0]).toMatchObject({ reason: 'road closed by rain', shortMg: 100_000 });
  });

  it('shows a contract only to its parties', async () => {
    const [c] = await w.orp.premiums.contracts([w.asmo.uri]);
    expect(c).toBeDefined();
    expect(await w.orp.premiums.contracts([w.refiner.uri])).toEqual([]);
    await expect(w.orp.premiums.contractStatement(c!.id, [w.refiner.uri])).rejects.toMatchObject({ code: 'ORP_NOT_FOUND' });
    await expect(w.orp.premiums.deliver(c!.id, { deliveredOn: '2026-04-01', fineGrams: '1', value: '1' }, [w.refiner.uri])).rejects.toMatchObject({ code: 'ORP_NOT_FOUND' });
  });
});
