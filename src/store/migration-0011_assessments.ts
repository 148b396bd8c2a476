import type { Kysely, Migration } from 'kysely';

/*
 * Due diligence assessments (docs/diligence.md, "Risks and assessments"): the risk register per supplier
 * and per site with its status history; CRAFT assessments (answers as JSON: read whole, never queried);
 * supplier know-your-counterparty records (beneficial owners, licences, watchlist hits); mercury and ESG
 * indicators per site and period. Each row belongs to the organisation whose due diligence it is (`owner`).
 */
export const m0011Assessments: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('risk_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('subject_kind', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('risk', 'text', (c) => c.notNull())
      .addColumn('catalogue_version', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('observed_on', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('evidence', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('risk_entries_owner').on('risk_entries').columns(['owner', 'subject', 'observed_on']).execute();
    await db.schema.createIndex('risk_entries_subject').on('risk_entries').columns(['subject', 'status']).execute();
    await db.schema.createIndex('risk_entries_risk').on('risk_entries').columns(['risk', 'status']).execute();
    await db.schema
      .createTable('risk_status_changes')
      .addColumn('entry_id', 'text', (c) => c.notNull().references('risk_entries.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('on_date', 'text', (c) => c.notNull())
      .addColumn('by_person', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('risk_status_changes_pk', ['entry_id', 'seq'])
      .execute();

    await db.schema
      .createTable('craft_assessments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('producer', 'text', (c) => c.notNull())
      .addColumn('buyer', 'text', (c) => c.notNull())
      .addColumn('questionnaire_version', 'text', (c) => c.notNull())
      .addColumn('assessed_on', 'text', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('answers', 'text', (c) => c.notNull())
      .addColumn('review', 'text')
      .addColumn('submitted_by', 'text', (c) => c.notNull())
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_on', 'text')
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('craft_assessments_producer').on('craft_assessments').columns(['producer', 'assessed_on']).execute();
    await db.schema.createIndex('craft_assessments_buyer').on('craft_assessments').columns(['buyer', 'assessed_on']).execute();

    await db.schema
      .createTable('kyc_records')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('supplier', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('recorded_on', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('kyc_records_supplier').on('kyc_records').columns(['owner', 'supplier', 'kind']).execute();
    await db.schema.createIndex('kyc_records_valid_until').on('kyc_records').column('valid_until').execute();

    await db.schema
      .createTable('site_indicators')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('period_from', 'text', (c) => c.notNull())
      .addColumn('period_to', 'text', (c) => c.notNull())
      .addColumn('mercury_used_mg', 'bigint')
      .addColumn('mercury_recovered_mg', 'bigint')
      .addColumn('gold_produced_mg', 'bigint')
      .addColumn('retorts_in_use', 'integer')
      .addColumn('people_trained', 'integer')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('site_indicators_site').on('site_indicators').columns(['site', 'period_from']).execute();
    await db.schema.createIndex('site_indicators_owner').on('site_indicators').columns(['owner', 'site']).execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['site_indicators', 'kyc_records', 'craft_assessments', 'risk_status_changes', 'risk_entries']) await db.schema.dropTable(t).execute();
  },
};
