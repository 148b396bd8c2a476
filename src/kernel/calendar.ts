/*
 * Calendar arithmetic on ISO 8601 dates (YYYY-MM-DD), in UTC so a date never shifts with the
 * machine's time zone. Validity periods of certificates and inspections are counted this way.
 */

const DAY_MS = 86_400_000;

/** The date `n` days after (before, when negative) an ISO date. */
export function addDays(isoDate: string, n: number): string {
  return new Date(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The same day `n` months later; a day the target month lacks becomes its last day
 * (2026-01-31 + 1 month = 2026-02-28), so a period never spills into the month after.
 */
export function addMonths(isoDate: string, n: number): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const months = y * 12 + (m - 1) + n;
  const year = Math.floor(months / 12);
  const month = months - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** The calendar day of a date or date-time (its first ten characters). */
export function dayOf(isoDateOrTime: string): string {
  return isoDateOrTime.slice(0, 10);
}
