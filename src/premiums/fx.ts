import { OrpailleError, isCurrencyCode, parseDecimal, roundHalfUp, centsFromBigInt, type Cents } from '../kernel/index.js';
import type { FxRate } from './types.js';

const DAY_MS = 86_400_000;

/** Checks a rate before it is stored: ISO 4217 currency other than USD, ISO date, positive decimal, a source. */
export function checkFxRate(r: FxRate): FxRate {
  const currency = r.currency.trim().toUpperCase();
  if (!isCurrencyCode(currency)) throw new OrpailleError('ORP_BAD_INPUT', `currency "${r.currency}" is not an ISO 4217 code`, { currency: r.currency });
  if (currency === 'USD') throw new OrpailleError('ORP_BAD_INPUT', 'amounts in USD need no exchange rate', { currency });
  isoDay(r.date, 'date');
  const rate = parseDecimal(r.usdPerUnit, 'rate');
  if (rate.units === 0n) throw new OrpailleError('ORP_BAD_INPUT', 'an exchange rate must be positive', { usdPerUnit: r.usdPerUnit });
  if (r.source.trim() === '') throw new OrpailleError('ORP_BAD_INPUT', 'say where the rate comes from (source)', {});
  return { currency, date: r.date, usdPerUnit: r.usdPerUnit.trim(), source: r.source.trim() };
}

/** A calendar date YYYY-MM-DD that exists, or ORP_BAD_INPUT naming the field. */
export function isoDay(text: string, field: string): string {
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
  if (!ok) throw new OrpailleError('ORP_BAD_INPUT', `${field} must be a date YYYY-MM-DD, got "${text}"`, { field, value: text });
  return text;
}

/** The calendar date `days` before `date`. */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The rate that applies on `date`: the rate of that day, else the latest earlier one no older than
 * `maxAgeDays` (central banks publish on business days only). `rates` may hold any currencies and dates.
 */
export function rateOn(rates: readonly FxRate[], currency: string, date: string, maxAgeDays: number): FxRate | undefined {
  const oldest = daysBefore(date, maxAgeDays);
  let best: FxRate | undefined;
  for (const r of rates) {
    if (r.currency !== currency || r.date > date || r.date < oldest) continue;
    if (!best || r.date > best.date) best = r;
  }
  return best;
}

/**
 * An amount (decimal string) in USD cents: exact product with the rate, rounded once to the cent, half up.
 * USD amounts need no rate; any other currency needs one.
 */
export function usdCents(amount: string, currency: string, rate: FxRate | undefined): Cents {
  const a = parseDecimal(amount, 'amount');
  if (currency === 'USD') return centsFromBigInt(roundHalfUp(a.units * 100n, 10n ** BigInt(a.scale)));
  if (!rate || rate.currency !== currency) throw new OrpailleError('ORP_NO_FX_RATE', `no rate for ${currency}`, { currency });
  const r = parseDecimal(rate.usdPerUnit, 'rate');
  return centsFromBigInt(roundHalfUp(a.units * r.units * 100n, 10n ** BigInt(a.scale + r.scale)));
}
