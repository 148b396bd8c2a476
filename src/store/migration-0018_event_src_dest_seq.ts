import type { Kysely, Migration } from 'kysely';

/*
 * event_src_dest had an index on (id, seq) only: queries that join it on the event (GET /dashboard/flows, the
 * OECD Step 5 supply, the access checks by event) made SQLite build a temporary index on every run, and
 * PostgreSQL scan the table. Measured cost to capture: docs/reports.md, "Performance".
 */
export const m0018EventSrcDestSeq: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('event_src_dest_seq').on('event_src_dest').columns(['seq', 'dir', 'type']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('event_src_dest_seq').execute();
  },
};
