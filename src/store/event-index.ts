import type { Kysely } from 'kysely';
import { eventIndex, type EventIndex } from '../epcis/index.js';
import { chunks } from './chunks.js';
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

async function insertAll<T extends keyof EventIndexTables & string>(db: Kysely<IndexedDatabase>, table: T, rows: Record<string, unknown>[]): Promise<void> {
  for (const part of chunks(rows, ROWS)) await db.insertInto(table).values(part as never).execute();
}

/**
 * Writes the index rows of events already inserted in `events` (the side tables only; the index
 * columns go into the events rows themselves). Multi-row inserts, in the caller's transaction.
 */
export async function writeEventIndex(db: Kysely<IndexedDatabase>, entries: { seq: number; index: EventIndex }[]): Promise<void> {
  const epcs: Record<string, unknown>[] = [];
  const bizTx: Record<string, unknown>[] = [];
  const srcDest: Record<string, unknown>[] = [];
  const fields: Record<string, unknown>[] = [];
  const parties: Record<string, unknown>[] = [];
  for (const { seq, index } of entries) {
    for (const [role, epc] of index.epcs) epcs.push({ seq, role, epc });
    for (const [type, id] of index.bizTransactions) bizTx.push({ seq, type, id });
    for (const [dir, type, id] of index.sourcesDestinations) srcDest.push({ seq, dir, type, id });
    for (const [scope, name, text, num] of index.fields) fields.push({ seq, scope, name, text_value: text, num_value: num });
    for (const party of index.parties) parties.push({ party, seq });
  }
  await insertAll(db, 'event_epcs', epcs);
  await insertAll(db, 'event_biz_tx', bizTx);
  await insertAll(db, 'event_src_dest', srcDest);
  await insertAll(db, 'event_fields', fields);
  await insertAll(db, 'event_parties', parties);
}
