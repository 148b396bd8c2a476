import { api } from '../api';
import { renewCsrf } from './kit';
import { saveCaptures, type QueuedCapture } from './store';

/** The answer of POST /field/sync for one capture. */
export interface SyncResult {
  localId: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  eventIds?: string[];
  error?: { code: string; message: string };
}

/** Captures sent per request (the server takes up to 200). */
const BATCH = 50;

/**
 * Sends the pending captures, oldest first, and keeps each one's result: accepted, duplicate (already recorded:
 * shown as accepted), or refused with the server's code and reason.
 */
export async function syncCaptures(device: string, items: readonly QueuedCapture[]): Promise<QueuedCapture[]> {
  const pending = items.filter((i) => i.status === 'pending');
  if (pending.length === 0) return [];
  await renewCsrf();
  const done: QueuedCapture[] = [];
  for (let k = 0; k < pending.length; k += BATCH) {
    const batch = pending.slice(k, k + BATCH);
    const r = await api.post<{ results: SyncResult[] }>('/field/sync', { device, items: batch.map((i) => ({ localId: i.id, kind: i.kind, body: i.body, signature: i.signature })) });
    const byId = new Map(r.results.map((x) => [x.localId, x]));
    const syncedAt = new Date().toISOString();
    const updated = batch.map((i): QueuedCapture => {
      const x = byId.get(i.id);
      if (!x) return i;
      const { error: _previous, ...rest } = i;
      return { ...rest, status: x.status, syncedAt, ...(x.error ? { error: { code: x.error.code, message: x.error.message } } : {}) };
    });
    await saveCaptures(updated);
    done.push(...updated);
  }
  return done;
}

/** Puts refused captures back in the queue, to be sent again at the next sync. */
export async function retryCaptures(items: readonly QueuedCapture[]): Promise<QueuedCapture[]> {
  const again = items.filter((i) => i.status === 'rejected').map(({ error: _e, syncedAt: _s, ...rest }) => ({ ...rest, status: 'pending' as const }));
  await saveCaptures(again);
  return again;
}
