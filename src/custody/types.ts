import type { Fineness, Milligrams } from '../kernel/index.js';

/** Physical form of a lot (GOLD-RULES s.3). */
export const LOT_FORMS = ['ore', 'concentrate', 'sponge', 'dore', 'bar', 'grain', 'product'] as const;
export type LotForm = (typeof LOT_FORMS)[number];

/**
 * Chain-of-custody models (ISO 22095 vocabulary), strictest first:
 * - identity_preserved: one lot from one site, never combined with any other lot;
 * - segregated: certified material of one scheme, never mixed with other material;
 * - mass_balance (credit method): may be mixed; certified fine gold in earns credits, claims spend them;
 * - book_and_claim: no physical link; a claim on the lot is backed by its holder's credits only.
 */
export const COC_MODELS = ['identity_preserved', 'segregated', 'mass_balance', 'book_and_claim'] as const;
export type CocModel = (typeof COC_MODELS)[number];

/** Models whose certified status travels with the material itself (identity preserved is segregated, and more). */
export const PHYSICAL_COC_MODELS: readonly CocModel[] = ['identity_preserved', 'segregated'];

/** Metals a mass-balance credit account can hold; every lot in the ledger today is gold. */
export const METALS = ['gold', 'silver', 'platinum'] as const;
export type Metal = (typeof METALS)[number];

export const PAYMENT_METHODS = ['cash', 'mobile_money', 'bank_transfer', 'cheque', 'credit'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** What a seller declares the gold it sells to be (LBMA RGG: mined and recycled gold have different due diligence). */
export const MATERIAL_DECLARATIONS = ['mined', 'recycled'] as const;
export type MaterialDeclaration = (typeof MATERIAL_DECLARATIONS)[number];

export const TRANSFORM_OPERATIONS = ['melt', 'mix', 'split', 'refine'] as const;
export type TransformOperation = (typeof TRANSFORM_OPERATIONS)[number];

export const ASSAY_METHODS = ['fire_assay', 'xrf', 'estimate', 'other'] as const;
export type AssayMethod = (typeof ASSAY_METHODS)[number];

/** Party, site and lot references are canonical GS1 Digital Link URIs. */
export type PartyUri = string;
export type SiteUri = string;
export type LotUri = string;

export interface Assay {
  method: AssayMethod;
  /** Laboratory or buyer who measured. */
  lab?: string;
  /** ISO 8601 date of the measurement. */
  date: string;
  sampleId?: string;
}

/** A lot coming into existence: at production or as the output of a transformation. */
export interface NewLot {
  lot: LotUri;
  form: LotForm;
  grossMg: Milligrams;
  fineness: Fineness;
  assay?: Assay;
  tag?: string;
  seal?: string;
  cocModel: CocModel;
  /** Certification scheme whose claim the lot carries (e.g. "fairmined"), if any. */
  scheme?: string;
}

interface EventBase {
  /** ISO 8601 instant with offset. */
  eventTime: string;
  /** Offset of the place where it happened ("+02:00"). */
  eventTimeZoneOffset: string;
  /** The organisation that records and signs the event. */
  recorder: PartyUri;
  /** Where it happened (site or premises GLN URI). */
  bizLocation?: string;
}

/** A miner (or the producer organisation) declares production at a mine site. */
export interface ProductionEvent extends EventBase {
  type: 'production';
  site: SiteUri;
  producer: PartyUri;
  miner?: PartyUri;
  lot: NewLot;
}

/** Ownership passes from seller to buyer for a price; custody too when the gold is handed over at the sale. */
export interface PurchaseEvent extends EventBase {
  type: 'purchase';
  lots: LotUri[];
  seller: PartyUri;
  buyer: PartyUri;
  purchaseNumber: string;
  /** Total price as a decimal string, in `currency` (ISO 4217). */
  price: string;
  currency: string;
  paymentMethod: PaymentMethod;
  custodyTransferred: boolean;
  /** The seller's declaration of the material sold, when it made one. */
  declaredMaterial?: MaterialDeclaration;
}

/** Lots are bagged, tagged and sealed into a logistic unit. */
export interface PackEvent extends EventBase {
  type: 'pack';
  bag: string;
  lots: LotUri[];
  tag: string;
  seal: string;
}

export interface ShipEvent extends EventBase {
  type: 'ship';
  lots: LotUri[];
  bag?: string;
  from: PartyUri;
  to: PartyUri;
}

export interface ReceiveEvent extends EventBase {
  type: 'receive';
  lots: LotUri[];
  bag?: string;
  from: PartyUri;
  to: PartyUri;
}

export interface AssayEvent extends EventBase {
  type: 'assay';
  lot: LotUri;
  fineness: Fineness;
  assay: Assay;
}

export interface TransformInput {
  lot: LotUri;
  /** Gross mass taken from the input lot. */
  massMg: Milligrams;
}

/**
 * A fine-gold loss beyond the operation's tolerance, declared on the transform that caused it
 * (GOLD-RULES s.3 invariant 1: accepted only with a raised incident, by policy). The figures must be
 * those of the event's own inputs and outputs and of the tolerance in force on its date.
 */
export interface LossDeviation {
  /** Fine-gold loss in parts per thousand of the fine gold in, at most three decimals. */
  lossPermille: number;
  /** The tolerance of the operation on the event's date, parts per thousand. */
  tolerancePermille: number;
  /** Why (slag, spillage, base metals...), for the incident. */
  reason?: string;
}

/** Melt, mix, split or refine: inputs are used up (wholly or in part) and new lots come out. */
export interface TransformEvent extends EventBase {
  type: 'transform';
  operation: TransformOperation;
  inputs: TransformInput[];
  outputs: NewLot[];
  /** Declared when the loss exceeds the tolerance and the operation's policy accepts declared deviations. */
  lossDeviation?: LossDeviation;
}

/** Gold leaves the country; if the destination is not a registered organisation the lot leaves the ledger. */
export interface ExportEvent extends EventBase {
  type: 'export';
  lots: LotUri[];
  exporter: PartyUri;
  destination: PartyUri;
  destinationCountry: string;
  exportCertificate?: string;
}

/** A lot is used up outside any tracked product (e.g. sold to an untracked goldsmith) or destroyed. */
export interface ConsumeEvent extends EventBase {
  type: 'consume';
  lot: LotUri;
  reason: string;
}

export type GoldEvent =
  | ProductionEvent
  | PurchaseEvent
  | PackEvent
  | ShipEvent
  | ReceiveEvent
  | AssayEvent
  | TransformEvent
  | ExportEvent
  | ConsumeEvent;

export type GoldEventType = GoldEvent['type'];

export const LOT_STATUSES = ['active', 'in_transit', 'used', 'consumed', 'exported'] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];

/** What the ledger knows about a lot now (the projection the decisions read). */
export interface LotState {
  lot: LotUri;
  form: LotForm;
  /** Gross mass when the lot came into existence. */
  initialMg: Milligrams;
  /** Gross mass still held (less what transformations took). */
  heldMg: Milligrams;
  fineness: Fineness;
  custodian: PartyUri;
  owner: PartyUri;
  status: LotStatus;
  inTransitTo?: PartyUri;
  bag?: string;
  site?: SiteUri;
  tag?: string;
  seal?: string;
  cocModel: CocModel;
  scheme?: string;
  /** The assay behind the current fineness. */
  assay?: Assay;
  createdAt: number;
  lastEventAt: number;
}

/** An edge of the genealogy: how much fine gold of `input` went into `output`. */
export interface LotInputEdge {
  output: LotUri;
  input: LotUri;
  fineMg: Milligrams;
}
