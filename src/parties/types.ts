/** Roles an organisation can hold in the chain (GOLD-RULES s.1). */
export const ORG_ROLES = [
  'producer',
  'trading_house',
  'exporter',
  'refiner',
  'manufacturer',
  'certifier',
  /** Audit firms (RMAP assessors, scheme auditors): may issue authorisations like certifiers. */
  'auditor',
  'ngo',
  'authority',
] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export interface Organisation {
  /** Short id used on the command line ("th-mongbwalu"). */
  id: string;
  /** Canonical party URI (GS1 Digital Link PGLN). */
  uri: string;
  name: string;
  roles: OrgRole[];
  /** ISO 3166-1 alpha-2. */
  country: string;
  gln: string;
  /** GS1 company prefix used to number its lots, bags and miners. */
  companyPrefix: string;
}

export const GENDERS = ['female', 'male', 'other', 'undisclosed'] as const;
export type Gender = (typeof GENDERS)[number];

/**
 * A registered miner: deliberately minimal personal data. The URI (a GSRN) is pseudonymous and is the
 * only thing that appears in events; name, gender and year of birth stay in the registry, never public.
 */
export interface Miner {
  id: string;
  uri: string;
  organisation: string;
  displayName: string;
  gender: Gender;
  /** For the minimum-working-age check; the full birth date is not needed. */
  birthYear: number;
  /** ISO date. */
  registeredOn: string;
  /** The mine site (URI) the miner was registered at, when the registration said. */
  site?: string;
}

export const LICENCE_TYPES = ['artisanal', 'small_scale', 'semi_mechanised', 'exploration', 'none'] as const;
export type LicenceType = (typeof LICENCE_TYPES)[number];

/**
 * Licence types of artisanal and small-scale mining (ASM): a site without a licence (`none`) is informal ASM,
 * still ASM; an exploration licence is not a mining one. What the Step 5 ASM share and the RMAP pack count.
 */
export const ASM_LICENCE_TYPES: ReadonlySet<LicenceType> = new Set(['artisanal', 'small_scale', 'semi_mechanised', 'none']);

export type SiteGeometry = { type: 'Point'; coordinates: [number, number] } | { type: 'Polygon'; coordinates: [number, number][][] };

export interface Site {
  id: string;
  /** Canonical location URI (GS1 Digital Link GLN). */
  uri: string;
  organisation: string;
  name: string;
  /** ICGLR-style id `CC-lat-long-NNNNN`. */
  icglrId: string;
  country: string;
  geometry: SiteGeometry;
  latitude: number;
  longitude: number;
  licenceType: LicenceType;
  /** ISO date the licence took effect, if licensed. */
  licensedOn?: string;
  capacityGramsPerMonth: number;
}
