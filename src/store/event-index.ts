import type { Kysely } from 'kysely';
import { eventIndex, type EventIndex } from '../epcis/index.js';
import { insertFlat } from './bulk.js';
import type { Dialect } from './db.js';
import type { EventIndexColumns, EventIndexTables } from './event-index-tables.js';
import type { Database } from './schema.js';

/** The ledger's tables with the event index (see event-index-tables.ts). */
export type IndexedDatabase = Database & EventIndexTables;

// Rows per INSERT: well under both dialects' bound-parameter limits at five columns a row.
const ROWS = 2000;

/** The index columns an event's row in `events` carries. */
export function indexColumns(index: EventIndex): EventIndexColumns {
  return { action: index.action, disposition: index.disposition, read_point: index.readPoint, biz_location: index.bizLocation };
}

/** The index of a stored record, from its body when the ledger did not hand one over. */
export function indexOfRecord(record: { body: string; recorder: string; index?: EventIndex }): EventIndex {
  return record.index ?? eventIndex(JSON.parse(record.body) as Record<string, unknown>, record.recorder);
}

const COLUMNS = {
  event_epcs: ['seq', 'role', 'epc'],
  event_biz_tx: ['seq', 'type', 'id'],
  event_src_dest: ['seq', 'dir', 'type', 'id'],
  event_fields: ['seq', 'scope', 'name', 'text_value', 'num_value'],
  event_parties: ['party', 'seq'],
} as const satisfies Partial<Record<keyof EventIndexTables, readonly (string)[]>>;

async function insertAll<T extends keyof typeof COLUMNS>(db: Kysely<IndexedDatabase>, dialect: Dialect, table: T, params: unknown[]): Promise<void> {
  const width = COLUMNS[table].length;
  for (let i = 0; i < params.length; i += ROWS * width) {
    await insertFlat(db, dialect, table, COLUMNS[table], params.slice(i, i + ROWS * width), (r) => db.insertInto(table).values(r as never));
  }
}

/**
 * Writes the index rows of events already inserted in `events` (the side tables only; the index
 * columns go into the events rows themselves). Multi-row inserts, in the caller's transaction.
 * Values go straight into flat parameter lists: capture writes about a dozen index rows an event.
 */
export async function writeEventIndex(db: Kysely<IndexedDatabase>, dialect: Dialect, entries: { seq: number; index: EventIndex }[]): Promise<void> {
  const epcs: unknown[] = [];
  const bizTx: unknown[] = [];
  const srcDest: unknown[] = [];
  const fields: unknown[] = [];
  const parties: unknown[] = [];
  for (const { seq, index } of entries) {
    for (const [role, epc] of index.epcs) epcs.push(seq, role, epc);
    for (const [type, id] of index.bizTransactions) bizTx.push(seq, type ?? null, id);
    for (const [dir, type, id] of index.sourcesDestinations) srcDest.push(seq, dir, type, id);
    for (const [scope, name, text, num] of index.fields) fields.push(seq, scope, name, text ?? null, num ?? null);
    for (const party of index.parties) parties.push(party, seq);
  }
  await insertAll(db, dialect, 'event_epcs', epcs);
  await insertAll(db, dialect, 'event_biz_tx', bizTx);
  await insertAll(db, dialect, 'event_src_dest', srcDest);
  await insertAll(db, dialect, 'event_fields', fields);
  await insertAll(db, dialect, 'event_parties', parties);
}
