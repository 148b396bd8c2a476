import type { Kysely, Migration } from 'kysely';

/*
 * Prices, assays and settlement (docs/certification.md, "Prices, assays and settlement"):
 * - benchmark_prices: daily fixings (AM, PM) and monthly averages per metal, prices as decimal text;
 *   looked up by metal and date ("the latest fixing on or before D").
 * - assay_exchanges / assays: the buyer's, seller's and umpire's assays of a delivery lot, and the
 *   reconciliation (final fineness and on what basis) as JSON.
 * - settlements: statements for a delivery lot; the statement document (every input, result and rule
 *   version) as JSON, with the lot, parties and amount due in columns for lookups.
 */
export const m0006Prices: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('benchmark_prices')
      .addColumn('metal', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('am', 'text')
      .addColumn('pm', 'text')
      .addColumn('average', 'text')
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('imported_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('benchmark_prices_pk', ['metal', 'kind', 'date'])
      .execute();
    await db.schema.createIndex('benchmark_prices_metal_date').on('benchmark_prices').columns(['metal', 'date']).execute();
    await db.schema
      .createTable('assay_exchanges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('lot', 'text', (c) => c.notNull())
      .addColumn('metal', 'text', (c) => c.notNull())
      .addColumn('seller', 'text', (c) => c.notNull())
      .addColumn('buyer', 'text', (c) => c.notNull())
      .addColumn('final_fineness', 'integer')
      .addColumn('reconciliation', 'text')
      .addColumn('reconciled_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('assay_exchanges_lot').on('assay_exchanges').column('lot').execute();
    await db.schema
      .createTable('assays')
      .addColumn('exchange_id', 'text', (c) => c.notNull().references('assay_exchanges.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('lab', 'text', (c) => c.notNull())
      .addColumn('sample_ids', 'text', (c) => c.notNull())
      .addColumn('fineness', 'integer', (c) => c.notNull())
      .addColumn('assayed_on', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('assays_pk', ['exchange_id', 'role'])
      .execute();
    await db.schema
      .createTable('settlements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('lot', 'text', (c) => c.notNull())
      .addColumn('seller', 'text', (c) => c.notNull())
      .addColumn('buyer', 'text', (c) => c.notNull())
      .addColumn('pricing_date', 'text', (c) => c.notNull())
      .addColumn('amount_due', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('statement', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('settlements_lot').on('settlements').column('lot').execute();
    await db.schema.createIndex('settlements_org').on('settlements').columns(['org_id', 'created_at']).execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['settlements', 'assays', 'assay_exchanges', 'benchmark_prices']) await db.schema.dropTable(t).execute();
  },
};
