import { badInput } from './errors.js';

/**
 * Money as integer minor units (cents of USD), never binary floats. A JS number holds cents exactly
 * up to 9e15 (90 trillion USD); intermediate products of mass, price and percentage are computed as
 * exact fractions of BigInts and rounded once, at the end.
 */
export type Cents = number;

/** An exact non-negative decimal: value = units / 10^scale. */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Parses a non-negative decimal ("2034.55", 2000) exactly; `maxScale` bounds the decimals accepted. */
export function parseDecimal(value: string | number, field: string, maxScale = 9): Decimal {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = DECIMAL.exec(text);
  if (!m) throw badInput(`${field} must be a non-negative decimal number, got "${value}"`, { field, value });
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > maxScale) throw badInput(`${field} has more than ${maxScale} decimals: "${value}"`, { field, value });
  return { units: BigInt(m[1]! + frac), scale: frac.length };
}

/** Parses an amount of money with at most two decimals ("1700", "8198.43") into cents. */
export function parseMoney(value: string | number, field = 'amount'): Cents {
  const d = parseDecimal(value, field, 2);
  const cents = d.units * 10n ** BigInt(2 - d.scale);
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) throw badInput(`${field} is too large: "${value}"`, { field, value });
  return Number(cents);
}

/** Cents as a decimal string with exactly two decimals ("51923.40", "-3.05"). */
export function formatMoney(cents: Cents | bigint): string {
  return formatScaled(BigInt(cents), 2);
}

/** An integer count of 10^-scale units as a decimal string with exactly `scale` decimals (formatScaled(7327n, 1) = "732.7"). */
export function formatScaled(units: bigint, scale: number): string {
  const sign = units < 0n ? '-' : '';
  const abs = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  return scale === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -scale)}.${abs.slice(-scale)}`;
}

/** A decimal as text without trailing zeros ("2000", "2034.5"). */
export function formatDecimal(d: Decimal): string {
  return d.scale === 0 ? d.units.toString() : formatScaled(d.units, d.scale).replace(/0+$/, '').replace(/\.$/, '');
}

/** num / den rounded half away from zero (den > 0): the commercial rounding of an exact amount to the cent. */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError('denominator must be positive');
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const q = (abs * 2n + den) / (den * 2n);
  return neg ? -q : q;
}

/** Safe conversion of a BigInt amount of cents to a JS number (throws beyond 9e15). */
export function centsFromBigInt(c: bigint, field = 'amount'): Cents {
  if (c > BigInt(Number.MAX_SAFE_INTEGER) || c < -BigInt(Number.MAX_SAFE_INTEGER)) throw badInput(`${field} is too large`, { field });
  return Number(c);
}
