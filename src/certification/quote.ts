import { OrpailleError, badInput, fineGoldMg, formatFineness, formatGrams, formatMoney, parseDecimal, roundHalfUp, type Fineness, type Milligrams } from '../kernel/index.js';
import { troyOunces, valueCents } from './valuation.js';
import { requireRule, ruleDay, type CertificationRules, type Metal, type PriceScheme, type RuleRef } from './rules.js';

/*
 * What a certified purchase owes the producer at a benchmark price: the minimum price (a share of the
 * benchmark value of the fine content) and the premium on top (per kilogram fine, or a share of the
 * benchmark value), both from the rule versions in force on the purchase date.
 *
 * Rounding: every amount is computed exactly from the integer milligrams of fine metal and the decimal
 * benchmark price (BigInt fractions, no binary floats), then rounded once to the cent, half up. Fine
 * metal is gross x fineness rounded down to the milligram (never more gold than was there).
 */

export const QUOTE_ROUNDING = 'each amount computed exactly from the fine milligrams and the benchmark price, then rounded to the cent, half up; fine mass rounded down to the milligram';

export interface QuoteRequest {
  scheme: PriceScheme;
  /** Default gold. */
  metal?: Metal;
  grossMg: Milligrams;
  fineness: Fineness;
  /** Benchmark price (LBMA for gold) in USD per troy ounce, as a decimal string. */
  benchmarkUsdPerOz: string;
  /** Purchase date (ISO 8601): decides which rule versions apply. */
  date: string;
}

export interface PriceQuote {
  scheme: PriceScheme;
  metal: Metal;
  date: string;
  grossGrams: string;
  /** Per-mille with one decimal ("850.0"). */
  fineness: string;
  fineMg: Milligrams;
  fineGrams: string;
  /** Troy ounces of fine metal, three decimals (rounded half up). */
  fineTroyOunces: string;
  currency: 'USD';
  benchmarkUsdPerOz: string;
  /** Fine content at the full benchmark price. */
  benchmarkValue: string;
  minimumPrice: string;
  premium: string;
  /** The rule versions used. */
  rules: { minimumPrice: RuleRef; premium: RuleRef };
  rounding: string;
}

/**
 * Minimum price and premium due on a purchase of certified metal, with the rule versions used.
 * Throws ORP_NO_RULE when the scheme has no minimum price or premium for the metal on the date, and
 * ORP_BAD_INPUT for a premium in another currency than the benchmark.
 */
export function quotePrice(req: QuoteRequest, rules: CertificationRules): PriceQuote {
  const metal = req.metal ?? 'gold';
  const day = ruleDay(req.date);
  if (!Number.isSafeInteger(req.grossMg) || req.grossMg < 0) throw badInput('gross mass must be a non-negative number of milligrams', { grossMg: req.grossMg });
  if (!Number.isInteger(req.fineness) || req.fineness < 0 || req.fineness > 10000) throw badInput('fineness must lie between 0 and 1000 per mille', { fineness: req.fineness });
  const price = parseDecimal(req.benchmarkUsdPerOz, 'benchmark price');
  if (price.units === 0n) throw badInput('the benchmark price must be positive', { benchmarkUsdPerOz: req.benchmarkUsdPerOz });
  const key = `${req.scheme}:${metal}`;
  const minimum = requireRule(rules.minimumPrice(req.scheme, metal, day), 'certification.minimum_price', key, day);
  const premium = requireRule(rules.premium(req.scheme, metal, day), 'certification.premium', key, day);

  const fineMg = fineGoldMg(req.grossMg, req.fineness);
  const p = premium.value;
  let premiumCents: bigint;
  if (p.kind === 'perKgFine') {
    if (p.currency !== 'USD') {
      throw new OrpailleError('ORP_BAD_INPUT', `the ${key} premium is in ${p.currency}; the benchmark is in USD`, { ...premium.version });
    }
    const amount = parseDecimal(p.amount, 'premium amount');
    premiumCents = roundHalfUp(BigInt(fineMg) * amount.units * 100n, 1_000_000n * 10n ** BigInt(amount.scale));
  } else {
    premiumCents = valueCents(fineMg, price, BigInt(p.permille), 1000n);
  }

  return {
    scheme: req.scheme,
    metal,
    date: day,
    grossGrams: formatGrams(req.grossMg),
    fineness: formatFineness(req.fineness),
    fineMg,
    fineGrams: formatGrams(fineMg),
    fineTroyOunces: troyOunces(fineMg),
    currency: 'USD',
    benchmarkUsdPerOz: req.benchmarkUsdPerOz.trim(),
    benchmarkValue: formatMoney(valueCents(fineMg, price, 1n, 1n)),
    minimumPrice: formatMoney(valueCents(fineMg, price, BigInt(minimum.value.permilleOfBenchmark), 1000n)),
    premium: formatMoney(premiumCents),
    rules: { minimumPrice: minimum.version, premium: premium.version },
    rounding: QUOTE_ROUNDING,
  };
}
