import { newId } from '../access/index.js';
import {
  AUTHORISATION_STATUSES,
  nextAssessmentDue,
  standingOn,
  statusChangeRefusal,
  statusOn,
  type Authorisation,
  type AuthorisationFilter,
  type AuthorisationKind,
  type AuthorisationScope,
  type AuthorisationStatus,
  type AuthorisationView,
  type Scheme,
} from '../certification/index.js';
import { OrpailleError, badInput, dayOf } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import type { Organisation, OrgRole } from '../parties/index.js';

export type { AuthorisationView } from '../certification/index.js';

/*
 * Recording certificates, permits, licences and listings: what the CLI and the HTTP API share.
 * Input names organisations and sites by id or URI; the registry stores URIs.
 */

/** Organisation roles that may issue authorisations (certification bodies, standard owners, audit firms). */
export const ISSUER_ROLES: readonly OrgRole[] = ['certifier', 'auditor'];

/** True when an organisation may issue authorisations. */
export function mayIssue(org: Organisation): boolean {
  return org.roles.some((r) => ISSUER_ROLES.includes(r));
}

/** An authorisation as typed by a person: organisations and sites by id or URI, dates as YYYY-MM-DD. */
export interface AuthorisationInput {
  id?: string;
  kind: string;
  scheme: string;
  holder: string;
  issuer: string;
  issuedOn: string;
  /** Required unless the scope has an assessment cycle (RMAP), when it defaults to the next due date. */
  validUntil?: string;
  /** The registry's scope, its RMAP status as typed (checked when the authorisation is added). */
  scope?: Omit<AuthorisationScope, 'rmapStatus'> & { rmapStatus?: string };
}

async function organisation(orp: Orpaille, idOrUri: string, role: string): Promise<Organisation> {
  const org = await orp.registry.organisation(idOrUri);
  if (!org) throw new OrpailleError('ORP_UNKNOWN_PARTY', `${role} "${idOrUri}" is not a registered organisation`, { [role]: idOrUri });
  return org;
}

async function siteUris(orp: Orpaille, ids: string[]): Promise<string[]> {
  const sites = await orp.registry.sites();
  return ids.map((id) => {
    const s = sites.find((x) => x.id === id || x.uri === id || x.icglrId === id);
    if (!s) throw new OrpailleError('ORP_UNKNOWN_SITE', `no mine site "${id}"`, { site: id });
    return s.uri;
  });
}

/**
 * Records a new authorisation. The issuer must be an organisation with role certifier or auditor;
 * holder, suppliers and sites must be registered. Nothing is written when anything is wrong.
 */
export async function addAuthorisation(orp: Orpaille, input: AuthorisationInput): Promise<Authorisation> {
  const issuer = await organisation(orp, input.issuer, 'issuer');
  if (!mayIssue(issuer)) {
    throw new OrpailleError('ORP_FORBIDDEN', `${issuer.id} may not issue authorisations: that needs an organisation with role ${ISSUER_ROLES.join(' or ')}`, { issuer: issuer.id, roles: issuer.roles });
  }
  const holder = await organisation(orp, input.holder, 'holder');
  const s = input.scope ?? {};
  const scope: AuthorisationScope = {
    ...(s.sites ? { sites: await siteUris(orp, s.sites) } : {}),
    ...(s.products ? { products: s.products } : {}),
    ...(s.activities ? { activities: s.activities } : {}),
    ...(s.ecological !== undefined ? { ecological: s.ecological } : {}),
    ...(s.firstAuthorisedBuyer !== undefined ? { firstAuthorisedBuyer: s.firstAuthorisedBuyer } : {}),
    ...(s.suppliers ? { suppliers: await Promise.all(s.suppliers.map(async (x) => (await organisation(orp, x, 'supplier')).uri)) } : {}),
    ...(s.assessmentCycleYears !== undefined ? { assessmentCycleYears: s.assessmentCycleYears } : {}),
    ...(s.lastAssessedOn !== undefined ? { lastAssessedOn: s.lastAssessedOn } : {}),
    ...(s.rmapStatus !== undefined ? { rmapStatus: s.rmapStatus as AuthorisationScope['rmapStatus'] } : {}),
  };
  const draft: Authorisation = {
    id: input.id ?? newId('auth'),
    kind: input.kind as AuthorisationKind,
    scheme: input.scheme as Scheme,
    holder: holder.uri,
    issuer: issuer.uri,
    scope,
    issuedOn: input.issuedOn,
    validUntil: input.validUntil ?? '',
    statusChanges: [],
  };
  if (input.validUntil === undefined) {
    const due = nextAssessmentDue(draft);
    if (!due) throw badInput('validUntil is required (it defaults to the next assessment date only for an assessment cycle)', { field: 'validUntil' });
    draft.validUntil = due;
  }
  await orp.certification.add(draft);
  return draft;
}

/**
 * Records a status change effective `from` (default today). It may not take effect before today:
 * a suspension never reaches back over transfers already made.
 */
export async function changeAuthorisationStatus(orp: Orpaille, id: string, status: string, from?: string, reason?: string): Promise<Authorisation> {
  if (!(AUTHORISATION_STATUSES as readonly string[]).includes(status)) throw badInput(`status must be one of ${AUTHORISATION_STATUSES.join(', ')}`, { status });
  const today = dayOf(orp.clock.now().toISOString());
  const current = await orp.certification.get(id);
  if (!current) throw new OrpailleError('ORP_NOT_FOUND', `no authorisation ${id}`, { id });
  const change = { status: status as AuthorisationStatus, from: from ?? today, ...(reason !== undefined ? { reason } : {}) };
  const refusal = statusChangeRefusal(current, change, today);
  if (refusal) throw new OrpailleError('ORP_STATUS_CHANGE_REFUSED', refusal, { id, status, from: change.from });
  return orp.certification.changeStatus(id, change.status, change.from, reason);
}

/** The view of an authorisation on a date. */
export function authorisationView(a: Authorisation, date: string): AuthorisationView {
  const on = dayOf(date);
  const s = standingOn(a, on);
  const standing = s.valid ? { on, status: 'active' as const, valid: true, since: statusOn(a, on).from } : { on, status: s.reason, valid: false, since: s.since };
  const due = nextAssessmentDue(a);
  return { ...a, standing, ...(due !== undefined ? { nextAssessmentDue: due } : {}) };
}

/** Authorisations matching a filter whose organisations are given by id or URI. */
export async function listAuthorisations(orp: Orpaille, filter: { holder?: string; issuer?: string; kind?: string; scheme?: string; site?: string }): Promise<Authorisation[]> {
  const f: AuthorisationFilter = {
    ...(filter.holder ? { holder: (await organisation(orp, filter.holder, 'holder')).uri } : {}),
    ...(filter.issuer ? { issuer: (await organisation(orp, filter.issuer, 'issuer')).uri } : {}),
    ...(filter.kind ? { kind: filter.kind as AuthorisationKind } : {}),
    ...(filter.scheme ? { scheme: filter.scheme as Scheme } : {}),
    ...(filter.site ? { site: (await siteUris(orp, [filter.site]))[0]! } : {}),
  };
  return orp.certification.list(f);
}
