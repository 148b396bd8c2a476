import { useCallback, useEffect, useState } from 'react';
import { refreshKit } from './kit';
import { loadKit, queuedCaptures, type FieldKit, type QueuedCapture } from './store';
import { retryCaptures, syncCaptures } from './sync';

/** The state of the capture page: the field kit, the queue, the network and the last sync. */
export interface Field {
  kit?: FieldKit;
  queue: QueuedCapture[];
  online: boolean;
  syncing: boolean;
  /** Why the last refresh or sync failed (the queue is kept). */
  error?: unknown;
  /** Updates after a capture: the kit it changed and the capture queued. */
  captured(kit: FieldKit, item: QueuedCapture): void;
  sync(): Promise<void>;
  retry(): Promise<void>;
}

function merge(queue: QueuedCapture[], items: readonly QueuedCapture[]): QueuedCapture[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const kept = queue.map((q) => byId.get(q.id) ?? q);
  const added = items.filter((i) => !queue.some((q) => q.id === i.id));
  return [...kept, ...added];
}

/**
 * Loads what the device keeps, then, whenever the network is there (on load and on every `online` event), fetches
 * the kit again and sends the pending captures.
 */
export function useField(org: string): Field {
  const [kit, setKit] = useState<FieldKit>();
  const [queue, setQueue] = useState<QueuedCapture[]>([]);
  const [online, setOnline] = useState(() => navigator.onLine);
  const [syncing, setSyncing] = useState(false);
  const [error, setError] = useState<unknown>();

  const connect = useCallback(async () => {
    setSyncing(true);
    setError(undefined);
    try {
      const fresh = await refreshKit(org);
      setKit(fresh);
      const done = await syncCaptures(fresh.device.id, await queuedCaptures(org));
      setQueue((q) => merge(q, done));
      // What was just accepted (new miners and lots) is the server's now: fetch the lists again.
      if (done.some((d) => d.status === 'accepted')) setKit(await refreshKit(org));
    } catch (err) {
      setError(err);
    } finally {
      setSyncing(false);
    }
  }, [org]);

  useEffect(() => {
    let live = true;
    void (async () => {
      const [kept, items] = await Promise.all([loadKit(org), queuedCaptures(org)]);
      if (!live) return;
      if (kept) setKit(kept);
      setQueue(items);
      if (navigator.onLine) await connect();
    })();
    const up = () => {
      setOnline(true);
      void connect();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      live = false;
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [org, connect]);

  const captured = useCallback((k: FieldKit, item: QueuedCapture) => {
    setKit(k);
    setQueue((q) => merge(q, [item]));
  }, []);

  const retry = useCallback(async () => {
    const again = await retryCaptures(await queuedCaptures(org));
    setQueue((q) => merge(q, again));
    await connect();
  }, [org, connect]);

  return { ...(kit ? { kit } : {}), queue, online, syncing, ...(error !== undefined ? { error } : {}), captured, sync: connect, retry };
}
