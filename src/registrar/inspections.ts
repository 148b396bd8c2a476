import { newId } from '../access/index.js';
import { ICGLR_STATUSES, isIsoDate, siteStatusOn, type IcglrSiteStatus, type IcglrStatusCode, type SiteInspection } from '../certification/index.js';
import { OrpailleError, badInput, dayOf } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import type { Organisation, OrgRole, Site } from '../parties/index.js';

/** Organisation roles that may record ICGLR mine-site inspections (mining authorities, certifiers, audit firms). */
export const INSPECTOR_ROLES: readonly OrgRole[] = ['authority', 'certifier', 'auditor'];

/** True when an organisation may record inspections. */
export function mayInspect(org: Organisation): boolean {
  return org.roles.some((r) => INSPECTOR_ROLES.includes(r));
}

/** A registered mine site by id, URI or ICGLR id; ORP_NOT_FOUND otherwise. */
export async function requireSite(orp: Orpaille, id: string): Promise<Site> {
  const site = (await orp.registry.sites()).find((s) => s.id === id || s.uri === id || s.icglrId === id);
  if (!site) throw new OrpailleError('ORP_NOT_FOUND', `no site ${id}`, { site: id });
  return site;
}

/** An ICGLR status given as its code (0-3) or colour (blue, green, yellow, red). */
export function parseIcglrStatus(v: string | number): IcglrStatusCode {
  const text = String(v).trim().toLowerCase();
  const byName = (ICGLR_STATUSES as readonly string[]).indexOf(text);
  if (byName >= 0) return byName as IcglrStatusCode;
  if (/^[0-3]$/.test(text)) return Number(text) as IcglrStatusCode;
  throw badInput(`status must be an ICGLR code 0-3 or blue, green, yellow, red; got "${v}"`, { status: v });
}

export interface InspectionInput {
  id?: string;
  date: string;
  status: string | number;
  report?: string;
  purpose?: string;
  inspector: string;
  agency: string;
}

/** Records an inspection of a site (by id, URI or ICGLR id); an inspection may not be dated in the future. */
export async function recordInspection(orp: Orpaille, site: Site, input: InspectionInput): Promise<SiteInspection> {
  const today = dayOf(orp.clock.now().toISOString());
  if (input.date > today) throw badInput(`an inspection cannot be dated after today (${today}), got ${input.date}`, { date: input.date });
  const inspection: SiteInspection = {
    id: input.id ?? newId('insp'),
    site: site.uri,
    date: input.date,
    status: parseIcglrStatus(input.status),
    ...(input.report !== undefined ? { report: input.report } : {}),
    ...(input.purpose !== undefined ? { purpose: input.purpose } : {}),
    inspector: input.inspector,
    agency: input.agency,
  };
  await orp.certification.addInspection(inspection);
  return inspection;
}

/**
 * A site's ICGLR status on a date (default today) with its inspections, periods read from the rule
 * table. A never-inspected site's blue period is counted from its licence date [assumed].
 */
export async function siteStatus(orp: Orpaille, site: Site, date?: string): Promise<{ status: IcglrSiteStatus; inspections: SiteInspection[] }> {
  if (date !== undefined && !isIsoDate(dayOf(date))) throw badInput(`date must be YYYY-MM-DD, got "${date}"`, { date });
  const on = date ?? orp.clock.now().toISOString();
  const inspections = await orp.certification.siteInspections([site.uri]);
  return { status: siteStatusOn(site.uri, inspections, on, await orp.rules.certificationRules(), site.licensedOn), inspections };
}
