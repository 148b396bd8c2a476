import type { Kysely, Migration } from 'kysely';

/*
 * ICGLR export certificates issued (docs/reports.md, "ICGLR regional certificate"): a serial number is issued
 * once, for one lot; the row keeps what was printed so the same certificate can be printed again.
 */
export const m0015IcglrCertificates: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('icglr_certificates')
      .addColumn('number', 'text', (c) => c.primaryKey())
      .addColumn('lot_id', 'text', (c) => c.notNull())
      .addColumn('exporter', 'text', (c) => c.notNull())
      .addColumn('issued_on', 'text', (c) => c.notNull())
      .addColumn('expires_on', 'text', (c) => c.notNull())
      .addColumn('export_event', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('ledger_seq', 'bigint', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('icglr_certificates_lot').on('icglr_certificates').column('lot_id').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('icglr_certificates').execute();
  },
};
