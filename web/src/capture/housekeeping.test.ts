import { describe, expect, it } from 'vitest';
import { ACCEPTED_RETENTION_DAYS, expiredCaptures, settledCaptures } from './housekeeping';
import type { QueuedCapture, QueueStatus } from './store';

const DAY = 86_400_000;
const now = new Date('2026-06-30T12:00:00Z');

/** A queued capture of this status, synced `daysAgo` days before `now` (never synced when pending). */
function capture(id: string, status: QueueStatus, daysAgo: number): QueuedCapture {
  const at = new Date(now.getTime() - daysAgo * DAY).toISOString();
  return { id, org: 'coop', device: 'd1', kind: 'epcis', what: 'purchase', label: id, body: '{}', signature: 's', createdAt: at, status, ...(status === 'pending' ? {} : { syncedAt: at }) };
}

describe('field capture queue housekeeping', () => {
  const old = ACCEPTED_RETENTION_DAYS + 1;
  const queue = [
    capture('waiting-old', 'pending', old),
    capture('refused-old', 'rejected', old),
    capture('accepted-old', 'accepted', old),
    capture('duplicate-old', 'duplicate', old),
    capture('accepted-new', 'accepted', ACCEPTED_RETENTION_DAYS - 1),
    capture('waiting-new', 'pending', 0),
    capture('refused-new', 'rejected', 0),
  ];

  it('clears the accepted captures (duplicates included) and keeps every waiting and refused one', () => {
    const cleared = new Set(settledCaptures(queue).map((q) => q.id));
    expect(cleared).toEqual(new Set(['accepted-old', 'duplicate-old', 'accepted-new']));
    const kept = queue.filter((q) => !cleared.has(q.id));
    expect(kept.map((q) => q.status).sort()).toEqual(['pending', 'pending', 'rejected', 'rejected']);
  });

  it('prunes only the accepted captures synced more than the retention period ago', () => {
    expect(expiredCaptures(queue, now).map((q) => q.id)).toEqual(['accepted-old', 'duplicate-old']);
    // A day later, the one synced just inside the period is still kept; past it, it goes too.
    expect(expiredCaptures(queue, new Date(now.getTime() + DAY)).map((q) => q.id)).toEqual(['accepted-old', 'duplicate-old']);
    expect(expiredCaptures(queue, new Date(now.getTime() + 2 * DAY)).map((q) => q.id)).toEqual(['accepted-old', 'duplicate-old', 'accepted-new']);
  });
});
