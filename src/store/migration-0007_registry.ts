import type { Kysely, Migration } from 'kysely';

/*
 * The certification registry (docs/certification.md, "Registry and credentials"): authorisations
 * (certificates, permits, licences, listings) with their hot fields in real columns and their scope
 * as JSON; the sites a scope covers in a side table, because claims look authorisations up by site;
 * status changes, append-only; ICGLR mine-site inspections.
 */
export const m0007Registry: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('authorisations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('scheme', 'text', (c) => c.notNull())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('issued_on', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('authorisations_holder').on('authorisations').columns(['holder', 'kind', 'scheme']).execute();
    await db.schema.createIndex('authorisations_issuer').on('authorisations').column('issuer').execute();
    await db.schema.createIndex('authorisations_scheme').on('authorisations').columns(['scheme', 'kind']).execute();
    await db.schema.createIndex('authorisations_issued').on('authorisations').column('issued_on').execute();
    await db.schema.createIndex('authorisations_valid_until').on('authorisations').column('valid_until').execute();
    await db.schema
      .createTable('authorisation_sites')
      .addColumn('authorisation_id', 'text', (c) => c.notNull().references('authorisations.id'))
      .addColumn('site', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('authorisation_sites_pk', ['authorisation_id', 'site'])
      .execute();
    await db.schema.createIndex('authorisation_sites_site').on('authorisation_sites').column('site').execute();
    await db.schema
      .createTable('authorisation_status_changes')
      .addColumn('authorisation_id', 'text', (c) => c.notNull().references('authorisations.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('from_date', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('authorisation_status_changes_pk', ['authorisation_id', 'seq'])
      .execute();
    await db.schema
      .createTable('site_inspections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('report', 'text')
      .addColumn('purpose', 'text')
      .addColumn('inspector', 'text', (c) => c.notNull())
      .addColumn('agency', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('site_inspections_site').on('site_inspections').columns(['site', 'date']).execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['site_inspections', 'authorisation_status_changes', 'authorisation_sites', 'authorisations']) await db.schema.dropTable(t).execute();
  },
};
