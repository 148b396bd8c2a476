import type { Kysely, Migration } from 'kysely';

/*
 * EPCIS query subscriptions (docs/subscriptions.md). `acked_seq` is the delivery cursor: the ledger seq
 * of the last event the subscriber acknowledged. The worker finds its work through `(status, due_at)`.
 */
export const m0005Subscriptions: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('subscriptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('query_name', 'text', (c) => c.notNull())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('dest', 'text', (c) => c.notNull())
      .addColumn('signature_token', 'text')
      .addColumn('stream', 'integer', (c) => c.notNull())
      .addColumn('schedule', 'text')
      .addColumn('report_if_empty', 'integer', (c) => c.notNull())
      .addColumn('initial_record_time', 'bigint')
      .addColumn('acked_seq', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('paused_reason', 'text')
      .addColumn('paused_at', 'bigint')
      .addColumn('failing_since', 'bigint')
      .addColumn('failed_attempts', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('last_notified_at', 'bigint')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('subscriptions_due').on('subscriptions').columns(['status', 'due_at']).execute();
    await db.schema.createIndex('subscriptions_org_query').on('subscriptions').columns(['org_id', 'query_name', 'created_at', 'id']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('subscriptions').execute();
  },
};
