import { parentPort } from 'node:worker_threads';
import type { LedgerEntry } from './types.js';
import { prepareAll } from './prepare.js';

// Hashing and serialising events is pure CPU work: a worker does it while the main thread writes.
parentPort?.on('message', (msg: { id: number; events: LedgerEntry[] }) => {
  parentPort!.postMessage({ id: msg.id, outcomes: prepareAll(msg.events) });
});
