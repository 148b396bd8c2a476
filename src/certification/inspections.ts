import type { SiteUri } from '../custody/index.js';
import { isIsoDate } from './authorisations.js';

/*
 * ICGLR Regional Certification Mechanism: mine-site inspections and the status they give a site
 * (GOLD-RULES s.4). The status codes are the mechanism's own numbers.
 */

/** ICGLR mine-site status colours, indexed by their code: 0 Blue, 1 Green, 2 Yellow, 3 Red. */
export const ICGLR_STATUSES = ['blue', 'green', 'yellow', 'red'] as const;
export type IcglrStatus = (typeof ICGLR_STATUSES)[number];
export type IcglrStatusCode = 0 | 1 | 2 | 3;

/** The ICGLR code of a status colour. */
export function icglrCode(status: IcglrStatus): IcglrStatusCode {
  return ICGLR_STATUSES.indexOf(status) as IcglrStatusCode;
}

/** One inspection record (ICGLR: id, date, result as a status code, report, purpose, inspector, agency). */
export interface SiteInspection {
  id: string;
  site: SiteUri;
  /** ISO 8601 date of the inspection; its result applies from that day. */
  date: string;
  /** Result: 0 Blue, 1 Green, 2 Yellow, 3 Red. */
  status: IcglrStatusCode;
  /** Reference or location of the inspection report. */
  report?: string;
  /** Why the site was inspected (initial, periodic, follow-up of a yellow or red finding...). */
  purpose?: string;
  inspector: string;
  /** Inspecting agency (usually the national mining authority). */
  agency: string;
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
