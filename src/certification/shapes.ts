/*
 * The names and JSON shapes of certification that the HTTP API answers: schemes, kinds and statuses of
 * authorisations, ICGLR inspections and site statuses, credential verdicts, claims and their verdicts, rule
 * versions. This module imports nothing, so the web app (web/) imports it too (`import type` for the shapes, and
 * the name lists at run time) and the two can never drift: change a shape here, and both sides follow.
 * Party, site and lot URIs are plain strings here (custody's PartyUri, SiteUri and LotUri are the same).
 */

// ---- The registry: certificates, permits, licences and listings (authorisations.ts) ----

/** Kinds of authorisation the registry records. */
export const AUTHORISATION_KINDS = [
  /** A producer organisation's (ASMO's) certificate under a scheme, for some sites. */
  'producer_certificate',
  /** Fairmined Permit to Trade signed by an Authorized Supplier (trader, refiner, manufacturer, caster). */
  'permit_to_trade',
  /** Fairmined or Fairtrade licence to sell products carrying the scheme's claims. */
  'licence',
  /** FLOCERT certification of a Fairtrade trader. */
  'trader_certification',
  /** A refiner's RMAP status (active or conformant), with its assessment cycle. */
  'rmap',
  /** LBMA Good Delivery listing of a refiner. */
  'lbma_good_delivery',
  /** A producer's CRAFT report, reviewed by a buyer (CRAFT is not a certification: conformance is reported). */
  'craft_report',
] as const;
export type AuthorisationKind = (typeof AUTHORISATION_KINDS)[number];

/** Schemes and programmes an authorisation can belong to. */
export const SCHEMES = ['fairmined', 'fairtrade', 'rmap', 'lbma', 'craft', 'icglr'] as const;
export type Scheme = (typeof SCHEMES)[number];

export const AUTHORISATION_STATUSES = ['active', 'suspended', 'withdrawn'] as const;
export type AuthorisationStatus = (typeof AUTHORISATION_STATUSES)[number];

/** A status taking effect on a date (ISO 8601 date); the latest change on or before a date decides. */
export interface StatusChange {
  status: AuthorisationStatus;
  /** First day the status applies. */
  from: string;
  reason?: string;
}

/** What an authorisation covers. Absent lists mean "not restricted by this dimension". */
export interface AuthorisationScope {
  /** Mine sites covered (producer certificates). */
  sites?: string[];
  /** Product categories or references covered (licences: "jewellery", "electronics", "coins"...). */
  products?: string[];
  /** Activities covered ("trading", "refining", "manufacturing", "casting", "export"...). */
  activities?: string[];
  /** Ecological gold (Fairmined Ecological, Fairtrade Ecological): no mercury, no cyanide, restoration. */
  ecological?: boolean;
  /** Fairmined: this Authorized Supplier is the First Authorized Buyer of the producers in `suppliers`. */
  firstAuthorisedBuyer?: boolean;
  /** Fairmined Permit to Trade: the certified producers or authorised suppliers it may buy from. */
  suppliers?: string[];
  /** RMAP: assessment cycle in years (1, 2 or 3) and the date of the last assessment. */
  assessmentCycleYears?: number;
  lastAssessedOn?: string;
  /** RMAP list the refiner is on: active (committed, assessment under way) or conformant (assessed and found conformant). */
  rmapStatus?: RmapStatus;
}

export const RMAP_STATUSES = ['active', 'conformant'] as const;
export type RmapStatus = (typeof RMAP_STATUSES)[number];

/** One certificate, permit, licence or listing. Dates are ISO 8601 calendar dates. */
export interface Authorisation {
  id: string;
  kind: AuthorisationKind;
  scheme: Scheme;
  /** The organisation authorised. */
  holder: string;
  /** Who issued it (certifier, standard owner, RMI, LBMA...), an organisation URI. */
  issuer: string;
  scope: AuthorisationScope;
  issuedOn: string;
  /** Last day of validity (inclusive). */
  validUntil: string;
  /** Status history, oldest first; an authorisation with no change is active from `issuedOn`. */
  statusChanges: StatusChange[];
}

/** An authorisation with where it stands on a date: active, suspended, withdrawn, expired or not yet valid, and since when. */
export interface AuthorisationView extends Authorisation {
  standing: { on: string; status: AuthorisationStatus | 'expired' | 'not_yet_valid'; valid: boolean; since: string };
  nextAssessmentDue?: string;
}

// ---- ICGLR mine-site inspections (inspections.ts) ----

/** ICGLR mine-site status colours, indexed by their code: 0 Blue, 1 Green, 2 Yellow, 3 Red. */
export const ICGLR_STATUSES = ['blue', 'green', 'yellow', 'red'] as const;
export type IcglrStatus = (typeof ICGLR_STATUSES)[number];
export type IcglrStatusCode = 0 | 1 | 2 | 3;

/** One inspection record (ICGLR: id, date, result as a status code, report, purpose, inspector, agency). */
export interface SiteInspection {
  id: string;
  site: string;
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

/** A site's ICGLR status on a date and why. */
export interface IcglrSiteStatus {
  site: string;
  date: string;
  status: IcglrStatus;
  code: IcglrStatusCode;
  /** First day of this status. Absent for a never-inspected site with no known start. */
  since?: string;
  /** Last day this status lasts unless a new inspection comes first; absent when it lasts until re-inspection. */
  until?: string;
  /** The inspection the status comes from (absent for a site never inspected). */
  inspection?: string;
  /** Green and Yellow sites may produce for export; Blue and Red may not. */
  exportAllowed: boolean;
  reason: string;
}

// ---- Verifiable credentials (credentials.ts) ----

export interface CredentialVerdict {
  valid: boolean;
  /** Every problem found (codes: credentials.ts `CredentialProblemCode`). */
  problems: { code: string; message: string }[];
  id?: string;
  issuer?: string;
  issuerParty?: string;
  subject?: string;
  validFrom?: string;
  validUntil?: string;
}

// ---- Market claims (claims.ts) ----

export const CLAIMS = [
  'fairmined-labelled',
  'fairmined-incorporated',
  'fairmined-ecological',
  'fairtrade-fully-traceable',
  'fairtrade-gold-sourcing-programme',
  'craft-conformant-source',
  'icglr-certified',
] as const;

export type ClaimName = (typeof CLAIMS)[number];

/** Stable codes of the reasons a claim fails. */
export const CLAIM_REASON_CODES = [
  'LOT_NOT_SEGREGATED',
  'LOT_NOT_CERTIFIED',
  'MIXED_WITH_OTHER_MATERIAL',
  'ORIGIN_UNKNOWN',
  'AUTHORISATION_MISSING',
  'AUTHORISATION_NOT_COVERING',
  'AUTHORISATION_NOT_YET_VALID',
  'AUTHORISATION_EXPIRED',
  'AUTHORISATION_SUSPENDED',
  'AUTHORISATION_WITHDRAWN',
  'NOT_ECOLOGICAL',
  'SITE_NOT_GREEN',
  'CREDITS_INSUFFICIENT',
] as const;

export type ClaimReasonCode = (typeof CLAIM_REASON_CODES)[number];

/** One reason a claim fails, naming what is at fault. */
export interface ClaimReason {
  code: ClaimReasonCode;
  message: string;
  /** The lot at fault (a lot of the genealogy). */
  lot?: string;
  /** The event at fault: the transfer, the mix, the production. */
  event?: string;
  /** The transfer at fault: its type (custody `TransferType`), instant, local date and parties. */
  transfer?: { type: string; at: string; date: string; from?: string; to: string };
  party?: string;
  /** The kind of authorisation that was needed. */
  needs?: AuthorisationKind;
  /** The authorisation at fault, when there is one. */
  authorisation?: string;
  site?: string;
  /** The day that was judged (a transfer's or a production's date, or when the claim was checked). */
  date?: string;
  /** The day the fault took effect (the day after an expiry, a suspension's date...). */
  since?: string;
}

/** The credits behind a mass-balance claim: the oldest usable entries that cover it. */
export interface CreditBacking {
  holder: string;
  scheme: string;
  metal: string;
  claimedGrams: string;
  availableGrams: string;
  entries: { entry: number; earnedAt: string; expiresAt?: string; remainingGrams: string }[];
}

export interface ClaimVerdict {
  claim: ClaimName;
  lot: string;
  valid: boolean;
  /** Every reason the claim fails (empty when it holds). */
  reasons: ClaimReason[];
  /** What the claim rests on: the lots of its genealogy, the mine sites (largest share first), the producers. */
  backing: { lots: string[]; sites: string[]; producers: string[]; credits?: CreditBacking };
}

// ---- Dated rule tables (rules.ts, rule-versions.ts) ----

export type RuleConfidence = 'firm' | 'likely' | 'assumed';

/** One stored version of a rule (the shape of a rule_values row; same as the store's RuleValue). */
export interface RuleVersion {
  rule: string;
  key: string;
  /** First day it applies (ISO 8601 date, inclusive). */
  effectiveFrom: string;
  /** First day it no longer applies (exclusive); open when absent. */
  effectiveTo?: string;
  value: unknown;
  source: string;
  confidence: RuleConfidence;
}

export const RULE_CONFIDENCES = ['firm', 'likely', 'assumed'] as const satisfies readonly RuleConfidence[];
