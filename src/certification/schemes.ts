import type { PartyUri, SiteUri } from '../custody/index.js';
import {
  bestStanding,
  nextAssessmentDue,
  type Authorisation,
  type AuthorisationKind,
  type AuthorisationScope,
  type AuthorisationStanding,
  type InvalidReason,
  type RmapStatus,
} from './authorisations.js';

/*
 * What each scheme's authorisations allow, on a date. All answers come from the authorisations
 * passed in; a change recorded later (a suspension) only moves answers for dates from its own on.
 */

/** A refiner's RMAP standing on a date: which list, when the next assessment is due, and whether it holds. */
export interface RmapStanding {
  standing: AuthorisationStanding;
  /** Active or conformant as recorded; the standing says whether it still holds on the date. */
  listed: RmapStatus;
  /** Last assessment + cycle (undefined when the record has no cycle). */
  nextAssessmentDue?: string;
  /** Conformant and holding on the date. */
  conformant: boolean;
}

/**
 * A refiner's RMAP standing on a date, from its RMAP records (kind rmap, scheme rmap). A conformant
 * refiner stays conformant up to its next assessment's due date; the day after it is expired.
 */
export function rmapOn(all: readonly Authorisation[], refiner: PartyUri, date: string): RmapStanding | undefined {
  const standing = bestStanding(all, refiner, 'rmap', 'rmap', date);
  if (!standing) return undefined;
  const listed = standing.authorisation.scope.rmapStatus ?? 'active';
  const due = nextAssessmentDue(standing.authorisation);
  return { standing, listed, ...(due !== undefined ? { nextAssessmentDue: due } : {}), conformant: standing.valid && listed === 'conformant' };
}

/** A refiner's LBMA Good Delivery listing on a date (suspended or removed to the former list ends it from that date). */
export function goodDeliveryOn(all: readonly Authorisation[], refiner: PartyUri, date: string): AuthorisationStanding | undefined {
  return bestStanding(all, refiner, 'lbma_good_delivery', 'lbma', date);
}

/** A Fairtrade trader's FLOCERT certification on a date. */
export function traderCertificationOn(all: readonly Authorisation[], trader: PartyUri, date: string): AuthorisationStanding | undefined {
  return bestStanding(all, trader, 'trader_certification', 'fairtrade', date);
}

/** True when a licence's scope covers a product category (a licence with no product list covers all). */
export function licenceCovers(scope: AuthorisationScope, product?: string): boolean {
  return product === undefined || scope.products === undefined || scope.products.includes(product);
}

/** A licensee's licence of a scheme (Fairmined or Fairtrade) on a date, covering the product when one is named. */
export function licenceOn(all: readonly Authorisation[], licensee: PartyUri, scheme: 'fairmined' | 'fairtrade', date: string, product?: string): AuthorisationStanding | undefined {
  return bestStanding(all, licensee, 'licence', scheme, date, (s) => licenceCovers(s, product));
}

/** True when a Permit to Trade lets its holder buy from `supplier` (a permit without a supplier list names none in particular). */
export function permitCoversSupplier(scope: AuthorisationScope, supplier: PartyUri): boolean {
  return scope.suppliers === undefined || scope.suppliers.includes(supplier);
}

/** The Authorized Suppliers holding, on a date, a valid Permit to Trade that makes them First Authorized Buyer of a producer. */
export function firstAuthorisedBuyersOn(all: readonly Authorisation[], producer: PartyUri, date: string): PartyUri[] {
  const holders = new Set(all.filter((a) => a.kind === 'permit_to_trade' && a.scheme === 'fairmined').map((a) => a.holder));
  return [...holders].filter((h) => bestStanding(all, h, 'permit_to_trade', 'fairmined', date, (s) => s.firstAuthorisedBuyer === true && permitCoversSupplier(s, producer))?.valid);
}

/** A transfer of certified gold between two organisations. */
export interface CertifiedTransfer {
  scheme: 'fairmined' | 'fairtrade';
  seller: PartyUri;
  buyer: PartyUri;
  /** ISO 8601 date or date-time of the transfer; authorisations are judged on its day. */
  date: string;
  /** Mine sites the gold comes from, when the seller is the producer: its certificate must cover them. */
  sites?: SiteUri[];
  /** Ecological gold: the producer's certificate must be ecological. */
  ecological?: boolean;
}

/** Why one side of a transfer is not authorised. */
export interface TransferProblem {
  party: PartyUri;
  role: 'seller' | 'buyer';
  /** The authorisation kind that was needed. */
  needs: AuthorisationKind;
  /** `missing`: none of that kind and scheme; `not_covered`: some exist but none covers this transfer. */
  reason: InvalidReason | 'missing' | 'not_covered';
  /** The authorisation at fault, when there is one. */
  authorisation?: string;
  /** The day the reason took effect (a suspension's date, the day after expiry...). */
  since?: string;
  message: string;
}

export interface TransferVerdict {
  valid: boolean;
  problems: TransferProblem[];
  /** The authorisations that make it valid (seller's and buyer's), when they hold. */
  backing: Authorisation[];
}

/**
 * Whether certified status may pass in a transfer on its date (GOLD-RULES s.3 invariant 4, s.4):
 * - Fairmined: a certified producer sells only to an Authorized Supplier whose Permit to Trade makes
 *   it the producer's First Authorized Buyer; Authorized Suppliers sell to each other under Permits
 *   to Trade; a permit that lists suppliers covers only those.
 * - Fairtrade: a certified producer or a FLOCERT-certified trader sells to a FLOCERT-certified trader.
 * - A producer's certificate must cover the sites named (and be ecological for ecological gold).
 * Each side is judged by the authorisations valid on the transfer's day, so a suspension stops
 * transfers from its date on and leaves earlier ones valid.
 */
export function certifiedTransfer(all: readonly Authorisation[], t: CertifiedTransfer): TransferVerdict {
  const problems: TransferProblem[] = [];
  const backing: Authorisation[] = [];
  const traderKind: AuthorisationKind = t.scheme === 'fairmined' ? 'permit_to_trade' : 'trader_certification';
  const sellerIsProducer = all.some((a) => a.holder === t.seller && a.kind === 'producer_certificate' && a.scheme === t.scheme);

  const check = (party: PartyUri, role: 'seller' | 'buyer', needs: AuthorisationKind, covers: (s: AuthorisationScope) => boolean, what: string) => {
    const any = bestStanding(all, party, needs, t.scheme, t.date);
    if (!any) {
      problems.push({ party, role, needs, reason: 'missing', message: `${role} ${party} holds no ${t.scheme} ${label(needs)}` });
      return;
    }
    const covering = bestStanding(all, party, needs, t.scheme, t.date, covers);
    if (!covering) {
      problems.push({ party, role, needs, reason: 'not_covered', authorisation: any.authorisation.id, message: `${role} ${party}: no ${t.scheme} ${label(needs)} ${what}` });
      return;
    }
    if (covering.valid) {
      backing.push(covering.authorisation);
      return;
    }
    problems.push({
      party,
      role,
      needs,
      reason: covering.reason,
      authorisation: covering.authorisation.id,
      since: covering.since,
      message: `${role} ${party}: ${label(needs)} ${covering.authorisation.id} is ${covering.reason === 'not_yet_valid' ? 'not yet valid' : covering.reason} since ${covering.since} (transfer on ${t.date.slice(0, 10)})`,
    });
  };

  if (sellerIsProducer) {
    const sites = t.sites ?? [];
    check(t.seller, 'seller', 'producer_certificate', (s) => sites.every((site) => s.sites === undefined || s.sites.includes(site)) && (!t.ecological || s.ecological === true), `covers ${[...sites, ...(t.ecological ? ['ecological gold'] : [])].join(', ') || 'this sale'}`);
  } else {
    check(t.seller, 'seller', traderKind, () => true, '');
  }
  if (t.scheme === 'fairmined') {
    const asFirstBuyer = sellerIsProducer;
    check(t.buyer, 'buyer', 'permit_to_trade', (s) => permitCoversSupplier(s, t.seller) && (!asFirstBuyer || s.firstAuthorisedBuyer === true), `covers buying from ${t.seller}${asFirstBuyer ? ' as its First Authorized Buyer' : ''}`);
  } else {
    check(t.buyer, 'buyer', 'trader_certification', () => true, '');
  }
  return { valid: problems.length === 0, problems, backing: problems.length === 0 ? backing : [] };
}

function label(kind: AuthorisationKind): string {
  return kind.replace(/_/g, ' ');
}
