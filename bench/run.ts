/*
 * npm run bench [-- --capture N] [-- --http-capture N] [-- --events N] [-- --redflags N] [-- --step5 N] [-- --stores sqlite,postgres]
 *
 * Prints, for each store, figures against baselines measured in the same run:
 *  1. capture through the full pipeline vs a raw multi-row INSERT of the same rows into the same table;
 *  2. backward trace of a refined bar with a 20-level genealogy in a ledger of --events events;
 *  3. resident memory of the server holding that ledger while it answers requests;
 *  4. median latency of GET /events pages on that ledger, through HTTP (a real port, a bearer token);
 *  5. the red-flag scan over --redflags events vs a plain read of them, and its cost to capture;
 *  6. the OECD Step 5 report of the buyer of every lot of --step5 events vs a plain full scan of the events table.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import type { GoldEvent } from '../src/custody/index.js';
import { newApiToken, newId } from '../src/access/index.js';
import { readEpcisEvent } from '../src/epcis/index.js';
import { captureEntry, type LedgerEntry } from '../src/ledger/index.js';
import { openOrpaille } from '../src/orpaille.js';
import { projectRoot } from '../src/paths.js';
import { benchWorld, deepGenealogy, purchasePair, type BenchWorld } from './ledger.js';
import { httpCaptureBench } from './capture.js';
import { redFlagBench } from './redflags.js';
import { step5Bench } from './step5.js';

type StoreName = 'sqlite' | 'postgres';
interface Handle {
  config: { databaseUrl?: string; sqlitePath?: string };
  drop(): Promise<void>;
}

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const CAPTURE = Number(args.get('capture') ?? 40_000);
const LEDGER = Number(args.get('events') ?? 1_000_000);
const HTTP_CAPTURE = Number(args.get('http-capture') ?? 100_000);
const REDFLAGS = Number(args.get('redflags') ?? 100_000);
const STEP5 = Number(args.get('step5') ?? 30_000);
const STORES = (args.get('stores') ?? 'sqlite,postgres').split(',') as StoreName[];
const PG_URL = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// One append call (one transaction) per BATCH events; the raw baseline commits as often, 1,000 rows a statement.
const BATCH = Number(args.get('batch') ?? 10_000);
const ROWS_PER_STATEMENT = 1000;

const tmp = mkdtempSync(join(tmpdir(), 'orpaille-bench-'));
let dbCounter = 0;

async function freshDb(store: StoreName): Promise<Handle> {
  dbCounter++;
  if (store === 'sqlite') {
    const path = join(tmp, `bench-${dbCounter}.db`);
    return { config: { sqlitePath: path }, drop: async () => rmSync(path, { force: true }) };
  }
  const name = `orp_bench_${process.pid}_${dbCounter}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    config: { databaseUrl: url.toString() },
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

function line(label: string, value: string) {
  console.log(`  ${label.padEnd(58)} ${value}`);
}

async function appendAll(w: BenchWorld, events: LedgerEntry[], batch: number, onBatch?: (done: number) => void) {
  for (let i = 0; i < events.length; i += batch) {
    const r = await w.orp.append(events.slice(i, i + batch));
    if (!r.committed || r.accepted !== Math.min(batch, events.length - i)) {
      const bad = r.results.find((x) => x.status !== 'accepted');
      throw new Error(`bench batch rejected: ${JSON.stringify(bad)}`);
    }
    onBatch?.(i + batch);
  }
}


interface TableRows {
  name: string;
  rows: Record<string, unknown>[];
}

/**
 * Raw multi-row INSERT of the given rows straight through the driver, ROWS_PER_STATEMENT rows a
 * statement, in `transactions` transactions (each takes its share of every table's rows), into a
 * database with the same schema (same tables, same indexes).
 */
async function rawInsert(store: StoreName, handle: Handle, tables: TableRows[], transactions: number): Promise<number> {
  const orp = await openOrpaille(handle.config);
  await orp.close();
  const slices = (t: TableRows, k: number) => {
    const size = Math.ceil(t.rows.length / transactions);
    return t.rows.slice(k * size, (k + 1) * size);
  };
  const statements = (t: TableRows, part: Record<string, unknown>[]) => {
    const columns = Object.keys(t.rows[0]!);
    const out: { columns: string[]; rows: unknown[][] }[] = [];
    for (let j = 0; j < part.length; j += ROWS_PER_STATEMENT) {
      out.push({ columns, rows: part.slice(j, j + ROWS_PER_STATEMENT).map((r) => columns.map((c) => r[c] ?? null)) });
    }
    return out;
  };
  if (store === 'sqlite') {
    const db = new SQLite(handle.config.sqlitePath!);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const cache = new Map<string, SQLite.Statement>();
    const stmt = (table: string, columns: string[], n: number) => {
      const key = `${table}:${n}`;
      let st = cache.get(key);
      if (!st) {
        st = db.prepare(`insert into ${table} (${columns.join(',')}) values ${Array(n).fill(`(${columns.map(() => '?').join(',')})`).join(',')}`);
        cache.set(key, st);
      }
      return st;
    };
    const t0 = performance.now();
    for (let k = 0; k < transactions; k++) {
      db.transaction(() => {
        for (const t of tables) for (const s of statements(t, slices(t, k))) stmt(t.name, s.columns, s.rows.length).run(s.rows.flat());
      })();
    }
    const secs = (performance.now() - t0) / 1000;
    db.close();
    return secs;
  }
  const client = new pg.Client({ connectionString: handle.config.databaseUrl });
  await client.connect();
  const t0 = performance.now();
  for (let k = 0; k < transactions; k++) {
    await client.query('begin');
    for (const t of tables) {
      for (const s of statements(t, slices(t, k))) {
        const tuples = s.rows.map((_, r) => `(${s.columns.map((__, c) => `$${r * s.columns.length + c + 1}`).join(',')})`).join(',');
        await client.query(`insert into ${t.name} (${s.columns.join(',')}) values ${tuples}`, s.rows.flat());
      }
    }
    await client.query('commit');
  }
  const secs = (performance.now() - t0) / 1000;
  await client.end();
  return secs;
}

/** Row counts of every table, to see which ones a capture writes. */
async function tableCounts(w: BenchWorld): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const t of await w.orp.db.kysely.introspection.getTables()) {
    if (t.name.startsWith('kysely_')) continue;
    const r = await w.orp.db.kysely.selectFrom(t.name as 'events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    out.set(t.name, Number(r.n));
  }
  return out;
}

/**
 * Orders tables so that each comes after the tables its foreign keys reference (incidents before their
 * history): the raw baseline inserts table by table, and both stores enforce those keys. The schema is the
 * same in both stores, so SQLite's foreign key list answers for PostgreSQL too.
 */
async function parentsFirst(tables: TableRows[]): Promise<TableRows[]> {
  const h = await freshDb('sqlite');
  await (await openOrpaille(h.config)).close();
  const db = new SQLite(h.config.sqlitePath!, { readonly: true });
  const parents = new Map(tables.map((t) => [t.name, (db.pragma(`foreign_key_list(${t.name})`) as { table: string }[]).map((f) => f.table)]));
  db.close();
  await h.drop();
  const ordered: TableRows[] = [];
  const placed = new Set<string>();
  const place = (t: TableRows) => {
    if (placed.has(t.name)) return;
    placed.add(t.name);
    for (const p of parents.get(t.name) ?? []) {
      const parent = tables.find((x) => x.name === p);
      if (parent) place(parent);
    }
    ordered.push(t);
  };
  tables.forEach(place);
  return ordered;
}

async function captureBench(store: StoreName) {
  const h = await freshDb(store);
  const w = await benchWorld(h.config);
  const events: GoldEvent[] = [];
  for (let n = 0; events.length < CAPTURE; n++) events.push(...purchasePair(w, n));
  const before = await tableCounts(w);
  const t0 = performance.now();
  await appendAll(w, events, BATCH);
  const pipelineSecs = (performance.now() - t0) / 1000;
  const after = await tableCounts(w);
  // Every row the pipeline added, table by table (ledger_head is one row updated in place).
  const written: TableRows[] = [];
  for (const [name, n] of after) {
    if (n <= (before.get(name) ?? 0) || name === 'ledger_head') continue;
    const rows = (await w.orp.db.kysely.selectFrom(name as 'events').selectAll().execute()) as unknown as Record<string, unknown>[];
    written.push({ name, rows: name === 'events' ? rows.sort((a, b) => Number(a['seq']) - Number(b['seq'])) : rows });
  }
  await w.orp.close();
  await h.drop();
  const transactions = Math.ceil(events.length / BATCH);
  const eventRows = written.find((t) => t.name === 'events')!;
  const h2 = await freshDb(store);
  const rawSecs = await rawInsert(store, h2, [eventRows], transactions);
  await h2.drop();
  const h3 = await freshDb(store);
  const rawAllSecs = await rawInsert(store, h3, await parentsFirst(written), transactions);
  await h3.drop();
  const pipelineRate = events.length / pipelineSecs;
  const rawRate = eventRows.rows.length / rawSecs;
  const rawAllRate = eventRows.rows.length / rawAllSecs;
  const allRows = written.reduce((n, t) => n + t.rows.length, 0);
  line(`capture, full pipeline (${events.length} events, batches of ${BATCH})`, `${Math.round(pipelineRate)} events/s`);
  line(`baseline: raw multi-row INSERT of the same rows into the same tables`, `${allRows} rows (${(allRows / events.length).toFixed(0)} an event)`);
  line(`  tables`, written.map((t) => `${t.name} ${t.rows.length}`).join(', '));
  line(`  as events/s`, `${Math.round(rawAllRate)} events/s`);
  line(`ratio pipeline / raw INSERT of the same rows (target >= 0.5)`, (pipelineRate / rawAllRate).toFixed(2));
  line(`for reference: raw INSERT of the events rows alone`, `${Math.round(rawRate)} rows/s (ratio ${(pipelineRate / rawRate).toFixed(2)})`);
}

async function traceAndMemoryBench(store: StoreName) {
  const h = await freshDb(store);
  const w = await benchWorld(h.config);
  const genealogy = deepGenealogy(w, 20, 10_000_000);
  const background = LEDGER - genealogy.events.length;
  const t0 = performance.now();
  let n = 0;
  let written = 0;
  const chunk = 20_000;
  let genealogyDone = false;
  while (written < background) {
    const events: LedgerEntry[] = [];
    while (events.length < chunk && written + events.length < background) {
      events.push(...purchasePair(w, n++));
      // One in 100 events is a captured inspection of serialised items (instance EPCs, for MATCH_epc).
      if (n % 50 === 0) events.push(inspection(w, n));
    }
    await appendAll(w, events, 5000);
    written += events.length;
    if (!genealogyDone && written >= background / 2) {
      await appendAll(w, genealogy.events, 5000);
      genealogyDone = true;
    }
    process.stderr.write(`\r  building ${store} ledger: ${written + (genealogyDone ? genealogy.events.length : 0)} events`);
  }
  if (!genealogyDone) await appendAll(w, genealogy.events, 5000);
  process.stderr.write('\n');
  const buildSecs = (performance.now() - t0) / 1000;
  // PostgreSQL plans the visibility semi-join from table statistics; autovacuum refreshes them within a
  // minute or so of a bulk load. Refresh them now, as a production database would have them.
  if (store === 'postgres') await sql`analyze`.execute(w.orp.db.kysely);
  const counts = await w.orp.registry.counts();
  line(`ledger built through the pipeline`, `${counts.events} events in ${buildSecs.toFixed(0)} s`);

  const trace = await w.orp.traceBackward(genealogy.bar);
  const depth = Math.max(...trace.ancestors.map((a) => a.depth));
  const times: number[] = [];
  for (let i = 0; i < 201; i++) {
    const t = performance.now();
    await w.orp.traceBackward(genealogy.bar);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  // Baseline: a primary-key lookup of the same bar, the cheapest query the store can answer.
  const lookups: number[] = [];
  for (let i = 0; i < 201; i++) {
    const t = performance.now();
    await w.orp.queries.lot(genealogy.bar);
    lookups.push(performance.now() - t);
  }
  lookups.sort((a, b) => a - b);
  const median = times[100]!;
  line(`backward trace, ${depth}-level genealogy, ${trace.origins.length} sites: median`, `${median.toFixed(2)} ms (target < 20 ms)`);
  line(`baseline: lookup of the same lot by number: median`, `${lookups[100]!.toFixed(2)} ms (trace = ${(median / lookups[100]!).toFixed(1)}x)`);
  const { token, hash } = newApiToken();
  await w.orp.access.addToken({ id: newId('tok'), org: w.house.id, role: 'auditor', name: 'bench', createdAt: w.orp.clock.now().getTime() }, hash);
  const probe = { lotClass: lotClassOf(w, n >> 1), epc: inspectedEpc(w, 50 * Math.floor(n / 100)), since: new Date(Date.UTC(2025, 0, 1) + (n >> 1) * 1000).toISOString() };
  await w.orp.close();

  const server = await serverMemory(h.config, genealogy.bar, token, probe);
  line(`server RSS idle / peak under 2,000 requests (target < 300 MB)`, `${server.idle} MB / ${server.peak} MB`);
  line(`baseline: RSS of a bare node process`, `${server.bare} MB`);
  for (const q of server.queries) line(`GET /events ${q.label}: median (${q.events} events a page)`, `${q.median.toFixed(2)} ms (target < 20 ms)`);
  line(`baseline: GET /health on the same server: median`, `${server.health.toFixed(2)} ms`);
  const verifyStart = performance.now();
  const reopened = await openOrpaille(h.config);
  const v = await reopened.verify();
  line(`verify of the whole ledger`, `${v.ok ? 'intact' : 'BROKEN'}, ${Math.round(v.records / ((performance.now() - verifyStart) / 1000))} records/s`);
  await reopened.close();
  await h.drop();
}

function rssMb(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), hwm: Math.round(kb('VmHWM') / 1024) };
}

/** The EPC class (lot) of purchase pair `n`. */
function lotClassOf(w: BenchWorld, n: number): string {
  const p = purchasePair(w, n)[0] as Extract<GoldEvent, { type: 'production' }>;
  return p.lot.lot;
}

/** SGTIN (Digital Link) of serialised item `n` of the trading house: GTIN-14 = 0 + company prefix + item 00001 + check digit. */
function inspectedEpc(w: BenchWorld, n: number): string {
  const d13 = `0${w.house.companyPrefix}00001`;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(d13[i]) * (i % 2 === 0 ? 3 : 1);
  return `https://id.gs1.org/01/${d13}${(10 - (sum % 10)) % 10}/21/S${n}`;
}

/** A captured EPCIS ObjectEvent (OBSERVE, inspecting) of three serialised items, read through the codec. */
function inspection(w: BenchWorld, n: number): LedgerEntry {
  const doc = {
    type: 'ObjectEvent',
    eventTime: new Date(Date.UTC(2025, 0, 1) + n * 1000 + 500).toISOString(),
    eventTimeZoneOffset: '+02:00',
    epcList: [inspectedEpc(w, n), inspectedEpc(w, n + 1), inspectedEpc(w, n + 2)],
    action: 'OBSERVE',
    bizStep: 'inspecting',
    readPoint: { id: 'https://id.gs1.org/414/6150002000003' },
  };
  const read = readEpcisEvent(JSON.stringify({ '@context': 'https://ref.gs1.org/standards/epcis/epcis-context.jsonld', ...doc }), 'json');
  if (!read.ok) throw new Error(`bench inspection event invalid: ${JSON.stringify(read.problems)}`);
  return captureEntry(read.event, w.house.uri);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

async function serverMemory(config: Handle['config'], bar: string, token: string, probe: { lotClass: string; epc: string; since: string }) {
  const bare = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 2000)']);
  await new Promise((r) => setTimeout(r, 500));
  const bareMb = rssMb(bare.pid!).rss;
  bare.kill();
  const port = 18000 + (process.pid % 1000);
  const env = { ...process.env, PORT: String(port), ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : { ORPAILLE_DB: config.sqlitePath!, DATABASE_URL: '' }) };
  const server = spawn(process.execPath, [join(projectRoot(), 'bin/orpaille.js'), 'serve', '--no-demo', '--host', '127.0.0.1', '--rate-limit', '0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const idle = rssMb(server.pid!).rss;
  const headers = { authorization: `Bearer ${token}` };
  const get = async (path: string): Promise<{ ms: number; events: number }> => {
    const t = performance.now();
    const r = await fetch(base + path, { headers });
    const body = await r.text();
    const ms = performance.now() - t;
    if (r.status !== 200) throw new Error(`bench GET ${path}: ${r.status} ${body.slice(0, 300)}`);
    return { ms, events: (body.match(/"eventTime"/g) ?? []).length };
  };
  const urls = [`/lots/${bar}/trace?direction=backward`, '/lots?limit=100', `/lots/${bar}/events`, '/health', `/lots?org=house&form=dore&limit=100&offset=1000`];
  for (let i = 0; i < 2000; i++) await get(urls[i % urls.length]!);
  const { hwm } = rssMb(server.pid!);
  const queries: { label: string; median: number; events: number }[] = [];
  const pages: [string, string][] = [
    ['GE_eventTime + EQ_bizStep=commissioning', `/events?${new URLSearchParams({ GE_eventTime: probe.since, EQ_bizStep: 'commissioning', perPage: '30' })}`],
    ['MATCH_epc (a serialised item)', `/events?${new URLSearchParams({ MATCH_epc: probe.epc, perPage: '30' })}`],
    ['MATCH_epcClass (a lot)', `/events?${new URLSearchParams({ MATCH_epcClass: probe.lotClass, perPage: '30' })}`],
  ];
  for (const [label, path] of pages) {
    const runs: { ms: number; events: number }[] = [];
    for (let i = 0; i < 101; i++) runs.push(await get(path));
    if (runs[0]!.events === 0) throw new Error(`bench GET ${path} found no events`);
    queries.push({ label, median: median(runs.map((r) => r.ms)), events: runs[0]!.events });
  }
  const health: number[] = [];
  for (let i = 0; i < 101; i++) health.push((await get('/health')).ms);
  server.kill();
  return { idle, peak: hwm, bare: bareMb, queries, health: median(health) };
}

console.log(`Orpaille bench — ${new Date().toISOString()}`);
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
for (const store of STORES) {
  console.log(`\n[${store}]`);
  if (CAPTURE > 0) await captureBench(store);
  if (HTTP_CAPTURE > 0) await httpCaptureBench(HTTP_CAPTURE, () => freshDb(store), line);
  if (REDFLAGS > 0) await redFlagBench(REDFLAGS, () => freshDb(store), line);
  if (STEP5 > 0) await step5Bench(STEP5, () => freshDb(store), line);
  if (LEDGER > 0) await traceAndMemoryBench(store);
}
rmSync(tmp, { recursive: true, force: true });
