import type { PartyUri, SiteUri } from '../custody/index.js';
import { addDays, addMonths } from '../kernel/index.js';
import { AUTHORISATION_KINDS, AUTHORISATION_STATUSES, RMAP_STATUSES, SCHEMES, type Authorisation, type AuthorisationKind, type AuthorisationScope, type Scheme, type StatusChange } from './shapes.js';

export { AUTHORISATION_KINDS, AUTHORISATION_STATUSES, RMAP_STATUSES, SCHEMES } from './shapes.js';
export type { Authorisation, AuthorisationKind, AuthorisationScope, AuthorisationStatus, AuthorisationView, RmapStatus, Scheme, StatusChange } from './shapes.js';

/*
 * What the certification registry holds about who may do what, as plain data: certificates of
 * producers, Fairmined Permits to Trade, licences, FLOCERT trader certification, refiners' RMAP
 * status, LBMA Good Delivery and CRAFT reports. Every check asks "valid on this date?", because a
 * claim is judged transfer by transfer at the date of each transfer, and a suspension only acts
 * from its date on.
 */

/** Why an authorisation does not hold on a date. */
export type InvalidReason = 'not_yet_valid' | 'expired' | 'suspended' | 'withdrawn';

export type AuthorisationStanding =
  | { valid: true; authorisation: Authorisation }
  | { valid: false; authorisation: Authorisation; reason: InvalidReason; /** Date the reason took effect. */ since: string };

/** The status in force on `date`: the latest change on or before it (active when there is none). */
export function statusOn(a: Authorisation, date: string): StatusChange {
  let current: StatusChange = { status: 'active', from: a.issuedOn };
  for (const c of a.statusChanges) if (c.from <= date && c.from >= current.from) current = c;
  return current;
}

/**
 * Whether an authorisation holds on a date (ISO 8601 date or date-time; only the date counts):
 * issued, not past its validity, and neither suspended nor withdrawn as of that date. A later
 * suspension does not reach back: transfers before its date keep their standing.
 */
export function standingOn(a: Authorisation, date: string): AuthorisationStanding {
  const day = date.slice(0, 10);
  if (day < a.issuedOn) return { valid: false, authorisation: a, reason: 'not_yet_valid', since: a.issuedOn };
  const last = lastValidDay(a);
  if (day > last) return { valid: false, authorisation: a, reason: 'expired', since: addDays(last, 1) };
  const s = statusOn(a, day);
  if (s.status === 'active') return { valid: true, authorisation: a };
  return { valid: false, authorisation: a, reason: s.status, since: s.from };
}

/**
 * The best standing among a holder's authorisations of a kind and scheme on a date: a valid one if
 * any (optionally one whose scope passes `covers`), otherwise the most recently issued invalid one
 * (so a reason can name it), or undefined when the holder never had one.
 */
export function bestStanding(
  all: readonly Authorisation[],
  holder: PartyUri,
  kind: AuthorisationKind,
  scheme: Scheme,
  date: string,
  covers: (scope: AuthorisationScope) => boolean = () => true,
): AuthorisationStanding | undefined {
  const mine = all.filter((a) => a.holder === holder && a.kind === kind && a.scheme === scheme && covers(a.scope));
  let fallback: AuthorisationStanding | undefined;
  for (const a of [...mine].sort((x, y) => (x.issuedOn < y.issuedOn ? 1 : x.issuedOn > y.issuedOn ? -1 : 0))) {
    const s = standingOn(a, date);
    if (s.valid) return s;
    fallback ??= s;
  }
  return fallback;
}

/**
 * RMAP: the day the next assessment falls due (last assessment + cycle), or undefined for an
 * authorisation without an assessment cycle.
 */
export function nextAssessmentDue(a: Authorisation): string | undefined {
  const { assessmentCycleYears: years, lastAssessedOn: on } = a.scope;
  return years !== undefined && on !== undefined ? addMonths(on, 12 * years) : undefined;
}

/**
 * The last day an authorisation can hold: its `validUntil`, or its next assessment's due date when
 * that comes first. Rule: a refiner's RMAP standing holds up to and including the day its next
 * assessment is due, and is expired from the day after unless a new assessment has been recorded
 * (as a new authorisation).
 */
export function lastValidDay(a: Authorisation): string {
  const due = nextAssessmentDue(a);
  return due !== undefined && due < a.validUntil ? due : a.validUntil;
}

/**
 * Why a status change may not be recorded, or undefined when it may. History only moves forward:
 * a change cannot take effect before the authorisation was issued or before the last recorded change,
 * a withdrawal is final, and a change must change something. With `today`, a change may not take
 * effect before that day either, so a suspension never reaches back over transfers already made.
 */
export function statusChangeRefusal(a: Authorisation, change: StatusChange, today?: string): string | undefined {
  if (!isIsoDate(change.from)) return `the date ${change.from} is not an ISO 8601 date (YYYY-MM-DD)`;
  if (change.from < a.issuedOn) return `${a.id} was issued on ${a.issuedOn}; a status change cannot take effect before it`;
  if (today !== undefined && change.from < today) return `a status change takes effect from today (${today}) or later, never retroactively (asked ${change.from})`;
  const last = a.statusChanges[a.statusChanges.length - 1];
  if (last?.status === 'withdrawn') return `${a.id} was withdrawn on ${last.from}; a withdrawal is final`;
  if (last && change.from < last.from) return `${a.id} already has a change from ${last.from}; a new change cannot take effect before it`;
  const current = last?.status ?? 'active';
  if (current === change.status) return `${a.id} is already ${current}`;
  return undefined;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** True for an ISO 8601 calendar date (YYYY-MM-DD) that exists. */
export function isIsoDate(s: string): boolean {
  return ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

/**
 * What is wrong with an authorisation as data (empty when nothing): known kind and scheme, real
 * dates, a validity that ends on or after it starts, status changes in date order within it.
 */
export function authorisationProblems(a: Authorisation): string[] {
  const problems: string[] = [];
  if (!a.id || a.id.length > 200) problems.push('id must be 1-200 characters');
  if (!(AUTHORISATION_KINDS as readonly string[]).includes(a.kind)) problems.push(`unknown kind ${a.kind} (one of ${AUTHORISATION_KINDS.join(', ')})`);
  if (!(SCHEMES as readonly string[]).includes(a.scheme)) problems.push(`unknown scheme ${a.scheme} (one of ${SCHEMES.join(', ')})`);
  if (!a.holder) problems.push('holder is required');
  if (!a.issuer) problems.push('issuer is required');
  for (const [field, v] of [['issuedOn', a.issuedOn], ['validUntil', a.validUntil]] as const) {
    if (!isIsoDate(v)) problems.push(`${field} ${v} is not an ISO 8601 date (YYYY-MM-DD)`);
  }
  if (isIsoDate(a.issuedOn) && isIsoDate(a.validUntil) && a.validUntil < a.issuedOn) problems.push(`validUntil ${a.validUntil} is before issuedOn ${a.issuedOn}`);
  const cycle = a.scope.assessmentCycleYears;
  if (cycle !== undefined && ![1, 2, 3].includes(cycle)) problems.push(`assessmentCycleYears must be 1, 2 or 3 (got ${cycle})`);
  if (a.scope.lastAssessedOn !== undefined && !isIsoDate(a.scope.lastAssessedOn)) problems.push(`lastAssessedOn ${a.scope.lastAssessedOn} is not an ISO 8601 date`);
  if (a.scope.rmapStatus !== undefined && !(RMAP_STATUSES as readonly string[]).includes(a.scope.rmapStatus)) problems.push(`rmapStatus must be one of ${RMAP_STATUSES.join(', ')}`);
  let prev: Authorisation = { ...a, statusChanges: [] };
  for (const c of a.statusChanges) {
    if (!(AUTHORISATION_STATUSES as readonly string[]).includes(c.status)) {
      problems.push(`unknown status ${c.status}`);
      continue;
    }
    const refusal = statusChangeRefusal(prev, c);
    if (refusal) problems.push(refusal);
    prev = { ...prev, statusChanges: [...prev.statusChanges, c] };
  }
  return problems;
}
