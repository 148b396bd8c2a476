/*
 * Capture of one large EPCIS 2.0 JSON-LD document through POST /capture (real HTTP on a port, timed from
 * the request until the job has finished) against direct ledger capture (`orp.append` of the same entries,
 * one transaction), each on a fresh database of the same store, in the same run.
 */
import { toEpcis, type GoldEvent } from '../src/custody/index.js';
import { newApiToken, newId } from '../src/access/index.js';
import { epcisDocument, readEpcisDocument } from '../src/epcis/index.js';
import { buildApp } from '../src/http/index.js';
import { pendingCaptureEntry } from '../src/ledger/index.js';
import { benchWorld, BENCH_NOW, purchasePair, type BenchWorld } from './ledger.js';

interface Handle {
  config: { databaseUrl?: string; sqlitePath?: string };
  drop(): Promise<void>;
}

function goldEvents(w: BenchWorld, count: number): GoldEvent[] {
  const events: GoldEvent[] = [];
  for (let n = 0; events.length < count; n++) events.push(...purchasePair(w, n));
  return events.slice(0, count);
}

async function overHttp(handle: Handle, count: number): Promise<{ secs: number; bytes: number; text: string }> {
  const config = { ...handle.config, capture: { eventLimit: count, fileSizeLimit: 2 ** 30 } };
  const w = await benchWorld(config);
  const text = JSON.stringify(epcisDocument(goldEvents(w, count).map(toEpcis), BENCH_NOW));
  const { token, hash } = newApiToken();
  await w.orp.access.addToken({ id: newId('tok'), org: w.house.id, role: 'operator', name: 'bench', createdAt: w.orp.clock.now().getTime() }, hash);
  const app = await buildApp(w.orp, { rateLimit: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const authorization = `Bearer ${token}`;
  const t0 = performance.now();
  const posted = await fetch(`${base}/capture`, { method: 'POST', headers: { authorization, 'content-type': 'application/ld+json' }, body: text });
  if (posted.status !== 202) throw new Error(`POST /capture: ${posted.status} ${await posted.text()}`);
  const location = posted.headers.get('location')!;
  let job: { running: boolean; accepted: number; errors: unknown[] };
  do {
    await new Promise((r) => setTimeout(r, 20));
    job = (await (await fetch(`${base}${location}?resultsLimit=1`, { headers: { authorization } })).json()) as typeof job;
  } while (job.running);
  const secs = (performance.now() - t0) / 1000;
  if (job.accepted !== count) throw new Error(`bench capture job accepted ${job.accepted} of ${count}: ${JSON.stringify(job.errors.slice(0, 3))}`);
  await app.close();
  await w.orp.close();
  return { secs, bytes: Buffer.byteLength(text), text };
}

async function direct(handle: Handle, text: string, count: number): Promise<number> {
  const w = await benchWorld(handle.config);
  const read = readEpcisDocument(text, 'json');
  if (!read.ok) throw new Error(`bench document invalid: ${JSON.stringify(read.problems.slice(0, 3))}`);
  // As a capture job makes them: the gold reading is part of the ledger's prepare step.
  const entries = read.document.events.map((e) => pendingCaptureEntry(e, w.house.uri));
  const t0 = performance.now();
  const r = await w.orp.append(entries, { mode: 'atomic' });
  const secs = (performance.now() - t0) / 1000;
  if (r.accepted !== count) throw new Error(`direct capture accepted ${r.accepted} of ${count}`);
  await w.orp.close();
  return secs;
}

/** Runs the comparison and prints its lines. */
export async function httpCaptureBench(count: number, freshDb: () => Promise<Handle>, line: (label: string, value: string) => void): Promise<void> {
  const h1 = await freshDb();
  const http = await overHttp(h1, count);
  await h1.drop();
  const h2 = await freshDb();
  const directSecs = await direct(h2, http.text, count);
  await h2.drop();
  line(`POST /capture of a ${count}-event JSON-LD document (${(http.bytes / 2 ** 20).toFixed(0)} MiB)`, `${http.secs.toFixed(1)} s, ${Math.round(count / http.secs)} events/s`);
  line(`baseline: orp.append of the same entries, one transaction`, `${directSecs.toFixed(1)} s, ${Math.round(count / directSecs)} events/s`);
  line(`ratio HTTP capture / direct (target >= 0.7)`, (directSecs / http.secs).toFixed(2));
}
