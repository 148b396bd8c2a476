import type { AppliedPrice, RuleRef, PriceScheme } from '../certification/index.js';
import type { LotUri, PartyUri } from '../custody/index.js';
import type { Cents, Milligrams } from '../kernel/index.js';

/** What a buying organisation does with a certified purchase priced below the scheme's minimum. */
export const BELOW_MINIMUM_POLICIES = ['reject', 'flag'] as const;
export type BelowMinimumPolicy = (typeof BELOW_MINIMUM_POLICIES)[number];

/** Without a stored setting a purchase below the minimum is accepted and listed as a finding (the brief's default). */
export const DEFAULT_BELOW_MINIMUM_POLICY: BelowMinimumPolicy = 'flag';

/** Settings an organisation keeps about its own trade. */
export interface OrgSettings {
  belowMinimumPolicy: BelowMinimumPolicy;
}

/** A dated exchange rate: how many US dollars one unit of `currency` bought on `date`, and who said so. */
export interface FxRate {
  /** ISO 4217 code. */
  currency: string;
  /** ISO 8601 calendar date. */
  date: string;
  /** Decimal string, USD per one unit of `currency`. */
  usdPerUnit: string;
  source: string;
}

/** What one scheme's lots of a purchase owe: fine content, minimum and premium with the rule versions used. */
export interface ValuationPart {
  scheme: PriceScheme;
  lots: LotUri[];
  fineMg: Milligrams;
  minimumCents?: Cents;
  premiumCents?: Cents;
  rules?: { minimumPrice: RuleRef; premium: RuleRef };
}

export const VALUATION_STATUSES = ['evaluated', 'not_evaluated'] as const;
export type ValuationStatus = (typeof VALUATION_STATUSES)[number];

/**
 * A certified purchase from a producer, priced against its schemes: the minimum due, the price paid
 * (in USD at the stated rate) and the premium due, each with which benchmark price, which rate and which
 * rule versions. `not_evaluated` says why it could not be priced (no benchmark price, no rate, no rule).
 */
export interface PurchaseValuation {
  purchaseNumber: string;
  eventTime: string;
  /** Calendar date of the purchase where it happened: decides the rules, the benchmark and the rate. */
  date: string;
  /** The producer organisation the premium is owed to (the seller, or the seller's organisation for a miner). */
  producer: PartyUri;
  buyer: PartyUri;
  seller: PartyUri;
  price: { amount: string; currency: string };
  status: ValuationStatus;
  reason?: string;
  /** Fine metal of the certified lots. */
  fineMg: Milligrams;
  parts: ValuationPart[];
  /** The benchmark price that applied on the purchase date: which price, which date, from where. */
  benchmark?: AppliedPrice;
  /** The rate used when the price is not in USD. */
  fx?: FxRate;
  paidCents?: Cents;
  minimumCents?: Cents;
  premiumCents?: Cents;
  belowMinimum: boolean;
  /** The buyer's policy at the time of the purchase. */
  policy: BelowMinimumPolicy;
}

/** A valuation as recorded by the ledger, with the purchase event it belongs to. */
export interface RecordedValuation extends PurchaseValuation {
  eventId: string;
  seq: number;
}

/** A premium payment from a buyer to a producer organisation. */
export interface PremiumPayment {
  id: string;
  producer: PartyUri;
  payer: PartyUri;
  reference: string;
  /** ISO 8601 date. */
  paidOn: string;
  method: string;
  amount: string;
  currency: string;
  /** The amount in USD (at `fx` when paid in another currency). */
  usdCents: Cents;
  fx?: FxRate;
  recordedBy: string;
  createdAt: number;
}

/** A Premium Investment Plan, decided by the producer's Premium Committee on a date, over a period of years. */
export interface PremiumPlan {
  id: string;
  producer: PartyUri;
  scheme: string;
  from: string;
  to: string;
  decidedOn: string;
  decidedBy: string;
  /** Reference of the committee's minutes. */
  minutes?: string;
  createdAt: number;
}

/** A project of a plan, with its budget (USD) and period, decided by the Premium Committee on a date. */
export interface PremiumProject {
  id: string;
  plan: string;
  producer: PartyUri;
  name: string;
  budgetCents: Cents;
  from: string;
  to: string;
  decidedOn: string;
  createdAt: number;
}

/** Premium money spent on a project, with the receipts that show it. */
export interface PremiumSpending {
  id: string;
  project: string;
  producer: PartyUri;
  spentOn: string;
  amount: string;
  currency: string;
  usdCents: Cents;
  fx?: FxRate;
  description: string;
  receipts: string[];
  recordedBy: string;
  createdAt: number;
}
