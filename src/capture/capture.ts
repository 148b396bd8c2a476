import { pendingCaptureEntry, type AppendOptions, type AppendResult, type ItemResult, type LedgerEntry } from '../ledger/index.js';
import type { NormalisedEvent } from '../epcis/index.js';
import { capped, rejectionProblem, type CaptureCounts, type CaptureErrorBehaviour, type CaptureProblem } from './job.js';

/** What capture needs of the ledger: `Orpaille.append`. */
export type AppendEntries = (entries: LedgerEntry[], options: AppendOptions) => Promise<AppendResult>;

/** The outcome of capturing a document's events: one result per event, in document order. */
export interface CaptureOutcome extends CaptureCounts {
  /** True when the accepted events were written. */
  committed: boolean;
  results: ItemResult[];
  problems: CaptureProblem[];
}

/** The append mode that implements an error behaviour. */
export function appendMode(behaviour: CaptureErrorBehaviour): 'atomic' | 'partial' {
  return behaviour === 'rollback' ? 'atomic' : 'partial';
}

/**
 * Captures normalised events recorded by `recorder` through the ledger, in one transaction, with one
 * result per event in document order. An event that speaks the gold extension but is not a
 * well-formed gold event is rejected by the ledger's prepare step (ORP_EPCIS_INVALID); with
 * `rollback` that alone means nothing is written and the other events are rolled back.
 */
export async function captureEvents(
  append: AppendEntries,
  events: readonly NormalisedEvent[],
  recorder: string,
  behaviour: CaptureErrorBehaviour,
  onProgress?: (written: number, total: number) => void,
): Promise<CaptureOutcome> {
  const results: ItemResult[] = new Array(events.length);
  // The gold reading is made where each event is prepared (worker threads for large documents).
  const entries: LedgerEntry[] = events.map((event) => pendingCaptureEntry(event, recorder));
  if (events.length === 0) return { committed: false, results, ...countsOf(results), problems: [] };
  const r = await append(entries, { mode: appendMode(behaviour), ...(onProgress ? { onProgress } : {}) });
  const committed = r.committed;
  r.results.forEach((item, j) => {
    item.index = j;
    results[j] = item;
  });
  return { committed, results, ...countsOf(results), problems: capped(results.filter((r) => r.status === 'rejected').map(rejectionProblem)) };
}

/** How many events ended in each status. */
export function countsOf(results: readonly ItemResult[]): CaptureCounts {
  const c = { eventCount: results.length, accepted: 0, duplicates: 0, rejected: 0, rolledBack: 0 };
  for (const r of results) {
    if (r.status === 'accepted') c.accepted++;
    else if (r.status === 'duplicate') c.duplicates++;
    else if (r.status === 'rejected') c.rejected++;
    else c.rolledBack++;
  }
  return c;
}
