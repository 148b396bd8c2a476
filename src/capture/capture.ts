import { captureEntry, errorOf, type AppendOptions, type AppendResult, type ItemResult, type LedgerEntry } from '../ledger/index.js';
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
 * Captures normalised events recorded by `recorder` through the ledger, in one transaction. An event
 * that speaks the gold extension but is not a well-formed gold event is rejected before the ledger sees
 * the batch; with `rollback` that alone means nothing is written and the other events are rolled back.
 */
export async function captureEvents(
  append: AppendEntries,
  events: readonly NormalisedEvent[],
  recorder: string,
  behaviour: CaptureErrorBehaviour,
  onProgress?: (written: number, total: number) => void,
): Promise<CaptureOutcome> {
  const results: ItemResult[] = new Array(events.length);
  const entries: LedgerEntry[] = [];
  const positions: number[] = [];
  events.forEach((event, index) => {
    try {
      entries.push(captureEntry(event, recorder));
      positions.push(index);
    } catch (err) {
      results[index] = { index, status: 'rejected', error: errorOf(err) };
    }
  });
  let committed = false;
  if (events.length === 0) return { committed, results, ...countsOf(results), problems: [] };
  if (entries.length === events.length || (behaviour === 'proceed' && entries.length > 0)) {
    const r = await append(entries, { mode: appendMode(behaviour), ...(onProgress ? { onProgress } : {}) });
    committed = r.committed;
    r.results.forEach((item, j) => {
      item.index = positions[j]!;
      results[item.index] = item;
    });
  } else {
    for (const index of positions) results[index] = { index, status: 'rolled_back' };
  }
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
