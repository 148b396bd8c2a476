import type { CreditAccount, Genealogy, LotState, Metal, PartyUri, SiteUri } from '../custody/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Authorisation } from './authorisations.js';
import { checkClaim, creditSchemeOf, type ClaimName, type ClaimVerdict, type SiteStanding } from './claims.js';
import type { SiteInspection } from './inspections.js';

/**
 * What a claim check reads, and nothing more: the lot's own genealogy, the authorisations of the
 * parties in it, the inspections of its sites and, for a mass-balance claim, one credit account.
 * src/store implements it; src/orpaille.ts wires it.
 */
export interface ClaimSources {
  /** The lot (by URI or number) with its backward genealogy, or undefined when there is no such lot. */
  genealogy(lot: string): Promise<{ lot: LotState; genealogy: Genealogy } | undefined>;
  authorisations(holders: readonly PartyUri[]): Promise<Authorisation[]>;
  siteInspections(sites: readonly SiteUri[]): Promise<SiteInspection[]>;
  creditAccount(holder: PartyUri, scheme: string, metal: Metal): Promise<CreditAccount | undefined>;
  /** Readable names of parties, for messages. */
  partyNames(parties: readonly PartyUri[]): Promise<Map<PartyUri, string>>;
}

export interface ClaimCheckOptions {
  /** When the claim is made (ISO 8601 date-time). */
  at: string;
  /** A site's ICGLR status on a date from its inspections (the dated ICGLR periods live in rule data). */
  siteStatus(site: SiteUri, inspections: readonly SiteInspection[], date: string): SiteStanding;
}

/** Gathers what a claim on a lot needs through `sources` and judges it. ORP_LOT_NOT_FOUND when there is no such lot. */
export async function checkClaimOn(sources: ClaimSources, lotIdOrNumber: string, claim: ClaimName, opts: ClaimCheckOptions): Promise<ClaimVerdict> {
  const found = await sources.genealogy(lotIdOrNumber);
  if (!found) throw new OrpailleError('ORP_LOT_NOT_FOUND', `lot ${lotIdOrNumber} does not exist`, { lot: lotIdOrNumber });
  const { lot, genealogy } = found;
  const parties = new Set<PartyUri>([lot.owner, lot.custodian]);
  for (const t of genealogy.transfers) {
    if (t.from) parties.add(t.from);
    parties.add(t.to);
  }
  const sites = new Set<SiteUri>();
  for (const l of genealogy.lots) {
    if (!l.origin) continue;
    parties.add(l.origin.producer);
    sites.add(l.origin.site);
  }
  const scheme = creditSchemeOf(claim);
  const [authorisations, inspections, credits, names] = await Promise.all([
    sources.authorisations([...parties]),
    claim === 'icglr-certified' ? sources.siteInspections([...sites]) : Promise.resolve([]),
    scheme ? sources.creditAccount(lot.owner, scheme, 'gold') : Promise.resolve(undefined),
    sources.partyNames([...parties]),
  ]);
  return checkClaim({
    claim,
    lot,
    genealogy,
    authorisations,
    siteStatus: (site, date) => opts.siteStatus(site, inspections, date),
    ...(credits ? { credits } : {}),
    at: opts.at,
    nameOf: (p) => names.get(p),
  });
}
