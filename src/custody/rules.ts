import type { LotState, Metal, PurchaseEvent, TransformOperation } from './types.js';

/**
 * The dated numbers the custody decisions need. They come from rule tables (effective from/to,
 * source, confidence), never from constants, so a tolerance changed next year leaves old events
 * judged under the rule in force on their date.
 */
export interface CustodyRules {
  /** Largest fine-gold loss allowed for an operation on a date, in parts per thousand of the fine gold in; undefined when no rule covers the date. */
  lossTolerancePermille(operation: TransformOperation, atMs: number): number | undefined;
  /**
   * What happens to a transform losing more than the tolerance: `reject` it (also when no rule covers
   * the date), or `accept_declared`: accept it when it carries a matching declared deviation
   * (`gold:lossDeviation`), which the due-diligence side turns into an incident.
   */
  lossDeviationPolicy(operation: TransformOperation, atMs: number): LossDeviationPolicy | undefined;
  /**
   * When mass-balance credits of a scheme and metal earned at `earnedAtMs` expire (epoch ms), by the
   * scheme's expiry rule in force that day; undefined when no rule covers them (they do not expire).
   */
  creditExpiresAt(scheme: string, metal: Metal, earnedAtMs: number): number | undefined;
}

export const LOSS_DEVIATION_POLICIES = ['reject', 'accept_declared'] as const;
export type LossDeviationPolicy = (typeof LOSS_DEVIATION_POLICIES)[number];

/** Facts about the world outside the lots that decisions need (all answered from data passed in). */
export interface DecisionContext {
  /** Epoch ms "now" (events in the future beyond the skew are implausible). */
  now: number;
  /** Allowed clock skew of field devices, ms. */
  maxClockSkewMs: number;
  rules: CustodyRules;
  /** Is this a registered organisation? */
  isOrganisation(uri: string): boolean;
  /** Is this a registered mine site? */
  isSite(uri: string): boolean;
  /** Is this a registered miner (of any producer organisation)? */
  isMiner(uri: string): boolean;
  /**
   * Throws (ORP_SUPPLIER_SUSPENDED / ORP_SUPPLIER_DISENGAGED) when `organisation` had suspended or
   * disengaged from one of `parties` (or the organisation a site or miner belongs to) at `atMs`;
   * absent when no due-diligence decision applies. `lots` are the new lots, for the error.
   */
  checkSuppliers?(organisation: string, parties: string[], lots: string[], atMs: number): void;
  /**
   * Judges the price of a purchase of lots (as they stand before it) against the minimum of the schemes
   * they carry and the buyer's below-minimum policy; throws to refuse it. Loaded per batch with the
   * benchmark prices, rates and policies of the batch's dates and buyers (src/premiums); absent when the
   * batch holds no purchase.
   */
  purchasePrice?(purchase: PurchaseEvent, lots: readonly LotState[]): void;
}
