/**
 * Numbers, masses, shares, money and dates in the reader's language, all through Intl (no hand-made separators).
 * The API sends masses in grams and amounts as decimal strings; they are parsed here only to be displayed.
 */
export interface Formatters {
  /** A count or measure: `1 234,5` in French. */
  number(n: number, fractionDigits?: { min?: number; max?: number }): string;
  /** A mass given in grams (decimal string or number): grams below one kilogram, else kilograms with 3 decimals. */
  mass(grams: string | number): string;
  /** A percentage given as a number of percent ("93.4" -> 93.4 %), one decimal. */
  percent(percent: string | number): string;
  /** An amount of money in a currency (ISO 4217 code). */
  money(amount: string | number, currency: string): string;
  /** A calendar date `YYYY-MM-DD` (read as a day, not an instant). */
  date(isoDate: string): string;
  /** An instant (ISO 8601), in the reader's time zone. */
  dateTime(iso: string): string;
  /** A country's name from its ISO 3166-1 alpha-2 code (the code itself when Intl does not know it). */
  country(code: string): string;
}

const cache = new Map<string, Formatters>();

/** The formatters of a locale (BCP 47), memoised. */
export function formatters(locale: string): Formatters {
  let f = cache.get(locale);
  if (!f) {
    f = make(locale);
    cache.set(locale, f);
  }
  return f;
}

function make(locale: string): Formatters {
  const kg = new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilogram', minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const g = new Intl.NumberFormat(locale, { style: 'unit', unit: 'gram', maximumFractionDigits: 3 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const instant = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  return {
    number: (n, d = {}) => new Intl.NumberFormat(locale, { minimumFractionDigits: d.min ?? 0, maximumFractionDigits: d.max ?? 3 }).format(n),
    mass: (grams) => {
      const n = Number(grams);
      return Math.abs(n) >= 1000 ? kg.format(n / 1000) : g.format(n);
    },
    percent: (p) => pct.format(Number(p) / 100),
    money: (amount, currency) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount)),
    date: (isoDate) => day.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
    dateTime: (iso) => instant.format(new Date(iso)),
    country: (code) => {
      try {
        return regions.of(code.toUpperCase()) ?? code;
      } catch {
        return code;
      }
    },
  };
}
