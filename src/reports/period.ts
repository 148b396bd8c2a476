import { OrpailleError } from '../kernel/index.js';
import type { ReportPeriod } from './document.js';

// A month 13 or a day 32 is not a date: Date.parse gives NaN (toISOString would throw, a 500 over HTTP).
const isDay = (s: string) => {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T00:00:00Z`) : NaN;
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
};

/**
 * The period of a report from user input (`--from`, `--to`): two calendar dates, `from` inclusive and `to`
 * exclusive, `from` before `to`. ORP_BAD_INPUT naming the bad field otherwise.
 */
export function reportPeriod(from: string | undefined, to: string | undefined): ReportPeriod {
  for (const [name, v] of [['from', from], ['to', to]] as const) {
    if (v === undefined || v === '') throw new OrpailleError('ORP_BAD_INPUT', `the period needs --${name} (YYYY-MM-DD)`, { field: name });
    if (!isDay(v)) throw new OrpailleError('ORP_BAD_INPUT', `--${name} must be a calendar date (YYYY-MM-DD), got "${v}"`, { field: name, value: v });
  }
  if (from! >= to!) throw new OrpailleError('ORP_BAD_INPUT', `--from (${from}) must be before --to (${to}): the period is from inclusive, to exclusive`, { from, to });
  return { from: from!, to: to! };
}

/** Whether a calendar date (or an ISO instant's date) falls in the period. */
export const inPeriod = (period: ReportPeriod, date: string) => date.slice(0, 10) >= period.from && date.slice(0, 10) < period.to;
