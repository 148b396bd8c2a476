import { CompiledQuery, PostgresAdapter, type Compilable, type Kysely } from 'kysely';
import type { Dialect } from './db.js';

/*
 * Capture writes thousands of rows per chunk. Kysely builds and compiles a syntax tree of every
 * value on each call, which cost more than the insert itself; the SQL text of a multi-row insert
 * depends only on its shape (table, columns, row count, dialect), so it is compiled once per shape
 * and reused with the new values. The query is still written once, in Kysely, for both dialects.
 */
const texts = new Map<string, string>();
// Odd-sized tail chunks make new shapes; keep the cache small (full chunks are the hot ones).
const MAX_SHAPES = 64;

/**
 * Runs a multi-row INSERT (optionally with ON CONFLICT) built by `build` for `rows`, reusing the SQL
 * text compiled for the first call of the same `shape`. Every row must have the keys of the first,
 * in the same order, and `build` must bind nothing but the row values.
 */
export async function insertShaped<R extends Record<string, unknown>>(
  db: Kysely<any>,
  dialect: Dialect,
  shape: string,
  rows: R[],
  build: (rows: R[]) => Compilable<unknown>,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const params: unknown[] = new Array(rows.length * columns.length);
  let i = 0;
  for (const r of rows) for (const c of columns) params[i++] = r[c] ?? null;
  await insertFlat(db, dialect, shape, columns, params, build);
}

/**
 * `insertShaped` for rows already laid out as one flat, row-major list of values (`columns.length`
 * values a row): the capture path builds these directly, without an object per row.
 */
export async function insertFlat<R extends Record<string, unknown>>(
  db: Kysely<any>,
  dialect: Dialect,
  shape: string,
  columns: readonly string[],
  params: unknown[],
  build: (rows: R[]) => Compilable<unknown>,
): Promise<void> {
  if (params.length === 0) return;
  const rowCount = params.length / columns.length;
  const key = `${dialect}|${shape}|${columns.join(',')}|${rowCount}`;
  const text = texts.get(key);
  if (text !== undefined) {
    await db.executeQuery(CompiledQuery.raw(text, params));
    return;
  }
  const rows: R[] = [];
  for (let r = 0; r < rowCount; r++) {
    const row: Record<string, unknown> = {};
    columns.forEach((c, j) => (row[c] = params[r * columns.length + j]));
    rows.push(row as R);
  }
  const compiled = build(rows).compile();
  // Only cache when the parameters are exactly the row values in row-major column order.
  if (compiled.parameters.length === params.length) {
    if (texts.size >= MAX_SHAPES) texts.delete(texts.keys().next().value!);
    texts.set(key, compiled.sql);
  }
  await db.executeQuery(compiled);
}

/** The dialect a Kysely instance speaks, for code (migrations) handed only the instance. */
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
