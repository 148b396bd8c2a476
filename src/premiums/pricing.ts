import { applicablePrice, type CertificationRules } from '../certification/index.js';
import type { PartyUri } from '../custody/index.js';
import { daysBefore, rateOn } from './fx.js';
import type { PricingFacts, PricingFactsQuery } from './store.js';
import { DEFAULT_BELOW_MINIMUM_POLICY } from './types.js';
import type { PricingData } from './valuation.js';

/** Largest age of an exchange rate used on a date (rule fx.rate_max_age; 0 when absent: the day's own rate only). */
export function fxMaxAgeDays(rules: CertificationRules, date: string): number {
  const days = (rules.valueOn('fx.rate_max_age', 'default', date)?.value as { days?: unknown } | undefined)?.days;
  return typeof days === 'number' && Number.isInteger(days) && days >= 0 ? days : 0;
}

/** What purchases (or valuations priced again) need asked of the database: their dates, currencies and parties. */
export function pricingQuery(items: readonly { date: string; currency: string; seller?: PartyUri; buyer?: PartyUri }[], rules: CertificationRules): PricingFactsQuery {
  const dates = [...new Set(items.map((i) => i.date))].sort();
  const first = dates[0];
  const last = dates.at(-1);
  // Rates as old as the rule allows for the earliest date may be the ones that apply.
  const oldest = first === undefined ? undefined : daysBefore(first, Math.max(0, ...dates.map((d) => fxMaxAgeDays(rules, d))));
  const currencies = [...new Set(items.map((i) => i.currency))].filter((c) => c !== 'USD');
  return {
    dates,
    sellers: [...new Set(items.flatMap((i) => (i.seller ? [i.seller] : [])))],
    buyers: [...new Set(items.flatMap((i) => (i.buyer ? [i.buyer] : [])))],
    currencies: oldest === undefined || last === undefined ? [] : currencies.map((currency) => ({ currency, from: oldest, to: last })),
  };
}

/** The pricing data over facts loaded for a batch: lookups only, no I/O. */
export function pricingDataFrom(facts: PricingFacts, rules: CertificationRules): PricingData {
  return {
    rules,
    benchmark: (metal, date) => {
      const lookback = rules.fixingLookback(metal, date);
      return applicablePrice(metal, date, (metal === 'gold' && facts.benchmarks.get(date)) || {}, lookback ? { maxDays: lookback.value.maxDays, rule: lookback.version } : undefined);
    },
    fxRate: (currency, date) => rateOn(facts.fxRates, currency, date, fxMaxAgeDays(rules, date)),
    producerOf: (seller) => facts.producers.get(seller),
    policyOf: (buyer) => facts.policies.get(buyer) ?? DEFAULT_BELOW_MINIMUM_POLICY,
  };
}
