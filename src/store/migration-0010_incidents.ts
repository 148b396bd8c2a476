import type { Kysely, Migration } from 'kysely';

/*
 * Red flags and incidents (docs/diligence.md): incidents raised by the red-flag engine, one per hit
 * key, with their history; cash approvals recorded by a person (LBMA RGG v9); the conflict-affected
 * and high-risk areas the location rules read (dated country lists and GeoJSON polygons).
 */
export const m0010Incidents: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('incidents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('owner', 'text')
      .addColumn('evidence', 'text', (c) => c.notNull())
      .addColumn('event_time', 'bigint', (c) => c.notNull())
      .addColumn('raised_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('incidents_org_status').on('incidents').columns(['org', 'status', 'raised_at']).execute();
    await db.schema.createIndex('incidents_subject').on('incidents').column('subject').execute();
    await db.schema
      .createTable('incident_history')
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
      .addColumn('n', 'integer', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('owner', 'text')
      .addColumn('note', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('incident_history_pk', ['incident_id', 'n'])
      .execute();
    await db.schema
      .createTable('cash_approvals')
      .addColumn('buyer', 'text', (c) => c.notNull())
      .addColumn('purchase_number', 'text', (c) => c.notNull())
      .addColumn('approved_by', 'text', (c) => c.notNull())
      .addColumn('approved_at', 'bigint', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('cash_approvals_pk', ['buyer', 'purchase_number'])
      .execute();
    await db.schema
      .createTable('risk_areas')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('effective_from', 'text', (c) => c.notNull())
      .addColumn('effective_to', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('countries', 'text', (c) => c.notNull())
      .addColumn('polygons', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('risk_areas_pk', ['id', 'effective_from'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['risk_areas', 'cash_approvals', 'incident_history', 'incidents']) await db.schema.dropTable(t).execute();
  },
};
