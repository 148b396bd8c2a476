import { badInput } from './errors.js';

/**
 * Masses are integer milligrams: never binary floats for mass totals (GOLD-RULES s.2).
 * A JS number holds integers exactly up to 9e15 mg (9 million tonnes), far beyond any ledger.
 */
export type Milligrams = number;

/**
 * Fineness in tenths of parts per thousand (9134 = 913.4 = 91.34 %). One decimal of per-mille is
 * what a fire assay resolves (2-3 parts in 10,000) and what bar stamps print (999.9).
 */
export type Fineness = number;

/** Exact, by definition (GOLD-RULES s.2). */
export const MG_PER_TROY_OUNCE = 31103.4768;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Parses a decimal gram string or number ("12.345", 12.345) into milligrams; rejects negatives and sub-milligram precision. */
export function gramsToMg(value: string | number, field = 'mass'): Milligrams {
  const text = typeof value === 'number' ? numberToPlain(value) : value.trim();
  const m = DECIMAL.exec(text);
  if (!m) throw badInput(`${field} must be a non-negative decimal number of grams, got "${value}"`, { field, value });
  const frac = m[2] ?? '';
  if (frac.length > 3 && /[1-9]/.test(frac.slice(3))) {
    throw badInput(`${field} has more than milligram precision: "${value}"`, { field, value });
  }
  const mg = Number(m[1]) * 1000 + Number((frac + '000').slice(0, 3));
  if (!Number.isSafeInteger(mg)) throw badInput(`${field} is too large: "${value}"`, { field, value });
  return mg;
}

/** Milligrams as a gram decimal string with exactly three decimals. */
export function formatGrams(mg: Milligrams): string {
  const sign = mg < 0 ? '-' : '';
  const abs = Math.abs(mg);
  return `${sign}${Math.trunc(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}

/** Milligrams as a JSON number of grams (for EPCIS quantities). */
export function mgToGrams(mg: Milligrams): number {
  return Number(formatGrams(mg));
}

/** Parses per-mille fineness ("913.4", 995) into tenths; must lie in 0..1000 with at most one decimal. */
export function parseFineness(value: string | number, field = 'fineness'): Fineness {
  const text = typeof value === 'number' ? numberToPlain(value) : value.trim();
  const m = DECIMAL.exec(text);
  if (!m) throw badInput(`${field} must be parts per thousand between 0 and 1000, got "${value}"`, { field, value });
  const frac = m[2] ?? '';
  if (frac.length > 1 && /[1-9]/.test(frac.slice(1))) {
    throw badInput(`${field} has more than one decimal of per-mille: "${value}"`, { field, value });
  }
  const tenths = Number(m[1]) * 10 + Number((frac + '0').slice(0, 1));
  if (tenths > 10000) throw badInput(`${field} cannot exceed 1000 parts per thousand: "${value}"`, { field, value });
  return tenths;
}

/** Fineness as per-mille text with one decimal ("913.4"). */
export function formatFineness(f: Fineness): string {
  return `${Math.trunc(f / 10)}.${f % 10}`;
}

/** Fineness as a JSON number of per-mille. */
export function finenessToNumber(f: Fineness): number {
  return f / 10;
}

/**
 * Fine gold = gross mass x fineness / 1000, rounded down to the milligram so that
 * rounding can never create gold (invariant 1).
 */
export function fineGoldMg(grossMg: Milligrams, fineness: Fineness): Milligrams {
  return Math.floor((grossMg * fineness) / 10000);
}

/** Troy ounces in a mass, for price computations. */
export function mgToTroyOunces(mg: Milligrams): number {
  return mg / MG_PER_TROY_OUNCE;
}

/** Karat to fineness tenths (18K = 750.0). */
export function karatToFineness(karat: number): Fineness {
  return Math.round((karat / 24) * 10000);
}

function numberToPlain(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Avoid exponent notation for small values such as 1e-7.
  return Math.abs(n) < 1e-6 && n !== 0 ? n.toFixed(9) : String(n);
}
