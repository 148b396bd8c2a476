import type { Kysely, Migration } from 'kysely';

/**
 * Capture jobs of the EPCIS capture interface (POST /capture). One row per job; the per-event results
 * are kept compactly in `results` (runs of accepted events by ledger sequence number, plus every
 * event that was not accepted), so a 100,000-event job costs a few bytes when it succeeds.
 */
export const m0004CaptureJobs: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('capture_jobs')
      .addColumn('capture_id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('recorder', 'text', (c) => c.notNull())
      .addColumn('error_behaviour', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('event_count', 'integer', (c) => c.notNull())
      .addColumn('accepted', 'integer', (c) => c.notNull())
      .addColumn('duplicates', 'integer', (c) => c.notNull())
      .addColumn('rejected', 'integer', (c) => c.notNull())
      .addColumn('rolled_back', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .addColumn('errors', 'text', (c) => c.notNull())
      .addColumn('results', 'text')
      .execute();
    // An organisation's jobs are listed newest first, paged by (created_at, capture_id).
    await db.schema.createIndex('capture_jobs_org').on('capture_jobs').columns(['org_id', 'created_at', 'capture_id']).execute();
    // At start, jobs left running by a stopped server are found by status.
    await db.schema.createIndex('capture_jobs_status').on('capture_jobs').column('status').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('capture_jobs').execute();
  },
};
