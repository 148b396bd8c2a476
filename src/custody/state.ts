import type { CreditAccount } from './credits.js';
import type { GoldEvent, LotInputEdge, LotState, LotUri } from './types.js';

/**
 * The working state a batch of decisions reads and evolves: the lots the batch touches and the
 * mass-balance credit accounts of their holders. Loaded from the store per batch, never the whole ledger.
 */
export interface CustodyState {
  lots: Map<LotUri, LotState>;
  /** Mass-balance credit accounts (dated entries of fine metal), keyed by `creditKey(holder, scheme, metal)`. */
  credits: Map<string, CreditAccount>;
}

/** An empty state (for a new ledger or a test). */
export function emptyState(): CustodyState {
  return { lots: new Map(), credits: new Map() };
}

/** Lots an event reads or writes, so a batch can load exactly those. */
export function lotsReferenced(event: GoldEvent): LotUri[] {
  switch (event.type) {
    case 'production':
      return [event.lot.lot];
    case 'purchase':
    case 'pack':
    case 'ship':
    case 'receive':
    case 'export':
      return event.lots;
    case 'assay':
    case 'consume':
      return [event.lot];
    case 'transform':
      return [...event.inputs.map((i) => i.lot), ...event.outputs.map((o) => o.lot)];
  }
}

/** What one event changed: lots created or updated, genealogy edges, credit accounts (by key). */
export interface Change {
  created: LotUri[];
  updated: LotUri[];
  edges: LotInputEdge[];
  credits: string[];
}
