import type { SiteUri } from '../custody/index.js';
import { addDays, addMonths, dayOf } from '../kernel/index.js';
import { isIsoDate } from './authorisations.js';
import { requireRule, type CertificationRules } from './rules.js';
import { ICGLR_STATUSES, type IcglrSiteStatus, type IcglrStatus, type IcglrStatusCode, type SiteInspection } from './shapes.js';

export { ICGLR_STATUSES } from './shapes.js';
export type { IcglrSiteStatus, IcglrStatus, IcglrStatusCode, SiteInspection } from './shapes.js';

/*
 * ICGLR Regional Certification Mechanism: mine-site inspections and the status they give a site
 * (GOLD-RULES s.4). The status codes are the mechanism's own numbers.
 */

/** The ICGLR code of a status colour. */
export function icglrCode(status: IcglrStatus): IcglrStatusCode {
  return ICGLR_STATUSES.indexOf(status) as IcglrStatusCode;
}

/** What is wrong with an inspection record as data (empty when nothing). */
export function inspectionProblems(i: SiteInspection): string[] {
  const problems: string[] = [];
  if (!i.id) problems.push('id is required');
  if (!i.site) problems.push('site is required');
  if (!isIsoDate(i.date)) problems.push(`date ${i.date} is not an ISO 8601 date (YYYY-MM-DD)`);
  if (![0, 1, 2, 3].includes(i.status)) problems.push(`status must be an ICGLR code 0-3 (0 Blue, 1 Green, 2 Yellow, 3 Red), got ${i.status}`);
  if (!i.inspector) problems.push('inspector is required');
  if (!i.agency) problems.push('agency is required');
  return problems;
}

/**
 * The ICGLR periods the site-status rule reads, in force on a date (months a status is valid, may
 * last, has to be remedied, or lasts at least): the one question it asks of the certification rules.
 */
export type IcglrRules = Pick<CertificationRules, 'icglrStatusPeriod'>;

/**
 * A site's ICGLR status on a date (GOLD-RULES s.4), from its inspections:
 * - Green (1) is valid for the green period from the inspection date, then the site is Blue.
 * - Blue (0: not yet inspected, or green expired) lasts at most the blue period, then the site is Red.
 * - Yellow (2) has the yellow remedy period; a site not re-inspected within it is Red [assumed: the
 *   rule data gives only the period, the mechanism downgrades an unremedied site].
 * - Red (3) lasts at least the red period and until a re-inspection: an inspection inside that
 *   period takes effect only when it ends.
 * A site never inspected is Blue; from `blueSince` (its registration or licensing date) it turns
 * Red after the blue period. Each inspection is read with the periods in force on its date.
 */
export function siteStatusOn(
  site: SiteUri,
  inspections: readonly SiteInspection[],
  date: string,
  rules: IcglrRules,
  blueSince?: string,
): IcglrSiteStatus {
  const day = dayOf(date);
  const months = (status: IcglrStatus, on: string): number => {
    return requireRule(rules.icglrStatusPeriod(status, on), 'icglr.status_period', status, on).value.months;
  };
  const result = (status: IcglrStatus, reason: string, extra: Partial<IcglrSiteStatus> = {}): IcglrSiteStatus => ({
    site,
    date: day,
    status,
    code: icglrCode(status),
    ...extra,
    exportAllowed: status === 'green' || status === 'yellow',
    reason,
  });
  // Blue for at most the blue period from `from`, then Red.
  const blueFrom = (from: string, why: string, inspection?: string): IcglrSiteStatus => {
    const redFrom = addMonths(from, months('blue', from));
    const by = inspection ? { inspection } : {};
    if (day < redFrom) return result('blue', why, { since: from, until: addDays(redFrom, -1), ...by });
    return result('red', `blue since ${from} for longer than the blue period: red from ${redFrom} until re-inspection`, { since: redFrom, ...by });
  };

  const effective = effectiveInspections(inspections.filter((i) => i.site === site), (on) => months('red', on)).filter((e) => e.from <= day);
  const last = effective[effective.length - 1];
  if (!last) {
    return blueSince !== undefined && blueSince <= day ? blueFrom(blueSince, `not yet inspected (registered ${blueSince})`) : result('blue', 'not yet inspected');
  }
  const i = last.inspection;
  const by = { inspection: i.id };
  const deferred = last.from !== i.date ? ` (effective ${last.from}, when the red period of an earlier inspection ended)` : '';
  switch (ICGLR_STATUSES[i.status]) {
    case 'green': {
      const blueOn = addMonths(i.date, months('green', i.date));
      if (day < blueOn) return result('green', `green at inspection ${i.id} on ${i.date}${deferred}`, { since: last.from, until: addDays(blueOn, -1), ...by });
      return blueFrom(blueOn, `green at inspection ${i.id} on ${i.date}, expired on ${blueOn}`, i.id);
    }
    case 'yellow': {
      const redOn = addMonths(i.date, months('yellow', i.date));
      if (day < redOn) return result('yellow', `yellow at inspection ${i.id} on ${i.date}: violation to remedy by ${addDays(redOn, -1)}${deferred}`, { since: last.from, until: addDays(redOn, -1), ...by });
      return result('red', `yellow at inspection ${i.id} on ${i.date} not remedied within the remedy period: red from ${redOn} until re-inspection`, { since: redOn, ...by });
    }
    case 'red':
      return result('red', `red at inspection ${i.id} on ${i.date}: no production for export until re-inspection, at the earliest ${addMonths(i.date, months('red', i.date))}`, { since: last.from, ...by });
    default:
      return blueFrom(last.from, `blue at inspection ${i.id} on ${i.date}${deferred}`, i.id);
  }
}

/**
 * The day each inspection takes effect, in order: its date, unless it falls inside the minimum red
 * period of an earlier Red inspection, when it waits for that period to end.
 */
function effectiveInspections(inspections: readonly SiteInspection[], redMonths: (on: string) => number): { inspection: SiteInspection; from: string }[] {
  const sorted = [...inspections].sort((x, y) => (x.date !== y.date ? (x.date < y.date ? -1 : 1) : x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  let redUntil = '';
  const out: { inspection: SiteInspection; from: string }[] = [];
  for (const i of sorted) {
    const from = i.date < redUntil ? redUntil : i.date;
    out.push({ inspection: i, from });
    if (i.status === 3) redUntil = maxDate(redUntil, addMonths(i.date, redMonths(i.date)));
  }
  // Several inspections deferred to the same day: the latest inspected decides (stable sort keeps date order).
  return out.sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
