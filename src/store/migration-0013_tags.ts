import type { Kysely, Migration } from 'kysely';

/*
 * Tag custody (docs/diligence.md, "Tags"): the serialised tags an organisation issued to its agents,
 * with their voiding or loss (one row per tag and issuing organisation), and the physical counts of an
 * agent's tags on hand. Tag uses are not stored here: they are the ledger's own `gold:tag` fields,
 * found through the event index.
 */
export const m0013Tags: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('tags')
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('serial', 'text', (c) => c.notNull())
      .addColumn('agent', 'text', (c) => c.notNull())
      .addColumn('issued_on', 'text', (c) => c.notNull())
      .addColumn('issued_by', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('state_on', 'text')
      .addColumn('state_by', 'text')
      .addColumn('reason', 'text')
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('tags_pk', ['org', 'serial'])
      .execute();
    // The rules look tags up by serial; stock is computed per agent.
    await db.schema.createIndex('tags_serial').on('tags').column('serial').execute();
    await db.schema.createIndex('tags_agent').on('tags').columns(['agent', 'serial']).execute();
    await db.schema
      .createTable('tag_counts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('agent', 'text', (c) => c.notNull())
      .addColumn('counted_on', 'text', (c) => c.notNull())
      .addColumn('on_hand', 'integer', (c) => c.notNull())
      .addColumn('serials', 'text')
      .addColumn('counted_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tag_counts_agent').on('tag_counts').columns(['agent', 'counted_on']).execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['tag_counts', 'tags']) await db.schema.dropTable(t).execute();
  },
};
