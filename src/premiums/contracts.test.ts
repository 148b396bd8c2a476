import { describe, expect, it } from 'vitest';
import { contractTerms, deliveryOf, endTrial, failedDeliveryOf, prefinanceOutstanding, type Contract, type ContractInput, type Delivery } from './contracts.js';
import { BUYER, PRODUCER, shippedRules } from '../../test/premiums/fixtures.js';

const rules = shippedRules();
const input = (over: Partial<ContractInput> = {}): ContractInput => ({ reference: 'JG-2026-01', buyer: BUYER, seller: PRODUCER, scheme: 'fairmined', startsOn: '2026-03-01', ...over });
const financed = (financingCostPercent: string, over: Partial<ContractInput> = {}) =>
  input({
    prefinance: '20000',
    inventoryFinancing: '5000',
    financingCostPercent,
    costComponents: { bank_lending_rate: { percent: '5.50', source: 'ECB MFI lending rate' }, credit_insurance: { percent: '0.75' } },
    ...over,
  });
const contract = (over: Partial<ContractInput> = {}): Contract => ({ id: 'ctr_1', ...contractTerms(input(over), rules, 'test', 0) });

/** Records deliveries one after the other, as the store would. */
function deliver(c: Contract, ...values: [string, string][]): Delivery[] {
  const done: Delivery[] = [];
  for (const [deliveredOn, value] of values) done.push({ id: `d${done.length}`, createdAt: 0, ...deliveryOf(c, done, { deliveredOn, fineGrams: '100', value }, rules) });
  return done;
}

describe('trial period of a new trading relationship', () => {
  it('takes the scheme limit by default: 4 consignments under Fairmined, with the rule version', () => {
    expect(contract()).toMatchObject({ trialConsignments: 4, trialRule: { rule: 'trading.trial_period', key: 'fairmined' } });
  });

  it('refuses a Fairmined trial period of more than 4 consignments', () => {
    expect(() => contract({ trialConsignments: 5 })).toThrow(expect.objectContaining({ code: 'ORP_TRIAL_LIMIT_EXCEEDED', details: expect.objectContaining({ max: 4, asked: 5 }) }));
  });

  it('applies the Fairmined terms to Fairmined Ecological gold', () => {
    expect(() => contract({ scheme: 'fairmined-eco', trialConsignments: 5 })).toThrow(expect.objectContaining({ code: 'ORP_TRIAL_LIMIT_EXCEEDED' }));
  });

  it('refuses a 5th trial consignment', () => {
    const c = contract();
    const four = deliver(c, ['2026-03-02', '1'], ['2026-03-09', '1'], ['2026-03-16', '1'], ['2026-03-23', '1']);
    expect(four.every((d) => d.trial)).toBe(true);
    expect(() => deliveryOf(c, four, { deliveredOn: '2026-03-30', fineGrams: '100', value: '1' }, rules)).toThrow(
      expect.objectContaining({ code: 'ORP_TRIAL_LIMIT_EXCEEDED', details: expect.objectContaining({ used: 4, limit: 4 }) }),
    );
  });

  it('refuses a trial consignment beyond the number the parties agreed, below the limit', () => {
    const c = contract({ trialConsignments: 2 });
    const two = deliver(c, ['2026-03-02', '1'], ['2026-03-09', '1']);
    expect(() => deliveryOf(c, two, { deliveredOn: '2026-03-16', fineGrams: '100', value: '1' }, rules)).toThrow(expect.objectContaining({ code: 'ORP_TRIAL_LIMIT_EXCEEDED' }));
  });

  it('takes regular consignments once the trial period has ended', () => {
    const c = contract();
    const four = deliver(c, ['2026-03-02', '1'], ['2026-03-09', '1'], ['2026-03-16', '1'], ['2026-03-23', '1']);
    const ended = { ...c, trialEndedOn: endTrial(c, '2026-03-25') };
    expect(deliveryOf(ended, four, { deliveredOn: '2026-03-30', fineGrams: '100', value: '1' }, rules).trial).toBe(false);
  });

  it('ends a trial period once only, and only one that exists', () => {
    expect(() => endTrial({ ...contract(), trialEndedOn: '2026-03-10' }, '2026-03-20')).toThrow(expect.objectContaining({ code: 'ORP_ALREADY_RECORDED' }));
    expect(() => endTrial(contract({ trialConsignments: 0 }), '2026-03-20')).toThrow(expect.objectContaining({ code: 'ORP_BAD_INPUT' }));
  });

  it('refuses a delivery before the contract starts', () => {
    expect(() => deliveryOf(contract(), [], { deliveredOn: '2026-02-28', fineGrams: '1', value: '1' }, rules)).toThrow(expect.objectContaining({ code: 'ORP_BAD_INPUT' }));
  });
});

describe('the cost cap of pre-finance and inventory financing', () => {
  it('accepts financing at the cap: bank lending rate + credit insurance + 1 % a year', () => {
    const c = contractTerms(financed('7.25'), rules, 'test', 0);
    expect(c).toMatchObject({ prefinanceCents: 2_000_000, inventoryFinancingCents: 500_000, financingCostBps: 725, costCap: { bps: 725, marginBps: 100, rule: { rule: 'finance.prefinance_cost_cap' } } });
  });

  it('refuses financing costs above the cap, naming the cap and its parts', () => {
    expect(() => contractTerms(financed('7.26'), rules, 'test', 0)).toThrow(
      expect.objectContaining({ code: 'ORP_FINANCING_COST_ABOVE_CAP', details: expect.objectContaining({ financingCostPercent: '7.26', capPercent: '7.25' }) }),
    );
  });

  it('needs every rate the cap is made of', () => {
    expect(() => contractTerms(financed('5', { costComponents: { bank_lending_rate: { percent: '5' } } }), rules, 'test', 0)).toThrow(
      expect.objectContaining({ code: 'ORP_BAD_INPUT', details: expect.objectContaining({ missing: ['credit_insurance'] }) }),
    );
  });

  it('needs the yearly cost of any financing', () => {
    expect(() => contractTerms(input({ prefinance: '1000' }), rules, 'test', 0)).toThrow(expect.objectContaining({ code: 'ORP_BAD_INPUT' }));
  });
});

describe('repayment of pre-finance against deliveries', () => {
  it("each delivery's value repays the pre-finance until none is outstanding", () => {
    const c = { id: 'ctr_2', ...contractTerms(financed('7'), rules, 'test', 0) };
    const done = deliver(c, ['2026-03-02', '12000'], ['2026-03-09', '12000'], ['2026-03-16', '5000']);
    expect(done.map((d) => d.repaidCents)).toEqual([1_200_000, 800_000, 0]);
    expect(prefinanceOutstanding(c, done)).toBe(0);
  });
});

describe('failed-delivery reports', () => {
  it('record the date, the reason and the fine gold short', () => {
    expect(failedDeliveryOf(contract(), { reportedOn: '2026-04-01', reason: 'road to Bunia closed', shortGrams: '250.5' })).toMatchObject({ shortMg: 250_500, reason: 'road to Bunia closed' });
  });

  it('need a reason and a positive shortfall', () => {
    expect(() => failedDeliveryOf(contract(), { reportedOn: '2026-04-01', reason: ' ', shortGrams: '1' })).toThrow(expect.objectContaining({ code: 'ORP_BAD_INPUT' }));
    expect(() => failedDeliveryOf(contract(), { reportedOn: '2026-04-01', reason: 'late', shortGrams: '0' })).toThrow(expect.objectContaining({ code: 'ORP_BAD_INPUT' }));
  });
});
