/*
 * The minimum price and premium of a certified purchase while the agent types. Online the server quotes
 * (POST /prices/quote); offline the page estimates from the price basis it kept when last online: a quote for one
 * tonne of fine gold, so that the per-gram figures carry far more precision than a cent.
 */

/** The fields of POST /prices/quote the page uses. */
export interface Quote {
  scheme: string;
  date: string;
  fineGrams: string;
  minimumPrice: string;
  premium: string;
  benchmarkUsdPerOz: string;
  price: { kind: string; date: string; value: string };
}

/** A scheme's price basis: USD per gram of fine gold on a date. */
export interface PriceBasis {
  scheme: string;
  /** The date the quote was for (today when it was fetched). */
  date: string;
  /** The benchmark price it used and its date. */
  benchmark: { value: string; date: string; kind: string };
  minimumPerFineGram: number;
  premiumPerFineGram: number;
}

/** Grams of fine gold quoted to make a basis (one tonne). */
export const BASIS_GRAMS = 1_000_000;

/** The basis of a quote made for BASIS_GRAMS at fineness 1000. */
export function basisOf(q: Quote): PriceBasis {
  return {
    scheme: q.scheme,
    date: q.date,
    benchmark: { value: q.price.value, date: q.price.date, kind: q.price.kind },
    minimumPerFineGram: Number(q.minimumPrice) / BASIS_GRAMS,
    premiumPerFineGram: Number(q.premium) / BASIS_GRAMS,
  };
}

/** Fine grams of a lot, rounded down to the milligram as the server does (gross x fineness / 1000). */
export function fineGrams(grossGrams: number, fineness: number): number {
  const mg = Math.floor((Math.round(grossGrams * 1000) * Math.round(fineness * 10)) / 10_000);
  return mg / 1000;
}

/** The minimum price and premium (USD, two decimals) of a purchase, estimated from a basis. */
export function estimate(basis: PriceBasis, grossGrams: number, fineness: number): { fineGrams: number; minimumPrice: string; premium: string } {
  const fine = fineGrams(grossGrams, fineness);
  const cents = (perGram: number) => (Math.round(fine * perGram * 100) / 100).toFixed(2);
  return { fineGrams: fine, minimumPrice: cents(basis.minimumPerFineGram), premium: cents(basis.premiumPerFineGram) };
}

/** True when a price in USD is below a minimum (both decimal strings). */
export function belowMinimum(price: string, currency: string, minimum: string): boolean {
  return currency === 'USD' && Number(price) < Number(minimum);
}
