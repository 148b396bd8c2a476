import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Counters, DeviceIdentity } from './ids';
import type { PriceBasis } from './pricing';

/*
 * What the capture page keeps on the device, in IndexedDB: the device key pair (the private key cannot be
 * exported), the "field kit" fetched when last online (device, sites, miners, lots, price bases), the identifier
 * counters and the queue of signed captures, keyed by the SHA-256 of their exact text.
 */

export interface SiteSummary {
  id: string;
  uri: string;
  name: string;
  country: string;
  /** The organisation the site belongs to (party URI); absent in a kit fetched before sites carried it: the caller's. */
  owner?: string;
  /** Whether the site is the caller's organisation's own (false: a supplier's site it may buy from); absent: own. */
  own?: boolean;
}

export interface MinerSummary {
  id: string;
  uri: string;
  displayName: string;
  /** Registered on this device and not yet accepted by the server. */
  local?: boolean;
}

/** What the page knows of a lot the organisation holds (GET /lots, then what this device recorded). */
export interface LotSummary {
  id: string;
  lotNumber: string;
  form: string;
  grossGrams: string;
  custodian: string;
  status: string;
  inTransitTo?: string;
  bag?: string;
}

export interface FieldKit {
  device: DeviceIdentity;
  sites: SiteSummary[];
  miners: MinerSummary[];
  lots: LotSummary[];
  /** Price basis per scheme, when the server had a price for the day. */
  bases: Record<string, PriceBasis>;
  /** Tag and seal serials issued to the organisation and not used yet (GET /tags/stock); absent in older kits. */
  tags?: string[];
  refreshedAt: string;
}

export type CaptureKind = 'miner' | 'purchase' | 'pack' | 'ship' | 'receive' | 'assay';
export type QueueStatus = 'pending' | 'accepted' | 'duplicate' | 'rejected';

/** One signed capture waiting for (or back from) POST /field/sync. */
export interface QueuedCapture {
  /** SHA-256 (hex) of `body`: the same capture cannot be queued twice. */
  id: string;
  org: string;
  device: string;
  kind: 'miner' | 'epcis';
  what: CaptureKind;
  /** A short description for the queue list (miner name, lot number, ...). */
  label: string;
  body: string;
  signature: string;
  createdAt: string;
  status: QueueStatus;
  error?: { code: string; message: string };
  syncedAt?: string;
}

interface FieldDb extends DBSchema {
  keys: { key: string; value: CryptoKeyPair };
  kit: { key: string; value: FieldKit };
  counters: { key: string; value: Counters };
  queue: { key: string; value: QueuedCapture; indexes: { org: string } };
}

let db: Promise<IDBPDatabase<FieldDb>> | undefined;

/** The page's database (opened once). */
export function fieldDb(): Promise<IDBPDatabase<FieldDb>> {
  db ??= openDB<FieldDb>('orpaille-field', 1, {
    upgrade(d) {
      d.createObjectStore('keys');
      d.createObjectStore('kit');
      d.createObjectStore('counters');
      d.createObjectStore('queue', { keyPath: 'id' }).createIndex('org', 'org');
    },
  });
  return db;
}

/** The organisation's queued captures, oldest first (the order they are synced in). */
export async function queuedCaptures(org: string): Promise<QueuedCapture[]> {
  const all = await (await fieldDb()).getAllFromIndex('queue', 'org', org);
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** Adds a capture unless the same text is queued already; returns what the queue holds under its id. */
export async function enqueue(item: QueuedCapture): Promise<QueuedCapture> {
  const tx = (await fieldDb()).transaction('queue', 'readwrite');
  const prior = await tx.store.get(item.id);
  if (!prior) await tx.store.add(item);
  await tx.done;
  return prior ?? item;
}

/** Writes back captures after a sync. */
export async function saveCaptures(items: readonly QueuedCapture[]): Promise<void> {
  const tx = (await fieldDb()).transaction('queue', 'readwrite');
  await Promise.all([...items.map((i) => tx.store.put(i)), tx.done]);
}

/** Removes captures from the queue (housekeeping: only ones the server has; web/src/capture/housekeeping.ts). */
export async function removeCaptures(ids: readonly string[]): Promise<void> {
  const tx = (await fieldDb()).transaction('queue', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}

export async function loadKit(org: string): Promise<FieldKit | undefined> {
  return (await fieldDb()).get('kit', org);
}

export async function saveKit(org: string, kit: FieldKit): Promise<void> {
  await (await fieldDb()).put('kit', kit, org);
}

/**
 * Takes the next identifiers atomically: `take` gets the device's counters and returns what it allocated with the
 * counters after it, which are stored before anything is returned (a number is never given out twice).
 */
export async function allocate<T>(device: string, take: (c: Counters) => T & { counters: Counters }, initial: Counters): Promise<T> {
  const tx = (await fieldDb()).transaction('counters', 'readwrite');
  const r = take((await tx.store.get(device)) ?? initial);
  await tx.store.put(r.counters, device);
  await tx.done;
  return r;
}
