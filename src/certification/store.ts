import type { PartyUri, SiteUri } from '../custody/index.js';
import type { Authorisation, AuthorisationKind, AuthorisationStatus, Scheme } from './authorisations.js';
import type { SiteInspection } from './inspections.js';

/** Filter of a registry listing; every given field must match. */
export interface AuthorisationFilter {
  holder?: PartyUri;
  issuer?: PartyUri;
  kind?: AuthorisationKind;
  scheme?: Scheme;
  /** Authorisations whose scope names this site. */
  site?: SiteUri;
  /** Authorisations held or issued by one of these organisations (what they may see). */
  parties?: readonly PartyUri[];
}

/**
 * What the certification decisions read and the registry writes: certificates, permits, licences
 * and listings with their status history, and ICGLR mine-site inspections. src/store implements it.
 */
export interface CertificationStore {
  /** Records a new authorisation (its id must be new); `statusChanges` are kept as given. */
  add(a: Authorisation): Promise<void>;
  /**
   * Records a status change taking effect on `from` (see `checkStatusChange` for what is refused) and
   * returns the authorisation as it now stands. ORP_NOT_FOUND when there is no such authorisation.
   */
  changeStatus(id: string, status: AuthorisationStatus, from: string, reason?: string): Promise<Authorisation>;
  get(id: string): Promise<Authorisation | undefined>;
  /** Every authorisation held by any of these organisations (any kind, scheme or status), oldest first. */
  authorisations(holders: readonly PartyUri[]): Promise<Authorisation[]>;
  list(filter?: AuthorisationFilter): Promise<Authorisation[]>;
  /** Records an inspection (its id must be new). */
  addInspection(i: SiteInspection): Promise<void>;
  /** Every inspection of these sites, by site then date. */
  siteInspections(sites: readonly SiteUri[]): Promise<SiteInspection[]>;
}
