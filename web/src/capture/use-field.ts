import { useCallback, useEffect, useState } from 'react';
import { expiredCaptures, settledCaptures } from './housekeeping';
import { refreshKit } from './kit';
import { loadKit, queuedCaptures, removeCaptures, type FieldKit, type QueuedCapture } from './store';
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
  /** Removes the accepted captures from the device (waiting and refused ones stay). */
  clearAccepted(): Promise<void>;
}

function merge(queue: QueuedCapture[], items: readonly QueuedCapture[]): QueuedCapture[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const kept = queue.map((q) => byId.get(q.id) ?? q);
  const added = items.filter((i) => !queue.some((q) => q.id === i.id));
  return [...kept, ...added];
}

/** Removes `gone` from the device's queue; answers a filter that keeps what is left. */
async function drop(gone: readonly QueuedCapture[]): Promise<(q: QueuedCapture) => boolean> {
  if (gone.length > 0) await removeCaptures(gone.map((g) => g.id));
  const ids = new Set(gone.map((g) => g.id));
  return (q) => !ids.has(q.id);
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
      const [kept, all] = await Promise.all([loadKit(org), queuedCaptures(org)]);
      // Housekeeping: accepted captures older than the retention period leave the device.
      const items = all.filter(await drop(expiredCaptures(all, new Date())));
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
    // Busy from the click on (connect keeps it so): no moment where the old counts show with the buttons enabled.
    setSyncing(true);
    try {
      const again = await retryCaptures(await queuedCaptures(org));
      setQueue((q) => merge(q, again));
    } finally {
      setSyncing(false);
    }
    await connect();
  }, [org, connect]);

  const clearAccepted = useCallback(async () => {
    const left = await drop(settledCaptures(await queuedCaptures(org)));
    setQueue((q) => q.filter(left));
  }, [org]);

  return { ...(kit ? { kit } : {}), queue, online, syncing, ...(error !== undefined ? { error } : {}), captured, sync: connect, retry, clearAccepted };
}
