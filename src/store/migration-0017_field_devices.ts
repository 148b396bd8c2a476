import type { Kysely, Migration } from 'kysely';

/*
 * Field capture (docs/web.md, "Field capture"): the devices of field agents with the public key that signs their
 * captures and the block of numbers reserved to them for identifiers made offline; the device signature kept with
 * each miner and event it captured; the mine site a miner was registered at.
 */
export const m0017FieldDevices: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('thumbprint', 'text', (c) => c.notNull())
      .addColumn('block_from', 'bigint', (c) => c.notNull())
      .addColumn('block_size', 'bigint', (c) => c.notNull())
      .addColumn('registered_by', 'text', (c) => c.notNull())
      .addColumn('registered_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .addUniqueConstraint('devices_org_number', ['org', 'number'])
      .addUniqueConstraint('devices_org_thumbprint', ['org', 'thumbprint'])
      .execute();
    await db.schema
      .createTable('device_captures')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref', 'text', (c) => c.notNull())
      .addColumn('device', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('body_sha256', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_captures_pk', ['kind', 'ref'])
      .execute();
    await db.schema.createIndex('device_captures_device').on('device_captures').column('device').execute();
    await db.schema.alterTable('miners').addColumn('site', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('miners').dropColumn('site').execute();
    await db.schema.dropTable('device_captures').execute();
    await db.schema.dropTable('devices').execute();
  },
};
