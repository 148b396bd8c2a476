import { describe, expect, it } from 'vitest';
import { settle, type SettlementInput } from './settlement.js';

const lbma = { kind: 'pm_fixing' as const, date: '2026-05-04', value: '2000', currency: 'USD', source: 'test: LBMA Gold Price PM' };

/** GOLD-RULES s.2 worked example: 24.96 kg of doré at 91.3 %, 99 % payable. */
const delivery: SettlementInput = { netMeltMg: 24_960_000, fineness: 9130, assay: { basis: 'mean' }, payablePercent: '99', price: lbma, charges: [] };

describe('settlement statement (GOLD-RULES s.2)', () => {
  it('settles the worked example: 24.96 kg at 91.3 % is 22.79 kg fine (732.7 ozt), 22.56 kg payable at 99 %', () => {
    const s = settle(delivery);
    expect(s.fineGoldGrams).toBe('22788.480');
    expect(s.fineGoldTroyOunces).toBe('732.667');
    expect(s.payableGoldGrams).toBe('22560.595');
    expect(s.payableTroyOunces).toBe('725.340');
    expect(s.goldValue).toBe('1450679.94');
    expect(s.amountDue).toBe('1450679.94');
    expect(s.benchmark).toEqual({ kind: 'pm_fixing', date: '2026-05-04', usdPerTroyOz: '2000', source: 'test: LBMA Gold Price PM' });
  });

  it('deducts refining, treatment and assay charges, flat or per payable troy ounce, and adds the silver credit', () => {
    const s = settle({
      ...delivery,
      charges: [
        { kind: 'refining', perPayableTroyOunce: '0.50' },
        { kind: 'treatment', amount: '250' },
        { kind: 'assay', amount: '120.00', description: 'fire assay, two samples' },
      ],
      silverCredit: { fineness: 800, payablePercent: '90', price: { kind: 'pm_fixing', date: '2026-05-04', value: '25', currency: 'USD', source: 'test: LBMA Silver Price' } },
    });
    expect(s.charges.map((c) => c.amount)).toEqual(['-362.67', '-250.00', '-120.00']);
    expect(s.totalCharges).toBe('732.67');
    expect(s.silverCredit).toMatchObject({ fineSilverGrams: '1996.800', payableSilverGrams: '1797.120', amount: '1444.47' });
    // 1,450,679.94 - 732.67 + 1,444.47
    expect(s.amountDue).toBe('1451391.74');
  });

  it('never pays more fine gold than was delivered: masses round down to the milligram', () => {
    const s = settle({ ...delivery, netMeltMg: 1001, fineness: 9999, payablePercent: '99.5' });
    expect(s.fineGoldGrams).toBe('1.000');
    expect(s.payableGoldGrams).toBe('0.995');
  });

  it('refuses unusable input', () => {
    expect(() => settle({ ...delivery, payablePercent: '101' })).toThrowError(/100 %/);
    expect(() => settle({ ...delivery, netMeltMg: 0 })).toThrowError(/positive/);
    expect(() => settle({ ...delivery, charges: [{ kind: 'refining', amount: '1.005' }] })).toThrowError(/decimals/);
    expect(() => settle({ ...delivery, silverCredit: { fineness: 1000, payablePercent: '90', price: lbma } })).toThrowError(/1000 per-mille/);
  });
});
