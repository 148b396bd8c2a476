import type { Kysely, Migration } from 'kysely';

/*
 * Premiums and trading terms (docs/certification.md "Premiums and trading terms"): organisation settings
 * (the below-minimum policy), dated exchange rates, the valuation of each certified purchase (written by
 * the ledger in the purchase's transaction), premium payments, the Premium Investment Plan with its
 * projects and spending, and trading contracts with their deliveries and failed-delivery reports.
 * Money in USD is integer cents (bigint); other amounts are decimal strings with their ISO 4217 currency;
 * dates are ISO 8601 calendar dates (text, so they sort); rates are basis points a year.
 */
export const m0009Premiums: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('org_settings')
      .addColumn('org_id', 'text', (c) => c.primaryKey().references('organisations.id'))
      .addColumn('below_minimum_policy', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('fx_rates')
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('rate_date', 'text', (c) => c.notNull())
      .addColumn('usd_per_unit', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('fx_rates_pk', ['currency', 'rate_date'])
      .execute();
    await db.schema
      .createTable('purchase_valuations')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('purchase_number', 'text', (c) => c.notNull())
      .addColumn('event_time', 'bigint', (c) => c.notNull())
      .addColumn('purchase_date', 'text', (c) => c.notNull())
      .addColumn('producer', 'text', (c) => c.notNull())
      .addColumn('buyer', 'text', (c) => c.notNull())
      .addColumn('seller', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('fine_mg', 'bigint', (c) => c.notNull())
      .addColumn('price_amount', 'text', (c) => c.notNull())
      .addColumn('price_currency', 'text', (c) => c.notNull())
      .addColumn('paid_cents', 'bigint')
      .addColumn('minimum_cents', 'bigint')
      .addColumn('premium_cents', 'bigint')
      .addColumn('below_minimum', 'integer', (c) => c.notNull())
      .addColumn('policy', 'text', (c) => c.notNull())
      // Which benchmark price and date, which exchange rate, and per scheme the rule versions used (JSON).
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('purchase_valuations_producer').on('purchase_valuations').columns(['producer', 'event_time']).execute();
    await db.schema.createIndex('purchase_valuations_buyer').on('purchase_valuations').columns(['buyer', 'event_time']).execute();
    await db.schema
      .createTable('premium_payments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('producer', 'text', (c) => c.notNull())
      .addColumn('payer', 'text', (c) => c.notNull())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('paid_on', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('amount', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('usd_cents', 'bigint', (c) => c.notNull())
      .addColumn('fx', 'text')
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('premium_payments_reference', ['payer', 'reference'])
      .execute();
    await db.schema.createIndex('premium_payments_producer').on('premium_payments').columns(['producer', 'paid_on']).execute();
    await db.schema
      .createTable('premium_plans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('producer', 'text', (c) => c.notNull())
      .addColumn('scheme', 'text', (c) => c.notNull())
      .addColumn('period_from', 'text', (c) => c.notNull())
      .addColumn('period_to', 'text', (c) => c.notNull())
      .addColumn('decided_on', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('minutes', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('premium_plans_producer').on('premium_plans').column('producer').execute();
    await db.schema
      .createTable('premium_projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('premium_plans.id'))
      .addColumn('producer', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('budget_cents', 'bigint', (c) => c.notNull())
      .addColumn('period_from', 'text', (c) => c.notNull())
      .addColumn('period_to', 'text', (c) => c.notNull())
      .addColumn('decided_on', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('premium_projects_producer').on('premium_projects').columns(['producer', 'plan_id']).execute();
    await db.schema
      .createTable('premium_spending')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull().references('premium_projects.id'))
      .addColumn('producer', 'text', (c) => c.notNull())
      .addColumn('spent_on', 'text', (c) => c.notNull())
      .addColumn('amount', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('usd_cents', 'bigint', (c) => c.notNull())
      .addColumn('fx', 'text')
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('receipts', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('premium_spending_project').on('premium_spending').columns(['project_id', 'spent_on']).execute();
    await db.schema.createIndex('premium_spending_producer').on('premium_spending').column('producer').execute();
    await db.schema
      .createTable('contracts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('buyer', 'text', (c) => c.notNull())
      .addColumn('seller', 'text', (c) => c.notNull())
      .addColumn('scheme', 'text', (c) => c.notNull())
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('trial_consignments', 'integer', (c) => c.notNull())
      .addColumn('trial_ended_on', 'text')
      .addColumn('prefinance_cents', 'bigint', (c) => c.notNull())
      .addColumn('inventory_financing_cents', 'bigint', (c) => c.notNull())
      .addColumn('financing_cost_bps', 'integer', (c) => c.notNull())
      // The cost cap's components (bank lending rate, credit insurance...) and the rule versions used (JSON).
      .addColumn('terms', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('contracts_reference', ['buyer', 'reference'])
      .execute();
    await db.schema.createIndex('contracts_seller').on('contracts').column('seller').execute();
    await db.schema
      .createTable('contract_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
      .addColumn('delivered_on', 'text', (c) => c.notNull())
      .addColumn('fine_mg', 'bigint', (c) => c.notNull())
      .addColumn('value_cents', 'bigint', (c) => c.notNull())
      .addColumn('trial', 'integer', (c) => c.notNull())
      .addColumn('repaid_cents', 'bigint', (c) => c.notNull())
      .addColumn('purchase_number', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('contract_deliveries_contract').on('contract_deliveries').columns(['contract_id', 'delivered_on']).execute();
    await db.schema
      .createTable('contract_failed_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
      .addColumn('reported_on', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('short_mg', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('contract_failed_deliveries_contract').on('contract_failed_deliveries').column('contract_id').execute();
  },
  async down(db: Kysely<any>) {
    for (const t of [
      'contract_failed_deliveries',
      'contract_deliveries',
      'contracts',
      'premium_spending',
      'premium_projects',
      'premium_plans',
      'premium_payments',
      'purchase_valuations',
      'fx_rates',
      'org_settings',
    ]) {
      await db.schema.dropTable(t).execute();
    }
  },
};
