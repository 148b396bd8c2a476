import type { PartyUri } from '../custody/index.js';
import { isIsoDate } from '../certification/index.js';
import { EVIDENCE_KINDS, type Evidence } from './register.js';

/*
 * Know your counterparty (GOLD-RULES s.4 LBMA RGG v9, s.5 information to collect per supplier): beneficial
 * owners above the threshold of the supply type (10 % mined, 25 % recycled, from rule data), licences and
 * their validity, and watchlist hits reviewed by a person.
 */

export const SUPPLY_TYPES = ['mined', 'recycled'] as const;
export type SupplyType = (typeof SUPPLY_TYPES)[number];

export const WATCHLIST_OUTCOMES = ['pending', 'true_match', 'false_positive'] as const;
export type WatchlistOutcome = (typeof WATCHLIST_OUTCOMES)[number];

interface KycBase {
  id: string;
  /** The organisation whose due diligence this is. */
  owner: PartyUri;
  supplier: PartyUri;
  evidence: Evidence[];
  /** The person who recorded it. */
  recordedBy: string;
}

/** A natural person owning or controlling a share of the supplier. */
export interface BeneficialOwner extends KycBase {
  kind: 'beneficial_owner';
  name: string;
  /** Share owned or controlled, in basis points (10 % = 1000). */
  shareBasisPoints: number;
  /** ISO 3166-1 alpha-2 nationality or residence, when known. */
  country?: string;
  /** ISO date the owner was identified. */
  identifiedOn: string;
}

/** A licence or permit the supplier holds (mining, trading, export licence...). */
export interface SupplierLicence extends KycBase {
  kind: 'licence';
  licenceType: string;
  number: string;
  issuer: string;
  validFrom: string;
  /** Last valid day; absent for a licence without an end date. */
  validUntil?: string;
}

/** A match of the supplier or one of its owners on a sanctions, PEP or adverse-media list, reviewed by a person. */
export interface WatchlistHit extends KycBase {
  kind: 'watchlist_hit';
  list: string;
  matchedName: string;
  checkedOn: string;
  outcome: WatchlistOutcome;
  /** The person who reviewed the hit (a hit is never resolved by a machine). */
  checkedBy: string;
  note?: string;
}

export type KycRecord = BeneficialOwner | SupplierLicence | WatchlistHit;
export const KYC_KINDS = ['beneficial_owner', 'licence', 'watchlist_hit'] as const;
export type KycKind = (typeof KYC_KINDS)[number];

/** The date a record speaks of (identification, start of validity, check). */
export function kycDate(r: KycRecord): string {
  return r.kind === 'beneficial_owner' ? r.identifiedOn : r.kind === 'licence' ? r.validFrom : r.checkedOn;
}

/** What is wrong with a KYC record as data (empty when nothing). */
export function kycProblems(r: KycRecord): string[] {
  const p: string[] = [];
  if (!r.id) p.push('id is required');
  if (!r.owner) p.push('owner is required');
  if (!r.supplier) p.push('supplier is required');
  if (!r.recordedBy?.trim()) p.push('recordedBy is required: the person who recorded it');
  for (const ev of r.evidence ?? []) {
    if (!(EVIDENCE_KINDS as readonly string[]).includes(ev.kind) || !ev.reference?.trim()) p.push('every evidence needs a known kind and a reference');
  }
  const date = (v: string | undefined, field: string) => {
    if (v === undefined || !isIsoDate(v)) p.push(`${field} ${v} is not an ISO 8601 date (YYYY-MM-DD)`);
  };
  switch (r.kind) {
    case 'beneficial_owner':
      if (!r.name?.trim()) p.push('name is required');
      if (!Number.isInteger(r.shareBasisPoints) || r.shareBasisPoints <= 0 || r.shareBasisPoints > 10_000) p.push(`share must be above 0 % and at most 100 %, got ${r.shareBasisPoints / 100} %`);
      if (r.country !== undefined && !/^[A-Z]{2}$/.test(r.country)) p.push(`country ${r.country} is not an ISO 3166-1 alpha-2 code`);
      date(r.identifiedOn, 'identifiedOn');
      break;
    case 'licence':
      if (!r.licenceType?.trim() || !r.number?.trim() || !r.issuer?.trim()) p.push('a licence needs its type, number and issuer');
      date(r.validFrom, 'validFrom');
      if (r.validUntil !== undefined) {
        date(r.validUntil, 'validUntil');
        if (r.validUntil < r.validFrom) p.push(`validUntil ${r.validUntil} is before validFrom ${r.validFrom}`);
      }
      break;
    case 'watchlist_hit':
      if (!r.list?.trim() || !r.matchedName?.trim()) p.push('a watchlist hit needs the list and the matched name');
      if (!(WATCHLIST_OUTCOMES as readonly string[]).includes(r.outcome)) p.push(`outcome must be one of ${WATCHLIST_OUTCOMES.join(', ')}`);
      if (!r.checkedBy?.trim()) p.push('checkedBy is required: a person reviews every hit');
      date(r.checkedOn, 'checkedOn');
      break;
    default:
      p.push(`kind must be one of ${KYC_KINDS.join(', ')}`);
  }
  return p;
}

/** True when a licence is valid on a date (from its first to its last valid day, inclusive). */
export function licenceValidOn(l: SupplierLicence, date: string): boolean {
  const day = date.slice(0, 10);
  return l.validFrom <= day && (l.validUntil === undefined || day <= l.validUntil);
}

/** The beneficial-ownership threshold in force (rule `kyc.beneficial_owner_threshold`, key = supply type). */
export interface KycRules {
  beneficialOwnerThreshold(supply: SupplyType, date: string): { basisPoints: number; source: string } | undefined;
}

/** Where a supplier's know-your-counterparty file stands on a date, and what is missing. */
export interface KycStanding {
  supplier: PartyUri;
  date: string;
  supply: SupplyType;
  /** Owners at or above this share must be identified. */
  threshold: { basisPoints: number; source: string };
  /** Owners identified by the date whose share reaches the threshold. */
  beneficialOwners: BeneficialOwner[];
  licences: { licence: SupplierLicence; valid: boolean }[];
  watchlist: { pending: WatchlistHit[]; trueMatches: WatchlistHit[]; falsePositives: number };
  /** What stops the file from being complete: empty when nothing. */
  gaps: string[];
  complete: boolean;
}

/**
 * A supplier's KYC standing on a date from its records: the beneficial owners above the threshold of the
 * supply type, the licences valid that day, watchlist hits still pending or confirmed. Records after the
 * date are not read. ORP_NO_RULE-like undefined threshold is the caller's to report.
 */
export function kycStandingOn(supplier: PartyUri, records: readonly KycRecord[], date: string, supply: SupplyType, threshold: { basisPoints: number; source: string }): KycStanding {
  const day = date.slice(0, 10);
  const mine = records.filter((r) => r.supplier === supplier && kycDate(r) <= day);
  const owners = mine.filter((r): r is BeneficialOwner => r.kind === 'beneficial_owner');
  const licences = mine.filter((r): r is SupplierLicence => r.kind === 'licence').map((l) => ({ licence: l, valid: licenceValidOn(l, day) }));
  const hits = mine.filter((r): r is WatchlistHit => r.kind === 'watchlist_hit');
  // The latest review of a list and name stands.
  const latest = new Map<string, WatchlistHit>();
  for (const h of [...hits].sort((a, b) => (a.checkedOn < b.checkedOn ? -1 : a.checkedOn > b.checkedOn ? 1 : 0))) latest.set(`${h.list}\u0000${h.matchedName}`, h);
  const reviewed = [...latest.values()];
  const watchlist = {
    pending: reviewed.filter((h) => h.outcome === 'pending'),
    trueMatches: reviewed.filter((h) => h.outcome === 'true_match'),
    falsePositives: reviewed.filter((h) => h.outcome === 'false_positive').length,
  };
  const above = owners.filter((o) => o.shareBasisPoints >= threshold.basisPoints);
  const gaps: string[] = [];
  if (owners.length === 0) gaps.push(`no beneficial owner identified (every owner of ${threshold.basisPoints / 100} % or more must be)`);
  const total = owners.reduce((s, o) => s + o.shareBasisPoints, 0);
  if (total > 10_000) gaps.push(`beneficial owners' shares add up to ${total / 100} %, more than 100 %`);
  if (!licences.some((l) => l.valid)) gaps.push(licences.length === 0 ? 'no licence recorded' : `no licence valid on ${day}`);
  for (const h of watchlist.pending) gaps.push(`watchlist hit on ${h.list} for "${h.matchedName}" awaits a person's review`);
  for (const h of watchlist.trueMatches) gaps.push(`true match on ${h.list} for "${h.matchedName}" (checked by ${h.checkedBy} on ${h.checkedOn})`);
  return { supplier, date: day, supply, threshold, beneficialOwners: above, licences, watchlist, gaps, complete: gaps.length === 0 };
}

/** What the KYC records need from a store; src/store implements it. */
export interface KycStore {
  /** Records a KYC record; ORP_RECORD_EXISTS when the id is taken, ORP_BAD_INPUT when it is not valid data. */
  addKyc(r: KycRecord): Promise<void>;
  /** Records of a supplier kept by these organisations, by date then id. */
  kycRecords(filter: { owners?: readonly PartyUri[]; supplier?: PartyUri; kind?: KycKind }): Promise<KycRecord[]>;
}

/** Rule of the beneficial-ownership threshold per supply type (rules/assessments.json). */
export const BENEFICIAL_OWNER_THRESHOLD = 'kyc.beneficial_owner_threshold';

/** The KYC rules from dated rule values (`{ rule, key, effectiveFrom, effectiveTo?, value: { percent: "10" }, source }`). */
export function kycRulesFrom(values: readonly { rule: string; key: string; effectiveFrom: string; effectiveTo?: string; value: unknown; source: string }[]): KycRules {
  const rows = values.filter((v) => v.rule === BENEFICIAL_OWNER_THRESHOLD);
  return {
    beneficialOwnerThreshold(supply, date) {
      const day = date.slice(0, 10);
      const v = rows
        .filter((r) => r.key === supply && r.effectiveFrom <= day && (r.effectiveTo === undefined || day < r.effectiveTo))
        .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
      const percent = (v?.value as { percent?: unknown } | undefined)?.percent;
      if (!v || typeof percent !== 'string' || !/^\d{1,3}(\.\d{1,2})?$/.test(percent)) return undefined;
      const [whole, frac = ''] = percent.split('.');
      return { basisPoints: Number(whole) * 100 + Number(frac.padEnd(2, '0')), source: v.source };
    },
  };
}
