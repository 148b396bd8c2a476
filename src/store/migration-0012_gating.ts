import type { Kysely, Migration } from 'kysely';

/*
 * Decisions that gate the trade (docs/diligence.md, "Decisions that gate the trade"): supplier
 * decisions, append-only, looked up by the deciding organisation at every capture (hence the index on
 * organisation first); risk management plans with their measures and progress reports; the OECD
 * five-step checklist entries of each organisation, append-only (the latest per item is its state).
 */
export const m0012Gating: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('supplier_decisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation', 'text', (c) => c.notNull())
      .addColumn('supplier', 'text', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .addColumn('decided_ms', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('plan_id', 'text')
      .addColumn('risk_ref', 'text')
      .addColumn('automatic', 'integer', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('supplier_decisions_org').on('supplier_decisions').columns(['organisation', 'supplier', 'decided_ms']).execute();
    await db.schema.createIndex('supplier_decisions_supplier').on('supplier_decisions').column('supplier').execute();
    await db.schema
      .createTable('risk_plans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation', 'text', (c) => c.notNull())
      .addColumn('supplier', 'text', (c) => c.notNull())
      .addColumn('adopted_on', 'text', (c) => c.notNull())
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('deadline_rule', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('measures', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('risk_plans_org').on('risk_plans').columns(['organisation', 'supplier']).execute();
    await db.schema
      .createTable('plan_progress')
      .addColumn('plan_id', 'text', (c) => c.notNull().references('risk_plans.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('reported_on', 'text', (c) => c.notNull())
      .addColumn('value', 'double precision', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('reported_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('plan_progress_pk', ['plan_id', 'seq'])
      .execute();
    await db.schema
      .createTable('diligence_steps')
      .addColumn('organisation', 'text', (c) => c.notNull())
      .addColumn('item', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('evidence', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_on', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('diligence_steps_pk', ['organisation', 'item', 'seq'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['diligence_steps', 'plan_progress', 'risk_plans', 'supplier_decisions']) await db.schema.dropTable(t).execute();
  },
};
