import { describe, expect, it } from 'vitest';
import { rateOn, usdCents } from './fx.js';
import { paymentOf, planOf, projectOf, spendingOf } from './plan.js';
import { findingsOf, outstandingOf, premiumStatement } from './statement.js';
import { BUYER, PRODUCER, shippedRules, TRADER } from '../../test/premiums/fixtures.js';
import type { PremiumPayment, PremiumPlan, PremiumProject, RecordedValuation } from './types.js';

const rules = shippedRules();
const plan: PremiumPlan = { id: 'plan_1', ...planOf({ producer: PRODUCER, scheme: 'fairmined', from: '2026-01-01', to: '2028-12-31', decidedOn: '2025-12-15' }, rules, 0) };
const project: PremiumProject = { id: 'prj_1', ...projectOf(plan, { name: 'Water for the camp', budget: '10000', from: '2026-03-01', to: '2026-12-31', decidedOn: '2026-02-10' }, 0) };
const spend = (amount: string, spent = [] as ReturnType<typeof spendingOf>[], receipts = ['R-1']) =>
  spendingOf(project, spent.map((s, i) => ({ id: `s${i}`, ...s })), { spentOn: '2026-04-01', amount, currency: 'USD', description: 'pump', receipts }, { usdCents: usdCents(amount, 'USD', undefined) }, 'test', 0);

const due = (buyer: string, premiumCents: number | undefined, over: Partial<RecordedValuation> = {}): RecordedValuation => ({
  eventId: `e-${buyer}-${premiumCents}`,
  seq: 1,
  purchaseNumber: 'P',
  eventTime: '2026-03-02T08:00:00.000Z',
  date: '2026-03-02',
  producer: PRODUCER,
  buyer,
  seller: PRODUCER,
  price: { amount: '1', currency: 'USD' },
  status: premiumCents === undefined ? 'not_evaluated' : 'evaluated',
  fineMg: 1,
  parts: [],
  belowMinimum: false,
  policy: 'flag',
  ...(premiumCents === undefined ? { reason: 'no rate for CDF on 2026-03-02' } : { premiumCents }),
  ...over,
});
const paid = (payer: string, usdCents: number): PremiumPayment => ({ id: 'p', producer: PRODUCER, payer, reference: 'r', paidOn: '2026-04-01', method: 'bank_transfer', amount: '1', currency: 'USD', usdCents, recordedBy: 't', createdAt: 0 });

describe('the Premium Investment Plan', () => {
  it('is decided by the Premium Committee by default', () => {
    expect(plan.decidedBy).toBe('Premium Committee');
  });

  it('refuses a Fairmined plan shorter than 3 years or longer than 5', () => {
    const p = (to: string) => planOf({ producer: PRODUCER, scheme: 'fairmined', from: '2026-01-01', to, decidedOn: '2025-12-15' }, rules, 0);
    expect(() => p('2028-12-30')).toThrow(expect.objectContaining({ code: 'ORP_BAD_INPUT' }));
    expect(() => p('2031-01-01')).toThrow(expect.objectContaining({ code: 'ORP_BAD_INPUT' }));
    expect(p('2030-12-31').to).toBe('2030-12-31');
  });

  it('refuses a project outside the period of its plan', () => {
    expect(() => projectOf(plan, { name: 'x', budget: '1', from: '2025-12-01', to: '2026-06-30', decidedOn: '2025-11-01' }, 0)).toThrow(expect.objectContaining({ code: 'ORP_BAD_INPUT' }));
  });
});

describe('spending of the premium', () => {
  it('refuses spending beyond the project budget, naming budget, spent and asked', () => {
    const first = spend('9000');
    expect(() => spend('1000.01', [first])).toThrow(expect.objectContaining({ code: 'ORP_PREMIUM_OVER_BUDGET', details: expect.objectContaining({ budget: '10000.00', spent: '9000.00', asked: '1000.01' }) }));
    expect(spend('1000', [first]).usdCents).toBe(100_000);
  });

  it('refuses spending without a receipt reference', () => {
    expect(() => spend('10', [], [' '])).toThrow(expect.objectContaining({ code: 'ORP_BAD_INPUT' }));
  });
});

describe('premium payments and what is outstanding', () => {
  const dues = [due(BUYER, 340_000), due(BUYER, 170_000), due(TRADER, 50_000)];

  it('outstanding is what the payer owes less what it paid', () => {
    expect(outstandingOf(dues, [paid(BUYER, 100_000), paid(TRADER, 50_000)], BUYER)).toBe(410_000);
  });

  it('refuses a premium payment larger than what is outstanding', () => {
    const input = { producer: PRODUCER, payer: BUYER, reference: 'TT-1', paidOn: '2026-04-01', method: 'bank_transfer', amount: '5100.01', currency: 'USD' };
    expect(() => paymentOf(input, 510_000, { usdCents: 510_001 }, 't', 0)).toThrow(expect.objectContaining({ code: 'ORP_PREMIUM_OVERPAID', details: expect.objectContaining({ outstanding: '5100.00' }) }));
    expect(paymentOf({ ...input, amount: '5100' }, 510_000, { usdCents: 510_000 }, 't', 0).usdCents).toBe(510_000);
  });

  it('refuses an unknown payment method', () => {
    expect(() => paymentOf({ producer: PRODUCER, payer: BUYER, reference: 'x', paidOn: '2026-04-01', method: 'gold', amount: '1', currency: 'USD' }, 100, { usdCents: 100 }, 't', 0)).toThrow(
      expect.objectContaining({ code: 'ORP_BAD_INPUT' }),
    );
  });
});

describe('the premium statement', () => {
  it('gives due, paid and outstanding per buyer and in total, and counts purchases not evaluated', () => {
    const s = premiumStatement({ producer: PRODUCER, view: 'producer', dues: [due(BUYER, 340_000), due(BUYER, undefined)], payments: [paid(BUYER, 100_000)], plans: [plan], projects: [project], spending: [] });
    expect(s).toMatchObject({ dueCents: 340_000, paidCents: 100_000, outstandingCents: 240_000, investment: { receivedCents: 100_000, spentCents: 0, unspentCents: 100_000 } });
    expect(s.buyers).toEqual([{ buyer: BUYER, purchases: 2, notEvaluated: 1, dueCents: 340_000, paidCents: 100_000, outstandingCents: 240_000 }]);
    expect(s.plans[0]!.projects[0]).toMatchObject({ spentCents: 0, remainingCents: 1_000_000 });
  });

  it('lists purchases below the minimum and purchases not evaluated as findings', () => {
    const f = findingsOf([due(BUYER, 1, { belowMinimum: true, minimumCents: 10, paidCents: 5 }), due(BUYER, undefined), due(BUYER, 2)]);
    expect(f.map((x) => x.kind)).toEqual(['below_minimum', 'not_evaluated']);
  });

  it('shows a buyer neither the plan nor the spending', () => {
    const s = premiumStatement({ producer: PRODUCER, view: 'buyer', dues: [due(BUYER, 1)], payments: [], plans: [plan], projects: [project] });
    expect(s.plans).toEqual([]);
    expect(s.investment).toBeUndefined();
  });
});

describe('exchange rates', () => {
  const r = (date: string, usdPerUnit = '0.0004') => ({ currency: 'CDF', date, usdPerUnit, source: 'BCC' });

  it('uses the rate of the day, else the latest earlier one within the maximum age, never a later one', () => {
    expect(rateOn([r('2026-03-01'), r('2026-03-02', '0.0005'), r('2026-03-03')], 'CDF', '2026-03-02', 7)?.usdPerUnit).toBe('0.0005');
    expect(rateOn([r('2026-02-23'), r('2026-03-03')], 'CDF', '2026-03-02', 7)?.date).toBe('2026-02-23');
    expect(rateOn([r('2026-02-22'), r('2026-03-03')], 'CDF', '2026-03-02', 7)).toBeUndefined();
  });

  it('converts exactly and rounds once to the cent', () => {
    expect(usdCents('1234567', 'CDF', r('2026-03-02', '0.000357'))).toBe(44_074);
    expect(usdCents('10.005', 'USD', undefined)).toBe(1_001);
  });
});
