import type { Kysely, Migration } from 'kysely';

/*
 * Evidence files of due diligence (docs/diligence.md, "Evidence files"), named by the SHA-256 of their bytes,
 * per organisation. Bytes are kept as base64 text so one column type serves SQLite and PostgreSQL.
 */
export const m0016Evidence: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('evidence_files')
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('uploaded_at', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('evidence_files_pk', ['org', 'sha256'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('evidence_files').execute();
  },
};
