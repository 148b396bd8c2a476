import { dl, gln, gsrn, gtin, sscc } from '../kernel/index.js';
import { badInput } from '../kernel/index.js';
import type { LicenceType, Miner, Organisation, OrgRole, Site, SiteGeometry, Gender } from './types.js';
import { icglrSiteId, representativePoint } from './site.js';

/** GS1 item reference per lot form, so each organisation has one GTIN per form of gold it handles. */
const FORM_ITEM_REF: Record<string, number> = { ore: 1, concentrate: 2, sponge: 3, dore: 4, bar: 5, grain: 6, product: 7 };

/** The GTIN under which an organisation numbers its lots of a form. */
export function lotGtin(org: Pick<Organisation, 'companyPrefix'>, form: string): string {
  const ref = FORM_ITEM_REF[form];
  if (ref === undefined) throw badInput(`unknown lot form "${form}"`);
  return gtin(org.companyPrefix, ref);
}

/** The LGTIN Digital Link of a lot numbered by an organisation. */
export function lotUri(org: Pick<Organisation, 'companyPrefix'>, form: string, lotNumber: string): string {
  return dl.lot(lotGtin(org, form), lotNumber);
}

/** The SSCC Digital Link of a bag (logistic unit) sealed by an organisation. */
export function bagUri(org: Pick<Organisation, 'companyPrefix'>, serial: number): string {
  return dl.logisticUnit(sscc(org.companyPrefix, serial));
}

/** Builds an organisation record from its GS1 company prefix. */
export function makeOrganisation(input: { id: string; name: string; roles: OrgRole[]; country: string; companyPrefix: string }): Organisation {
  if (!/^\d{6,11}$/.test(input.companyPrefix)) throw badInput(`company prefix "${input.companyPrefix}" must be 6-11 digits`);
  if (!/^[A-Z]{2}$/.test(input.country)) throw badInput(`country "${input.country}" is not an ISO 3166-1 alpha-2 code`);
  const g = gln(input.companyPrefix, 0);
  return { ...input, gln: g, uri: dl.party(g) };
}

/** Builds a miner record; the URI is a GSRN under the producer organisation's prefix. */
export function makeMiner(
  org: Organisation,
  serial: number,
  input: { displayName: string; gender: Gender; birthYear: number; registeredOn: string },
): Miner {
  return { id: `${org.id}-m${String(serial).padStart(5, '0')}`, uri: dl.serviceRelation(gsrn(org.companyPrefix, serial)), organisation: org.id, ...input };
}

/** Builds a mine site record; the URI is a GLN under the organisation's prefix, the ICGLR id from its coordinates. */
export function makeSite(
  org: Organisation,
  serial: number,
  input: { id: string; name: string; country: string; geometry: SiteGeometry; licenceType: LicenceType; licensedOn?: string; capacityGramsPerMonth: number },
): Site {
  const { latitude, longitude } = representativePoint(input.geometry);
  return {
    ...input,
    uri: dl.location(gln(org.companyPrefix, 1000 + serial)),
    organisation: org.id,
    icglrId: icglrSiteId(input.country, latitude, longitude, serial),
    latitude,
    longitude,
  };
}
