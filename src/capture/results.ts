import type { ItemResult } from '../ledger/index.js';
import type { EventResult } from './job.js';

/**
 * The per-event results of a job, stored compactly: a run of accepted events written under consecutive
 * ledger sequence numbers is one entry (their event ids are read back from the ledger by seq), a run of
 * rolled-back events is one entry, and every duplicate or rejected event is its own entry.
 */
export type ResultRun =
  | { status: 'accepted'; from: number; count: number; seq: number }
  | { status: 'rolled_back'; from: number; count: number }
  | { status: 'duplicate'; from: number; eventId: string }
  | { status: 'rejected'; from: number; eventId?: string; error: NonNullable<ItemResult['error']> };

/** Compacts results given in document order (`results[i].index === i`). */
export function compactResults(results: readonly ItemResult[]): ResultRun[] {
  const runs: ResultRun[] = [];
  for (const r of results) {
    const last = runs[runs.length - 1];
    if (r.status === 'accepted') {
      if (last?.status === 'accepted' && last.from + last.count === r.index && last.seq + last.count === r.seq) last.count++;
      else runs.push({ status: 'accepted', from: r.index, count: 1, seq: r.seq! });
    } else if (r.status === 'rolled_back') {
      if (last?.status === 'rolled_back' && last.from + last.count === r.index) last.count++;
      else runs.push({ status: 'rolled_back', from: r.index, count: 1 });
    } else if (r.status === 'duplicate') {
      runs.push({ status: 'duplicate', from: r.index, eventId: r.eventId! });
    } else {
      runs.push({ status: 'rejected', from: r.index, ...(r.eventId ? { eventId: r.eventId } : {}), error: r.error! });
    }
  }
  return runs;
}

function runLength(run: ResultRun): number {
  return run.status === 'accepted' || run.status === 'rolled_back' ? run.count : 1;
}

/**
 * The results of events `offset` .. `offset + limit - 1`. Accepted events come with their ledger `seq`
 * and no event id: the caller reads the ids for those seqs from the ledger (`eventIdsBySeq`).
 */
export function resultsPage(runs: readonly ResultRun[], offset: number, limit: number): (EventResult & { seq?: number })[] {
  const page: (EventResult & { seq?: number })[] = [];
  const end = offset + limit;
  for (const run of runs) {
    const n = runLength(run);
    if (run.from + n <= offset) continue;
    if (run.from >= end) break;
    for (let i = Math.max(run.from, offset); i < Math.min(run.from + n, end); i++) {
      if (run.status === 'accepted') page.push({ index: i, status: 'accepted', seq: run.seq + (i - run.from) });
      else if (run.status === 'rolled_back') page.push({ index: i, status: 'rolled_back' });
      else if (run.status === 'duplicate') page.push({ index: i, status: 'duplicate', eventId: run.eventId });
      else page.push({ index: i, status: 'rejected', ...(run.eventId ? { eventId: run.eventId } : {}), error: run.error });
    }
  }
  return page;
}

/** The seq range covered by a page's accepted events, or undefined when it has none. */
export function seqRange(page: readonly { seq?: number }[]): { from: number; to: number } | undefined {
  let from = Infinity;
  let to = -Infinity;
  for (const r of page) {
    if (r.seq === undefined) continue;
    from = Math.min(from, r.seq);
    to = Math.max(to, r.seq);
  }
  return from <= to ? { from, to } : undefined;
}
