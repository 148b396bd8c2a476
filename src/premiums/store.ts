import type { PartyUri } from '../custody/index.js';
import type { Contract, Delivery, FailedDelivery } from './contracts.js';
import type { BenchmarkPrice } from '../certification/index.js';
import type { BelowMinimumPolicy, FxRate, OrgSettings, PremiumPayment, PremiumPlan, PremiumProject, PremiumSpending, RecordedValuation } from './types.js';

/** What pricing purchases needs from the database, asked once per batch (or chunk of a batch). */
export interface PricingFactsQuery {
  /** Purchase dates: the benchmark price that applies on each. */
  dates: string[];
  sellers: PartyUri[];
  buyers: PartyUri[];
  /** Non-USD currencies, with the oldest and newest dates asked. */
  currencies: { currency: string; from: string; to: string }[];
}

export interface PricingFacts {
  /** Seller -> the producer organisation behind it (itself, or the organisation of a miner). */
  producers: Map<PartyUri, PartyUri>;
  /** Buyer -> its stored below-minimum policy (absent: the default). */
  policies: Map<PartyUri, BelowMinimumPolicy>;
  fxRates: FxRate[];
  /** Date -> the gold prices that may apply on it: the latest fixing on or before it, the average of its month. */
  benchmarks: Map<string, { latestFixing?: BenchmarkPrice; monthlyAverage?: BenchmarkPrice }>;
}

/** Filter of premium ledger rows; every given field must match. */
export interface LedgerFilter {
  producer?: PartyUri;
  /** Buyer of a valuation, payer of a payment. */
  buyer?: PartyUri;
}

/**
 * The premium ledger, the organisations' settings, exchange rates and trading contracts, as the
 * premiums service reads and writes them. src/store implements it for both databases.
 */
export interface PremiumStore {
  /** Runs `fn` in one transaction over a store bound to it (checks and writes stay together). */
  transaction<T>(fn: (store: PremiumStore) => Promise<T>): Promise<T>;

  settings(org: PartyUri): Promise<OrgSettings | undefined>;
  setSettings(org: PartyUri, settings: OrgSettings, by: string, at: number): Promise<void>;
  pricingFacts(q: PricingFactsQuery): Promise<PricingFacts>;

  /** Adds rates; ORP_ALREADY_RECORDED when one of them has a rate for that currency and date already. */
  addFxRates(rates: FxRate[], at: number): Promise<void>;
  fxRates(currency?: string): Promise<FxRate[]>;

  valuations(filter: LedgerFilter): Promise<RecordedValuation[]>;
  /** Replaces a recorded valuation (a purchase not evaluated at capture, priced later). */
  updateValuation(v: RecordedValuation): Promise<void>;

  /** ORP_ALREADY_RECORDED when the payer already recorded a payment with this reference. */
  addPayment(p: PremiumPayment): Promise<void>;
  payments(filter: LedgerFilter): Promise<PremiumPayment[]>;

  addPlan(p: PremiumPlan): Promise<void>;
  plans(producer: PartyUri): Promise<PremiumPlan[]>;
  plan(id: string): Promise<PremiumPlan | undefined>;
  addProject(p: PremiumProject): Promise<void>;
  projects(producer: PartyUri): Promise<PremiumProject[]>;
  project(id: string): Promise<PremiumProject | undefined>;
  addSpending(s: PremiumSpending): Promise<void>;
  /** Spending of a producer, or of one of its projects. */
  spending(producer: PartyUri, project?: string): Promise<PremiumSpending[]>;

  /** ORP_ALREADY_RECORDED when the buyer already has a contract with this reference. */
  addContract(c: Contract): Promise<void>;
  contract(id: string): Promise<Contract | undefined>;
  /** Contracts to which any of `parties` is buyer or seller (all contracts when undefined), oldest first. */
  contracts(parties?: readonly PartyUri[]): Promise<Contract[]>;
  endTrial(id: string, on: string): Promise<void>;
  addDelivery(d: Delivery): Promise<void>;
  deliveries(contract: string): Promise<Delivery[]>;
  addFailedDelivery(f: FailedDelivery): Promise<void>;
  failedDeliveries(contract: string): Promise<FailedDelivery[]>;
}
