import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import { dialectOf } from './bulk.js';
import { writeEventIndex, indexColumns, indexOfRecord, type IndexedDatabase } from './event-index.js';

/*
 * The EPCIS event index (docs/query.md): index columns on `events`, side tables for identifiers,
 * business transactions, sources/destinations, extension fields and the parties who may see an
 * event, and the named queries of the REST binding. Existing ledgers are indexed from events.body.
 */

const BACKFILL_CHUNK = 5000;

/**
 * Text compared byte by byte, as SQLite's default BINARY collation does, so that identifier
 * prefixes (EPC patterns) are index ranges on PostgreSQL whatever the database's locale.
 */
function binaryText(db: Kysely<any>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return (c) => (postgres ? c.modifyEnd(sql`collate "C"`) : c);
}

export const m0002EventIndex: Migration = {
  async up(db: Kysely<any>) {
    const binary = binaryText(db);
    for (const col of ['action', 'disposition', 'read_point', 'biz_location']) {
      await db.schema.alterTable('events').addColumn(col, 'text').execute();
    }
    // Equality on the leading column, event time next: pages in event-time order come straight off the index.
    for (const col of ['biz_step', 'disposition', 'read_point', 'biz_location']) {
      await db.schema.createIndex(`events_${col}_time`).on('events').columns([col, 'event_time']).execute();
    }
    await db.schema
      .createTable('event_epcs')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('epc', 'text', (c) => binary(c.notNull()))
      .execute();
    await db.schema.createIndex('event_epcs_epc').on('event_epcs').columns(['epc', 'seq', 'role']).execute();
    await db.schema
      .createTable('event_biz_tx')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('type', 'text')
      .addColumn('id', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('event_biz_tx_id').on('event_biz_tx').columns(['id', 'seq']).execute();
    await db.schema
      .createTable('event_src_dest')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('dir', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('event_src_dest_id').on('event_src_dest').columns(['id', 'seq']).execute();
    await db.schema
      .createTable('event_fields')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('text_value', 'text', binary)
      .addColumn('num_value', 'double precision')
      .execute();
    await db.schema.createIndex('event_fields_text').on('event_fields').columns(['name', 'text_value', 'seq']).execute();
    await db.schema.createIndex('event_fields_num').on('event_fields').columns(['name', 'num_value', 'seq']).execute();
    await db.schema
      .createTable('event_parties')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('event_parties_pk', ['party', 'seq'])
      .execute();
    await db.schema
      .createTable('named_queries')
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('named_queries_pk', ['owner', 'name'])
      .execute();
    await backfillEventIndex(db as Kysely<IndexedDatabase>);
  },
  async down(db: Kysely<any>) {
    for (const t of ['named_queries', 'event_parties', 'event_fields', 'event_src_dest', 'event_biz_tx', 'event_epcs']) await db.schema.dropTable(t).execute();
    for (const col of ['biz_step', 'disposition', 'read_point', 'biz_location']) await db.schema.dropIndex(`events_${col}_time`).execute();
    for (const col of ['action', 'disposition', 'read_point', 'biz_location']) await db.schema.alterTable('events').dropColumn(col).execute();
  },
};

/** Indexes the events of a ledger written before the index existed. */
export async function backfillEventIndex(db: Kysely<IndexedDatabase>): Promise<void> {
  for (let after = 0; ; ) {
    const rows = await db.selectFrom('events').select(['seq', 'body', 'recorder']).where('seq', '>', after).orderBy('seq').limit(BACKFILL_CHUNK).execute();
    if (rows.length === 0) return;
    const entries = rows.map((r) => ({ seq: Number(r.seq), index: indexOfRecord(r) }));
    for (const { seq, index } of entries) await db.updateTable('events').set(indexColumns(index)).where('seq', '=', seq).execute();
    await writeEventIndex(db, dialectOf(db), entries);
    after = entries.at(-1)!.seq;
  }
}
