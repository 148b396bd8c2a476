import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applicablePrice, certificationRulesFrom, type BenchmarkPrice, type CertificationRules, type RuleVersion } from '../../src/certification/index.js';
import type { LotState, PurchaseEvent } from '../../src/custody/index.js';
import { projectRoot } from '../../src/paths.js';
import { rateOn, type FxRate, type PricingData } from '../../src/premiums/index.js';

/*
 * Fixtures of the premiums unit tests (src/premiums/*.test.ts): the shipped rule files, a
 * certified lot, a purchase from a miner, and pricing data over given benchmark prices and rates.
 */

/** The rules shipped in rules/certification.json and rules/premiums.json. */
export function shippedRules(): CertificationRules {
  const values = ['certification.json', 'premiums.json'].flatMap((f) => (JSON.parse(readFileSync(join(projectRoot(), 'rules', f), 'utf8')) as { values: RuleVersion[] }).values);
  return certificationRulesFrom(values);
}

export const PRODUCER = 'https://id.gs1.org/417/6150001000005';
export const MINER = 'https://id.gs1.org/8018/615000100000000015';
export const BUYER = 'https://id.gs1.org/417/6150002000002';
export const TRADER = 'https://id.gs1.org/417/6150003000009';

/** A lot of `grams` at `fineness` per mille under `scheme`, owned by the miner. */
export function certifiedLot(n: string, grams: number, fineness: number, scheme?: string): LotState {
  return {
    lot: `https://id.gs1.org/01/06150002000019/10/${n}`,
    form: 'dore',
    initialMg: grams * 1000,
    heldMg: grams * 1000,
    fineness: fineness * 10,
    custodian: MINER,
    owner: MINER,
    status: 'active',
    cocModel: 'segregated',
    ...(scheme ? { scheme } : {}),
    createdAt: 0,
    lastEventAt: 0,
  };
}

/** The buyer purchases `lots` from the miner for `price` `currency` on 2 March 2026, 10:00 local time (UTC+2). */
export function purchaseOf(lots: LotState[], price: string, currency = 'USD', at = '2026-03-02T08:00:00.000Z'): PurchaseEvent {
  return {
    type: 'purchase',
    eventTime: at,
    eventTimeZoneOffset: '+02:00',
    recorder: BUYER,
    lots: lots.map((l) => l.lot),
    seller: MINER,
    buyer: BUYER,
    purchaseNumber: 'P-1',
    price,
    currency,
    paymentMethod: 'cash',
    custodyTransferred: true,
  };
}

/** The LBMA gold PM fixing of `date` at `usdPerOz`. */
export function lbma(date: string, usdPerOz: string): BenchmarkPrice {
  return { metal: 'gold', kind: 'fixing', date, pm: usdPerOz, currency: 'USD', source: 'test' };
}

/** Pricing data: the applicable price among `prices` (a week's lookback); rates up to a week old; the miner sells for the producer. */
export function pricing(o: { prices?: BenchmarkPrice[]; rates?: FxRate[]; policy?: 'reject' | 'flag'; rules?: CertificationRules } = {}): PricingData {
  const rules = o.rules ?? shippedRules();
  return {
    rules,
    benchmark: (metal, date) => {
      const latestFixing = (o.prices ?? []).filter((p) => p.date <= date).sort((a, b) => b.date.localeCompare(a.date))[0];
      return applicablePrice(metal, date, latestFixing ? { latestFixing } : {}, { maxDays: 7, rule: { rule: 'prices.fixing_lookback', key: metal, effectiveFrom: '2000-01-01', source: 'test', confidence: 'assumed' } });
    },
    fxRate: (currency, date) => rateOn(o.rates ?? [], currency, date, 7),
    producerOf: (seller) => (seller === MINER || seller === PRODUCER ? PRODUCER : undefined),
    policyOf: () => o.policy ?? 'flag',
  };
}
