import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OrpailleError } from '../kernel/index.js';
import { quotePrice } from './quote.js';
import { certificationRulesFrom, type RuleVersion } from './rules.js';

/** The rule versions shipped in rules/certification.json (the numbers under test are data, not code). */
const shipped = (JSON.parse(readFileSync(new URL('../../rules/certification.json', import.meta.url), 'utf8')) as { values: RuleVersion[] }).values;
const rules = certificationRulesFrom(shipped);

/** 1,000 g of doré at 850.0 fine, LBMA 2,000 USD/oz (the worked numbers). */
const dore = { grossMg: 1_000_000, fineness: 8500, benchmarkUsdPerOz: '2000', date: '2026-05-04' };

describe('price quote (GOLD-RULES s.4 worked numbers)', () => {
  it('computes fine grams and the 95 % minimum price on the fine content', () => {
    const q = quotePrice({ ...dore, scheme: 'fairtrade' }, rules);
    expect(q.fineGrams).toBe('850.000');
    expect(q.fineTroyOunces).toBe('27.328');
    expect(q.benchmarkValue).toBe('54656.27');
    expect(q.minimumPrice).toBe('51923.46');
    expect(q.rules.minimumPrice).toMatchObject({ rule: 'certification.minimum_price', key: 'fairtrade:gold', confidence: 'likely' });
  });

  it.each([
    ['fairtrade', '1700.00'],
    ['fairmined', '3400.00'],
    ['fairmined-eco', '5100.00'],
    ['fairtrade-eco', '8198.44'],
  ] as const)('computes the %s premium due: %s USD', (scheme, premium) => {
    const q = quotePrice({ ...dore, scheme }, rules);
    expect(q.premium).toBe(premium);
    expect(q.minimumPrice).toBe('51923.46');
  });

  it('applies the old Fairtrade premium (10 % of LBMA) to a purchase before 1 August 2013, from the rule table', () => {
    const old = quotePrice({ ...dore, scheme: 'fairtrade', date: '2013-07-31' }, rules);
    expect(old.premium).toBe('5465.63');
    expect(old.rules.premium).toMatchObject({ effectiveFrom: '2011-02-14', effectiveTo: '2013-08-01' });
    const next = quotePrice({ ...dore, scheme: 'fairtrade', date: '2013-08-01' }, rules);
    expect(next.premium).toBe('1700.00');
    expect(next.rules.premium.effectiveFrom).toBe('2013-08-01');
  });

  it('takes next year\'s premium from a new rule version while older purchases keep the old one', () => {
    const current = shipped.find((v) => v.rule === 'certification.premium' && v.key === 'fairtrade:gold' && !v.effectiveTo)!;
    const amended: RuleVersion[] = [
      ...shipped.filter((v) => v !== current),
      { ...current, effectiveTo: '2027-01-01' },
      { ...current, effectiveFrom: '2027-01-01', value: { perKgFine: { amount: '2500', currency: 'USD' } }, source: 'test: a new standard version' },
    ];
    const r = certificationRulesFrom(amended);
    expect(quotePrice({ ...dore, scheme: 'fairtrade', date: '2026-12-31' }, r).premium).toBe('1700.00');
    expect(quotePrice({ ...dore, scheme: 'fairtrade', date: '2027-01-01' }, r).premium).toBe('2125.00');
  });

  it('quotes silver against its own benchmark with the Fairtrade silver premium', () => {
    // 100 g at 999.0 = 99.9 g fine; 25 USD/oz: 80.30 USD value, 10 % premium 8.03.
    const q = quotePrice({ scheme: 'fairtrade', metal: 'silver', grossMg: 100_000, fineness: 9990, benchmarkUsdPerOz: '25', date: '2026-05-04' }, rules);
    expect(q.fineGrams).toBe('99.900');
    expect(q.premium).toBe('8.03');
  });

  it('refuses a quote for which no rule is in force, naming the missing rule', () => {
    expect(() => quotePrice({ ...dore, scheme: 'fairmined', metal: 'silver' }, rules)).toThrowError(OrpailleError);
    try {
      quotePrice({ ...dore, scheme: 'fairtrade', date: '2010-01-01' }, rules);
      expect.unreachable();
    } catch (e) {
      expect((e as OrpailleError).code).toBe('ORP_NO_RULE');
      expect((e as OrpailleError).details).toMatchObject({ rule: 'certification.minimum_price', key: 'fairtrade:gold' });
    }
  });

  it('rounds to the cent half up from the exact amount, and rounds the fine mass down to the milligram', () => {
    // 1.001 g at 999.9 = 1.0009 g -> 1.000 g fine (never more gold than was there); 4000 USD/kg -> 4.00 USD.
    const q = quotePrice({ scheme: 'fairmined', grossMg: 1001, fineness: 9999, benchmarkUsdPerOz: '2000', date: '2026-05-04' }, rules);
    expect(q.fineGrams).toBe('1.000');
    expect(q.premium).toBe('4.00');
    // At 1,000 USD/kg, 25 mg fine is worth exactly 2.5 cents: half up gives 0.03.
    const r = certificationRulesFrom([
      ...shipped.filter((v) => !(v.rule === 'certification.premium' && v.key === 'fairmined:gold')),
      { rule: 'certification.premium', key: 'fairmined:gold', effectiveFrom: '2020-01-01', value: { perKgFine: { amount: '1000', currency: 'USD' } }, source: 'test', confidence: 'assumed' },
    ]);
    expect(quotePrice({ scheme: 'fairmined', grossMg: 25, fineness: 10000, benchmarkUsdPerOz: '2000', date: '2026-05-04' }, r).premium).toBe('0.03');
    expect(quotePrice({ scheme: 'fairmined', grossMg: 24, fineness: 10000, benchmarkUsdPerOz: '2000', date: '2026-05-04' }, r).premium).toBe('0.02');
  });

  it('rejects bad input without computing', () => {
    expect(() => quotePrice({ ...dore, scheme: 'fairtrade', benchmarkUsdPerOz: '-1' }, rules)).toThrowError(/benchmark price/);
    expect(() => quotePrice({ ...dore, scheme: 'fairtrade', benchmarkUsdPerOz: '0' }, rules)).toThrowError(/positive/);
    expect(() => quotePrice({ ...dore, scheme: 'fairtrade', date: '4 May' }, rules)).toThrowError(/ISO 8601/);
  });
});

describe('certification rules on a date', () => {
  it('answers every dated number of GOLD-RULES s.2 and s.4 from the shipped table', () => {
    const d = '2026-05-04';
    expect(rules.splittingLimit('gold', d)?.value).toEqual({ maxDifference: 5 });
    expect(rules.umpire('gold', d)?.value).toEqual({ final: 'umpire' });
    expect(rules.umpire('gold', d)?.version.confidence).toBe('assumed');
    expect(rules.trialPeriod('fairmined', d)?.value).toEqual({ maxConsignments: 4 });
    expect(rules.prefinanceCostCap('fairmined', d)?.value).toEqual({ plus: ['bank_lending_rate', 'credit_insurance'], marginBasisPointsPerYear: 100 });
    expect(rules.creditExpiry('fairmined', d)?.value).toEqual({ months: 12 });
    expect(rules.creditExpiry('fairtrade', d)?.version.confidence).toBe('assumed');
    expect(rules.icglrStatusPeriod('green', d)?.value).toEqual({ months: 12, limit: 'validity', then: 'blue' });
    expect(rules.icglrStatusPeriod('blue', d)?.value).toEqual({ months: 36, limit: 'maximum', then: 'red' });
    expect(rules.icglrStatusPeriod('yellow', d)?.value).toEqual({ months: 3, limit: 'remedy' });
    expect(rules.icglrStatusPeriod('red', d)?.value).toEqual({ months: 6, limit: 'minimum' });
    expect(rules.exportCertificateValidity(d)?.value).toEqual({ maxDays: 90 });
    expect(rules.premium('fairmined-eco', 'gold', d)?.value).toEqual({ kind: 'perKgFine', amount: '6000', currency: 'USD' });
    expect(rules.premium('fairtrade-eco', 'platinum', d)?.value).toEqual({ kind: 'permilleOfBenchmark', permille: 150 });
  });

  it('gives every shipped value a source and a confidence tag', () => {
    for (const v of shipped) {
      expect(v.source.length, `${v.rule} ${v.key}`).toBeGreaterThan(10);
      expect(['firm', 'likely', 'assumed']).toContain(v.confidence);
    }
  });

  it('refuses a malformed stored value with ORP_NO_RULE naming its version', () => {
    const bad = certificationRulesFrom([{ rule: 'certification.premium', key: 'fairtrade:gold', effectiveFrom: '2020-01-01', value: { perKgFine: { amount: 'lots' } }, source: 'test', confidence: 'assumed' }]);
    expect(() => bad.premium('fairtrade', 'gold', '2021-01-01')).toThrowError(/malformed/);
  });
});
