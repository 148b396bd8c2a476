import type { QueuedCapture } from './store';

/**
 * How long a capture the server accepted stays in the device's queue: 30 days. Not a standard's figure: long
 * enough for an agent to look back over a month of buying on the phone, short enough that a phone used every day
 * does not fill its storage with signed texts the server keeps anyway (the ledger holds the events, and the device
 * signature is kept with what it signed). Waiting and refused captures are never pruned: they are not on the server.
 */
export const ACCEPTED_RETENTION_DAYS = 30;

const DAY_MS = 86_400_000;

/** Accepted by the server, or already recorded there (a duplicate): safe to drop from the device. */
export function isSettled(q: QueuedCapture): boolean {
  return q.status === 'accepted' || q.status === 'duplicate';
}

/** What "clear accepted" removes: the settled captures; waiting and refused ones stay. */
export function settledCaptures(queue: readonly QueuedCapture[]): QueuedCapture[] {
  return queue.filter(isSettled);
}

/** The settled captures synced more than ACCEPTED_RETENTION_DAYS before `now` (pruned when the page opens). */
export function expiredCaptures(queue: readonly QueuedCapture[], now: Date): QueuedCapture[] {
  const limit = now.getTime() - ACCEPTED_RETENTION_DAYS * DAY_MS;
  return queue.filter((q) => isSettled(q) && Date.parse(q.syncedAt ?? q.createdAt) < limit);
}
