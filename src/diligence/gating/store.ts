import type { SupplierDecision } from './decisions.js';

/** A lot of a supplier still held by the deciding organisation when it suspends or disengages: flagged, not refused. */
export interface FlaggedLot {
  lot: string;
  /** Where the gold came from (the site of the lot or of its ancestor). */
  site?: string;
  heldMg: number;
  fineness: number;
  status: string;
}

/** The narrow store the decisions need (src/store implements it on both dialects). */
export interface GatingStore {
  /** Records a decision (already checked); append-only. */
  addDecision(d: SupplierDecision): Promise<void>;
  /** An organisation's decisions, oldest first; one supplier's when `supplier` is given. */
  decisions(organisation: string, supplier?: string): Promise<SupplierDecision[]>;
  /**
   * Open lots held or owned by `organisation` that came from `supplier`: produced at the supplier's
   * site (or a site of the supplier organisation), or made from such a lot.
   */
  stockFrom(organisation: string, supplier: string): Promise<FlaggedLot[]>;
}
