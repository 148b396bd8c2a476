import { type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { m0002EventIndex } from './migration-0002_event_index.js';
import { m0003Access } from './migration-0003_access.js';
import { m0004CaptureJobs } from './migration-0004_capture_jobs.js';
import { m0005Subscriptions } from './migration-0005_subscriptions.js';
import { m0006Prices } from './migration-0006_prices.js';
import { m0007Registry } from './migration-0007_registry.js';
import { m0008Claims } from './migration-0008_claims.js';
import { m0009Premiums } from './migration-0009_premiums.js';
import { m0010Incidents } from './migration-0010_incidents.js';
import { m0011Assessments } from './migration-0011_assessments.js';
import { m0012Gating } from './migration-0012_gating.js';
import { m0013Tags } from './migration-0013_tags.js';
import { m0014Cmrt } from './migration-0014_cmrt.js';
import { m0015IcglrCertificates } from './migration-0015_icglr_certificates.js';
import { m0016Evidence } from './migration-0016_evidence.js';
import { m0017FieldDevices } from './migration-0017_field_devices.js';
import { m0018EventSrcDestSeq } from './migration-0018_event_src_dest_seq.js';

/*
 * Migrations are written once for both dialects with Kysely's schema builder; `bigint` is an INTEGER
 * in SQLite and an int8 in PostgreSQL (parsed back to JS numbers by the pg pool).
 */

const m0001: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('organisations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('uri', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('gln', 'text', (c) => c.notNull().unique())
      .addColumn('company_prefix', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('keys')
      .addColumn('key_id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('private_key', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('keys_org').on('keys').column('org_id').execute();
    await db.schema
      .createTable('miners')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('uri', 'text', (c) => c.notNull().unique())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('gender', 'text', (c) => c.notNull())
      .addColumn('birth_year', 'integer', (c) => c.notNull())
      .addColumn('registered_on', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('miners_org').on('miners').column('org_id').execute();
    await db.schema
      .createTable('sites')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('uri', 'text', (c) => c.notNull().unique())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('icglr_id', 'text', (c) => c.notNull().unique())
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('geometry', 'text', (c) => c.notNull())
      .addColumn('latitude', 'double precision', (c) => c.notNull())
      .addColumn('longitude', 'double precision', (c) => c.notNull())
      .addColumn('licence_type', 'text', (c) => c.notNull())
      .addColumn('licensed_on', 'text')
      .addColumn('capacity_g_month', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('events')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull().unique())
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('biz_step', 'text')
      .addColumn('event_time', 'bigint', (c) => c.notNull())
      .addColumn('record_time', 'bigint', (c) => c.notNull())
      .addColumn('recorder', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('record_hash', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('signature', 'text')
      .execute();
    await db.schema.createIndex('events_time').on('events').column('event_time').execute();
    await db.schema
      .createTable('ledger_head')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('record_hash', 'text', (c) => c.notNull())
      .addColumn('locked_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.insertInto('ledger_head').values({ id: 1, seq: 0, record_hash: '0'.repeat(64), locked_at: 0 }).execute();
    await db.schema
      .createTable('lots')
      .addColumn('lot_id', 'text', (c) => c.primaryKey())
      .addColumn('lot_number', 'text', (c) => c.notNull())
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('initial_mg', 'bigint', (c) => c.notNull())
      .addColumn('held_mg', 'bigint', (c) => c.notNull())
      .addColumn('fineness', 'integer', (c) => c.notNull())
      .addColumn('custodian', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('in_transit_to', 'text')
      .addColumn('bag', 'text')
      .addColumn('site', 'text')
      .addColumn('tag', 'text')
      .addColumn('seal', 'text')
      .addColumn('coc_model', 'text', (c) => c.notNull())
      .addColumn('scheme', 'text')
      .addColumn('assay_method', 'text')
      .addColumn('assay_lab', 'text')
      .addColumn('assay_date', 'text')
      .addColumn('assay_sample', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_event_at', 'bigint', (c) => c.notNull())
      .execute();
    for (const col of ['lot_number', 'custodian', 'owner', 'site']) {
      await db.schema.createIndex(`lots_${col}`).on('lots').column(col).execute();
    }
    // Lot lists are paged in creation order.
    await db.schema.createIndex('lots_created').on('lots').columns(['created_at', 'lot_id']).execute();
    await db.schema
      .createTable('lot_inputs')
      .addColumn('output_lot', 'text', (c) => c.notNull())
      .addColumn('input_lot', 'text', (c) => c.notNull())
      .addColumn('fine_mg', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('lot_inputs_pk', ['output_lot', 'input_lot'])
      .execute();
    await db.schema.createIndex('lot_inputs_input').on('lot_inputs').column('input_lot').execute();
    await db.schema
      .createTable('event_lots')
      .addColumn('lot_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('event_lots_pk', ['lot_id', 'seq'])
      .execute();
    await db.schema
      .createTable('credit_accounts')
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('scheme', 'text', (c) => c.notNull())
      .addColumn('balance_mg', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('credit_accounts_pk', ['holder', 'scheme'])
      .execute();
    await db.schema
      .createTable('rule_values')
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('effective_from', 'text', (c) => c.notNull())
      .addColumn('effective_to', 'text')
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('confidence', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('rule_values_pk', ['rule', 'key', 'effective_from'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['rule_values', 'credit_accounts', 'event_lots', 'lot_inputs', 'lots', 'ledger_head', 'events', 'sites', 'miners', 'keys', 'organisations']) {
      await db.schema.dropTable(t).execute();
    }
  },
};

export const migrations: Record<string, Migration> = { '0001_ledger': m0001, '0002_event_index': m0002EventIndex, '0003_access': m0003Access, '0004_capture_jobs': m0004CaptureJobs, '0005_subscriptions': m0005Subscriptions, '0006_prices': m0006Prices, '0007_registry': m0007Registry, '0008_claims': m0008Claims, '0009_premiums': m0009Premiums, '0010_incidents': m0010Incidents, '0011_assessments': m0011Assessments, '0012_gating': m0012Gating, '0013_tags': m0013Tags, '0014_cmrt': m0014Cmrt, '0015_icglr_certificates': m0015IcglrCertificates, '0016_evidence': m0016Evidence, '0017_field_devices': m0017FieldDevices, '0018_event_src_dest_seq': m0018EventSrcDestSeq };

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

