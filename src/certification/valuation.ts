import { MG_PER_TROY_OUNCE, formatScaled, parseDecimal, roundHalfUp, type Decimal, type Milligrams } from '../kernel/index.js';

/*
 * Exact valuation of fine metal at a price per troy ounce: integer milligrams and decimal prices as
 * BigInt fractions, rounded once, to the cent, half up. Shared by quotes and settlement statements.
 */

/** Troy ounce in milligrams as an exact decimal (31103.4768 mg, GOLD-RULES s.2). */
const TROY_OUNCE: Decimal = parseDecimal(String(MG_PER_TROY_OUNCE), 'troy ounce');

/** Cents of `shareNum/shareDen` of the value of `mg` at `price` per troy ounce, computed exactly then rounded half up. */
export function valueCents(mg: Milligrams, price: Decimal, shareNum = 1n, shareDen = 1n): bigint {
  const num = BigInt(mg) * 10n ** BigInt(TROY_OUNCE.scale) * price.units * 100n * shareNum;
  const den = TROY_OUNCE.units * 10n ** BigInt(price.scale) * shareDen;
  return roundHalfUp(num, den);
}

/** Cents of a rate per troy ounce (a charge per payable ounce) on `mg`, exact then half up. */
export const perOunceCents = (mg: Milligrams, rate: Decimal): bigint => valueCents(mg, rate);

/** Troy ounces in `mg`, three decimals, half up ("732.667"). */
export function troyOunces(mg: Milligrams): string {
  return formatScaled(roundHalfUp(BigInt(mg) * 10n ** BigInt(TROY_OUNCE.scale) * 1000n, TROY_OUNCE.units), 3);
}
