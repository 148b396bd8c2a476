import type { Kysely, Migration } from 'kysely';

/*
 * CMRT (docs/reports.md, "CMRT"): the RMI smelter reference imported from the official workbook a user
 * supplies (one set of rows per template version, replaced when the same version is imported again), each
 * organisation's recorded CMRT answers (company information, questions A-H, other metals), and the
 * supplier CMRTs it imported with their smelter rows.
 */
export const m0014Cmrt: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('cmrt_references')
      .addColumn('version', 'text', (c) => c.primaryKey())
      .addColumn('revision_date', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('smelters', 'integer', (c) => c.notNull())
      .addColumn('imported_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('cmrt_smelters')
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('row', 'integer', (c) => c.notNull())
      .addColumn('metal', 'text', (c) => c.notNull())
      .addColumn('lookup_name', 'text', (c) => c.notNull())
      .addColumn('standard_name', 'text', (c) => c.notNull())
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('smelter_id', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('street', 'text')
      .addColumn('city', 'text')
      .addColumn('state', 'text')
      .addPrimaryKeyConstraint('cmrt_smelters_pk', ['version', 'row'])
      .execute();
    await db.schema.createIndex('cmrt_smelters_id').on('cmrt_smelters').columns(['smelter_id', 'version']).execute();
    await db.schema
      .createTable('cmrt_profiles')
      .addColumn('org_id', 'text', (c) => c.primaryKey())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('cmrt_declarations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('supplier', 'text', (c) => c.notNull())
      .addColumn('company_name', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('effective_date', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('imported_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('cmrt_declarations_org').on('cmrt_declarations').columns(['org_id', 'supplier']).execute();
    await db.schema
      .createTable('cmrt_declaration_smelters')
      .addColumn('declaration_id', 'text', (c) => c.notNull())
      .addColumn('row', 'integer', (c) => c.notNull())
      .addColumn('metal', 'text', (c) => c.notNull())
      .addColumn('smelter_id', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('in_reference', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('cmrt_declaration_smelters_pk', ['declaration_id', 'row'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['cmrt_declaration_smelters', 'cmrt_declarations', 'cmrt_profiles', 'cmrt_smelters', 'cmrt_references']) await db.schema.dropTable(t).execute();
  },
};
