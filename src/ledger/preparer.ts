import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LedgerEntry } from './types.js';
import { prepareAll, type PrepareOutcome } from './prepare.js';

/** Prepares chunks of events, in worker threads when the compiled worker is available. */
export interface Preparer {
  prepare(events: LedgerEntry[]): Promise<PrepareOutcome[]>;
}

const inThread: Preparer = { prepare: async (events) => prepareAll(events) };

interface Pending {
  resolve(o: PrepareOutcome[]): void;
  reject(e: Error): void;
}

class WorkerPool implements Preparer {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private id = 0;

  constructor(file: string, size: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(file);
      // Idle workers must not keep a CLI process alive.
      w.unref();
      w.on('message', (m: { id: number; outcomes: PrepareOutcome[] }) => {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        p?.resolve(m.outcomes);
      });
      w.on('error', (err) => {
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      this.workers.push(w);
    }
  }

  prepare(events: LedgerEntry[]): Promise<PrepareOutcome[]> {
    const id = ++this.id;
    const worker = this.workers[this.next++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, events });
    });
  }
}

let pool: Preparer | undefined;

/**
 * The preparer for a batch of `count` events: small batches are prepared in-thread (a worker
 * round trip would cost more than it saves); large ones in a pool of workers, when the compiled
 * worker exists (it does under `dist/`; tests running TypeScript sources use the in-thread path).
 */
export function preparerFor(count: number): Preparer {
  if (count < 2000) return inThread;
  if (pool) return pool;
  const file = fileURLToPath(new URL('./prepare-worker.js', import.meta.url));
  if (!existsSync(file)) return inThread;
  pool = new WorkerPool(file, Math.max(1, Math.min(4, availableParallelism() - 1)));
  return pool;
}
