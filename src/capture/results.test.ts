import { describe, expect, it } from 'vitest';
import type { ItemResult } from '../ledger/index.js';
import { compactResults, resultsPage, seqRange } from './results.js';

const error = { code: 'ORP_LOT_CLOSED' as const, message: 'closed', details: { lot: 'x' } };

function accepted(index: number, seq: number): ItemResult {
  return { index, status: 'accepted', eventId: `id-${seq}`, seq };
}

describe('compact job results', () => {
  it('stores a run of accepted events with consecutive seqs as one entry', () => {
    const results = Array.from({ length: 100_000 }, (_, i) => accepted(i, 50 + i));
    expect(compactResults(results)).toEqual([{ status: 'accepted', from: 0, count: 100_000, seq: 50 }]);
  });

  it('keeps every duplicate and rejected event with its id and error, and rolled-back runs without ids', () => {
    const results: ItemResult[] = [
      accepted(0, 10),
      { index: 1, status: 'duplicate', eventId: 'dup' },
      accepted(2, 11),
      accepted(3, 12),
      { index: 4, status: 'rejected', eventId: 'bad', error },
      { index: 5, status: 'rolled_back', eventId: 'r5' },
      { index: 6, status: 'rolled_back', eventId: 'r6' },
    ];
    expect(compactResults(results)).toEqual([
      { status: 'accepted', from: 0, count: 1, seq: 10 },
      { status: 'duplicate', from: 1, eventId: 'dup' },
      { status: 'accepted', from: 2, count: 2, seq: 11 },
      { status: 'rejected', from: 4, eventId: 'bad', error },
      { status: 'rolled_back', from: 5, count: 2 },
    ]);
  });

  it('expands any page of the runs back to one result per event, accepted ones with their seq', () => {
    const runs = compactResults([
      accepted(0, 10),
      { index: 1, status: 'duplicate', eventId: 'dup' },
      accepted(2, 11),
      accepted(3, 12),
      { index: 4, status: 'rejected', error },
    ]);
    expect(resultsPage(runs, 0, 10)).toEqual([
      { index: 0, status: 'accepted', seq: 10 },
      { index: 1, status: 'duplicate', eventId: 'dup' },
      { index: 2, status: 'accepted', seq: 11 },
      { index: 3, status: 'accepted', seq: 12 },
      { index: 4, status: 'rejected', error },
    ]);
    expect(resultsPage(runs, 3, 1)).toEqual([{ index: 3, status: 'accepted', seq: 12 }]);
    expect(resultsPage(runs, 5, 10)).toEqual([]);
  });

  it('pages inside a long run without expanding the rest', () => {
    const runs = [{ status: 'accepted' as const, from: 0, count: 100_000, seq: 1 }];
    const page = resultsPage(runs, 99_998, 1000);
    expect(page).toEqual([
      { index: 99_998, status: 'accepted', seq: 99_999 },
      { index: 99_999, status: 'accepted', seq: 100_000 },
    ]);
    expect(seqRange(page)).toEqual({ from: 99_999, to: 100_000 });
    expect(seqRange(resultsPage([{ status: 'rolled_back', from: 0, count: 3 }], 0, 3))).toBeUndefined();
  });
});
