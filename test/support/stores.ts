import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The stores the contract suites run against: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
 * Each `create()` gives a fresh, empty database and a cleanup function.
 */
export interface TestStore {
  name: 'sqlite' | 'postgres';
  create(): Promise<{ databaseUrl?: string; sqlitePath?: string; cleanup(): Promise<void> }>;
}

const sqlite: TestStore = {
  name: 'sqlite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'orpaille-test-'));
    return { sqlitePath: join(dir, 'test.db'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

function postgres(baseUrl: string): TestStore {
  return {
    name: 'postgres',
    async create() {
      const name = `orp_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: baseUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      return {
        databaseUrl: url.toString(),
        async cleanup() {
          const c = new pg.Client({ connectionString: baseUrl });
          await c.connect();
          await c.query(`drop database if exists ${name} with (force)`);
          await c.end();
        },
      };
    },
  };
}

/** Every store the contract suites must pass on in this run. */
export const testStores: TestStore[] = process.env['TEST_DATABASE_URL'] ? [sqlite, postgres(process.env['TEST_DATABASE_URL'])] : [sqlite];
