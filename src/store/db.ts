import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for messages ("./data/orpaille.db" or the URL without password). */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://... selects PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string;
  sqlitePath?: string;
}

const INT8 = 20;
const NUMERIC = 1700;

/** Opens the configured database (PostgreSQL when a URL is given, embedded SQLite otherwise) and migrates it. */
export async function openDb(options: OpenOptions): Promise<Db> {
  const db = options.databaseUrl ? openPostgres(options.databaseUrl) : openSqlite(options.sqlitePath ?? './data/orpaille.db');
  await migrate(db.kysely);
  return db;
}

function openSqlite(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  // WAL with synchronous=NORMAL stays consistent on a crash; a power cut may lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('foreign_keys = ON');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { kysely, dialect: 'sqlite', location: path, close: () => kysely.destroy() };
}

const STATEMENT_CACHE = 500;

/**
 * Kysely's SQLite driver prepares every statement anew; preparing a 1,000-row insert costs about
 * as much as running it. Statements are reused by SQL text (Kysely serialises use of the one
 * connection, so a cached statement is never run twice at once).
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        // Refresh its place so the least recently used statement is the one evicted.
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}

function openPostgres(url: string): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      // Masses, times and sequence numbers are int8: all fit exactly in a JS number.
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 || oid === NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server closes (restart, administrator command, database dropped) is an 'error'
  // event on the pool; unheard, it would crash the process. The pool drops that client and opens another on demand.
  pool.on('error', () => {});
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', location: url.replace(/:[^:@/]*@/, ':***@'), close: () => kysely.destroy() };
}

async function migrate(kysely: Kysely<Database>): Promise<void> {
  // Migration numbers are reserved per branch and may land out of order (0007 before 0006): a database
  // migrated in between still takes the late one.
  const migrator = new Migrator({ db: kysely, provider: migrationProvider, allowUnorderedMigrations: true });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
