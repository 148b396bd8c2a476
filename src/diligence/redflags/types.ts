import type { RuleRef } from '../../certification/index.js';
import type { GoldEvent, LotForm, LotUri, PartyUri, SiteUri } from '../../custody/index.js';
import type { KycRecord } from '../kyc.js';
import type { RiskArea } from './areas.js';
import type { RedFlagRules } from './rules.js';
import type { TagFacts } from './rule-tags.js';
import type { RedFlagRule } from '../shapes.js';

export { RED_FLAG_RULES, type RedFlagRule } from '../shapes.js';

/** A ledger event as the engine reads it: its sequence number, its gold reading and its time (epoch ms). */
export interface ScanEvent {
  seq: number;
  gold: GoldEvent;
  atMs: number;
}

/** What the engine needs to know about a mine site (from the registry). */
export interface SiteFacts {
  uri: SiteUri;
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  latitude: number;
  longitude: number;
  /** Licence type from the registry ('none' for an unlicensed site). */
  licenceType: string;
  /** ISO date the licence took effect; absent for an unlicensed site. */
  licensedOn?: string;
  capacityGramsPerMonth: number;
}

/** What the engine needs to know about an organisation. */
export interface PartyFacts {
  uri: PartyUri;
  id: string;
  name: string;
  country: string;
}

/** Gold produced at a site: what the capacity rule adds up over its window. */
export interface SiteProduction {
  atMs: number;
  grossMg: number;
}

/** ICGLR standing of a site on a day, as src/certification computes it. */
export interface SiteStatusFacts {
  status: string;
  reason: string;
}

/** Everything the rules read besides the events themselves; answered from data passed in (pure). */
export interface ScanContext {
  rules: RedFlagRules;
  sites: ReadonlyMap<SiteUri, SiteFacts>;
  organisations: ReadonlyMap<PartyUri, PartyFacts>;
  /** Production at a site, sorted by time; must hold at least the window before every production event scanned. */
  productions(site: SiteUri): readonly SiteProduction[];
  /** Has a person recorded an approval of this cash purchase? */
  cashApproved(buyer: PartyUri, purchaseNumber: string): boolean;
  /** Conflict-affected and high-risk areas (all versions; the engine picks those in force on each event's date). */
  areas: readonly RiskArea[];
  /** ICGLR status of a site on a day (undefined when no status can be computed). */
  siteStatus(site: SiteUri, day: string): SiteStatusFacts | undefined;
  /** The tag registry and earlier tag uses (absent: only reuse within the scanned events is seen). */
  tags?: TagFacts;
  /** Registered miners by URI (the minimum-age rule). */
  miners: ReadonlyMap<PartyUri, MinerFacts>;
  /** Form and fineness of a lot the scanned events did not create (undefined when unknown). */
  lotFacts(lot: LotUri): LotFacts | undefined;
  /** Mine sites a lot traces back to through its genealogy (empty when unknown). */
  lotOrigins(lot: LotUri): readonly SiteUri[];
  /** When a party produced gold or sold gold of mine origin, as the store knows it, scanned events included (any order). */
  minedActivity(party: PartyUri): readonly MinedActivity[];
  /**
   * What a supplier held or sold, and the origin or transit hits concerning it (supplier_risk_history).
   * Must hold at least the rule's window before every purchase or receive scanned; the rule is not judged without it.
   */
  supplierHistory?(supplier: PartyUri): SupplierHistory;
  /** KYC records an organisation keeps about a counterparty (unidentified_intermediary; not judged without it). */
  kycRecords?(org: PartyUri, counterparty: PartyUri): readonly KycRecord[];
}

/** What the minimum-age rule knows about a miner: never the name (incidents name the miner by id). */
export interface MinerFacts {
  uri: PartyUri;
  id: string;
  /** The miner's organisation (party URI) and its country (ISO 3166-1 alpha-2). */
  org: PartyUri;
  country: string;
  birthYear: number;
  /** ISO date. */
  registeredOn: string;
}

/** A lot's form and fineness (tenths of a part per thousand). */
export interface LotFacts {
  form: LotForm;
  fineness: number;
}

/** One event in which a party produced gold or sold gold tracing back to a mine site. */
export interface MinedActivity {
  seq: number;
  atMs: number;
}

/** A supplier's history as the supplier_risk_history rule reads it; both lists sorted by time. */
export interface SupplierHistory {
  exposures: readonly SupplierExposure[];
  hits: readonly SupplierRiskHit[];
}

/** The supplier took part in an event (held, bought, sold, shipped) on a lot whose genealogy reaches a production site. */
export interface SupplierExposure {
  atMs: number;
  seq: number;
  lot: string;
  /** A production site of the lot's genealogy. */
  site: SiteUri;
}

/** A risk_area_origin or risk_area_transit hit the supplier recorded or was the subject of. */
export interface SupplierRiskHit {
  atMs: number;
  rule: 'risk_area_origin' | 'risk_area_transit';
  key: string;
  area: string;
  seqs: number[];
}

/**
 * One red-flag hit: which rule, on which events, with which numbers against which threshold, under
 * which rule version. `key` is stable: a rescan finds the same key and raises no second incident.
 */
export interface RedFlagHit {
  rule: RedFlagRule;
  key: string;
  /** The organisation whose due diligence the hit concerns: the recorder of the event that raised it. */
  org: PartyUri;
  /** What the hit is about: a site, a purchase, a lot. */
  subject: string;
  /** ISO 8601 time of the event that raised it. */
  eventTime: string;
  /** Ledger sequence numbers of the events the rule read (the one that raised it last). */
  seqs: number[];
  /** One sentence a compliance officer can act on. */
  summary: string;
  /** The figures the rule computed. */
  numbers: Record<string, string | number | boolean>;
  /** The threshold or condition the figures were judged against. */
  threshold: Record<string, string | number | boolean | string[]>;
  /** The rule version in force on the event's date. */
  ruleVersion: RuleRef;
}
