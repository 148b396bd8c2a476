import { describe, expect, it } from 'vitest';
import { applicablePrice, readPriceFile, type BenchmarkPrice } from './lbma.js';

const opts = { metal: 'gold' as const, currency: 'USD', source: 'test: LBMA' };
const fixing = (date: string, am?: string, pm?: string): BenchmarkPrice => ({ metal: 'gold', kind: 'fixing', date, ...(am ? { am } : {}), ...(pm ? { pm } : {}), currency: 'USD', source: 'LBMA' });
const monthly: BenchmarkPrice = { metal: 'gold', kind: 'monthly_average', date: '2026-05-01', average: '4587', currency: 'USD', source: 'World Bank' };
const week = { maxDays: 7, rule: { rule: 'prices.fixing_lookback', key: 'gold', effectiveFrom: '2000-01-01', source: 'test', confidence: 'assumed' as const } };

describe('which benchmark price applies to a transaction', () => {
  it('uses the PM price of the transaction date and says so', () => {
    expect(applicablePrice('gold', '2026-05-04', { latestFixing: fixing('2026-05-04', '2010.10', '2012.25'), monthlyAverage: monthly }, week)).toMatchObject({
      kind: 'pm_fixing', date: '2026-05-04', fixing: 'pm', value: '2012.25', source: 'LBMA',
    });
  });

  it('uses the AM price when that date had no PM auction', () => {
    expect(applicablePrice('gold', '2026-12-24', { latestFixing: fixing('2026-12-24', '2100.5') }, week)).toMatchObject({ kind: 'am_fixing', fixing: 'am', value: '2100.5' });
  });

  it('uses the latest earlier fixing on a day without one (a Sunday), naming its date and the lookback rule', () => {
    const p = applicablePrice('gold', '2026-05-03', { latestFixing: fixing('2026-05-01', '2000', '2001'), monthlyAverage: monthly }, week);
    expect(p).toMatchObject({ kind: 'earlier_fixing', date: '2026-05-01', value: '2001', requestedDate: '2026-05-03' });
    expect(p?.rule?.rule).toBe('prices.fixing_lookback');
  });

  it('falls back to the month\'s average when no fixing is recent enough', () => {
    expect(applicablePrice('gold', '2026-05-20', { latestFixing: fixing('2026-05-01', undefined, '2001'), monthlyAverage: monthly }, week)).toMatchObject({
      kind: 'monthly_average', date: '2026-05-01', value: '4587', source: 'World Bank',
    });
  });

  it('finds nothing when there is neither a fixing nor the month\'s average', () => {
    expect(applicablePrice('gold', '2026-07-02', {}, week)).toBeUndefined();
  });
});

describe('reading a price file', () => {
  it('reads LBMA daily fixings with date, AM and PM (either may be empty on a day)', () => {
    const f = readPriceFile('date,USD (AM),USD (PM)\n2026-05-04,2010.10,2012.25\n2026-12-24,2100.50,\n', opts);
    expect(f.problems).toEqual([]);
    expect(f.format).toBe('daily');
    expect(f.prices).toEqual([
      { metal: 'gold', kind: 'fixing', date: '2026-05-04', am: '2010.1', pm: '2012.25', currency: 'USD', source: 'test: LBMA' },
      { metal: 'gold', kind: 'fixing', date: '2026-12-24', am: '2100.5', currency: 'USD', source: 'test: LBMA' },
    ]);
  });

  it('reads the monthly series (Date as YYYY-MM, Price)', () => {
    const f = readPriceFile('Date,Price\n2026-05,4587.000\n2026-06,4228.000\n', opts);
    expect(f.format).toBe('monthly');
    expect(f.prices[0]).toEqual({ metal: 'gold', kind: 'monthly_average', date: '2026-05-01', average: '4587', currency: 'USD', source: 'test: LBMA' });
  });

  it('reports every bad line with its number', () => {
    const f = readPriceFile('date,am,pm\n2026-05-04,2010,2012\n04/05/2026,2010,2012\n2026-05-05,"2,010.00",2012\n2026-05-06,,\n2026-05-04,1,2\n2026-05-07,0,2\n', opts);
    expect(f.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7]);
    expect(f.problems[0]!.message).toMatch(/YYYY-MM-DD/);
    expect(f.problems[1]!.message).toMatch(/thousands separator/);
    expect(f.problems[2]!.message).toMatch(/both AM and PM are empty/);
    expect(f.problems[3]!.message).toMatch(/already on line 2/);
    expect(f.problems[4]!.message).toMatch(/positive/);
  });

  it('refuses a file without the expected header', () => {
    expect(readPriceFile('', opts).problems[0]).toMatchObject({ line: 1 });
    expect(readPriceFile('day,price usd\n2026-05-04,1\n', opts).problems[0]!.message).toMatch(/header must name/);
    expect(readPriceFile('date,am,pm\n', opts).problems[0]!.message).toMatch(/no prices/);
  });
});
