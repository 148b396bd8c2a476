import { sql, type Kysely, type Migration } from 'kysely';

/*
 * Mass-balance credits become dated entries per holder, scheme and metal (docs/certification.md,
 * "Chain-of-custody models and claims"): each entry expires by the scheme's rule in force when it was
 * earned, and claims spend the oldest first. `credit_accounts` gains the metal and keeps only the
 * number of the last entry; `credit_entries` holds the entries. A batch loads the entries of the
 * accounts it touches that still have something left (the partial index), never the whole table.
 *
 * A balance recorded before this migration has no date: it becomes entry 1 of its gold account,
 * earned at the epoch and without expiry, so nothing that was claimable stops being claimable.
 */
export const m0008Claims: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('credit_accounts_0008')
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('scheme', 'text', (c) => c.notNull())
      .addColumn('metal', 'text', (c) => c.notNull())
      .addColumn('last_entry', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('credit_accounts_metal_pk', ['holder', 'scheme', 'metal'])
      .execute();
    await db.schema
      .createTable('credit_entries')
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('scheme', 'text', (c) => c.notNull())
      .addColumn('metal', 'text', (c) => c.notNull())
      .addColumn('entry', 'bigint', (c) => c.notNull())
      .addColumn('earned_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('amount_mg', 'bigint', (c) => c.notNull())
      .addColumn('remaining_mg', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('credit_entries_pk', ['holder', 'scheme', 'metal', 'entry'])
      .execute();
    await db.schema
      .createIndex('credit_entries_open')
      .on('credit_entries')
      .columns(['holder', 'scheme', 'metal', 'entry'])
      .where(sql.ref('remaining_mg'), '>', 0)
      .execute();
    await db
      .insertInto('credit_accounts_0008')
      .columns(['holder', 'scheme', 'metal', 'last_entry'])
      .expression((eb) =>
        eb
          .selectFrom('credit_accounts')
          .select(['holder', 'scheme', sql.lit('gold').as('metal'), sql<number>`case when balance_mg > 0 then 1 else 0 end`.as('last_entry')]),
      )
      .execute();
    await db
      .insertInto('credit_entries')
      .columns(['holder', 'scheme', 'metal', 'entry', 'earned_at', 'expires_at', 'amount_mg', 'remaining_mg'])
      .expression((eb) =>
        eb
          .selectFrom('credit_accounts')
          .select(['holder', 'scheme', sql.lit('gold').as('metal'), sql.lit(1).as('entry'), sql.lit(0).as('earned_at'), sql.lit(null).as('expires_at'), 'balance_mg', 'balance_mg'])
          .where('balance_mg', '>', 0),
      )
      .execute();
    await db.schema.dropTable('credit_accounts').execute();
    await db.schema.alterTable('credit_accounts_0008').renameTo('credit_accounts').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema
      .createTable('credit_accounts_0001')
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('scheme', 'text', (c) => c.notNull())
      .addColumn('balance_mg', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('credit_accounts_pk', ['holder', 'scheme'])
      .execute();
    await db
      .insertInto('credit_accounts_0001')
      .columns(['holder', 'scheme', 'balance_mg'])
      .expression((eb) =>
        eb
          .selectFrom('credit_accounts as a')
          .select(['a.holder', 'a.scheme', sql<number>`coalesce((select sum(e.remaining_mg) from credit_entries e where e.holder = a.holder and e.scheme = a.scheme and e.metal = a.metal), 0)`.as('balance_mg')])
          .where('a.metal', '=', 'gold'),
      )
      .execute();
    await db.schema.dropTable('credit_entries').execute();
    await db.schema.dropTable('credit_accounts').execute();
    await db.schema.alterTable('credit_accounts_0001').renameTo('credit_accounts').execute();
  },
};
