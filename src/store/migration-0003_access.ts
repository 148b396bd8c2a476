import type { Kysely, Migration } from 'kysely';

/*
 * Access control: users, API tokens, web sessions, access grants between organisations and public
 * disclosures. Secrets are stored only as hashes (src/access/secrets.ts). A user with no organisation is
 * the platform administrator.
 */
export const m0003Access: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.references('organisations.id'))
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('disabled_at', 'bigint')
      .execute();
    await db.schema.createIndex('users_org').on('users').column('org_id').execute();
    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('user_id', 'text', (c) => c.references('users.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('last_used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('api_tokens_org').on('api_tokens').column('org_id').execute();
    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await db.schema
      .createTable('access_grants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('grantor_org', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('grantee_org', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('until', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('access_grants_grantee').on('access_grants').column('grantee_org').execute();
    await db.schema.createIndex('access_grants_grantor').on('access_grants').column('grantor_org').execute();
    await db.schema
      .createTable('disclosures')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('lot_id', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('disclosures_lot').on('disclosures').column('lot_id').execute();
    await db.schema.createIndex('disclosures_org').on('disclosures').column('org_id').execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['disclosures', 'access_grants', 'sessions', 'api_tokens', 'users']) await db.schema.dropTable(t).execute();
  },
};
