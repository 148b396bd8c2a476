/*
 * node dist/bench/step5-compare.js --db DEMO.db --year 2026 (--save FILE | --check FILE)
 *
 * Renders the OECD Step 5 report (HTML, fixed time of generation) of every organisation of a database and
 * prints how long each took. --save writes the reports' digests and content to FILE; --check compares them
 * with FILE and exits 1 on the first difference: the guard that a faster Step 5 still says the same thing.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { openOrpaille } from '../src/orpaille.js';
import { step5Report } from '../src/reporting/step5.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const year = Number(args.get('year') ?? 2026);
const generatedAt = args.get('generated-at') ?? `${year}-12-31T12:00:00.000Z`;

const orp = await openOrpaille(args.get('db') ? { sqlitePath: args.get('db')! } : { databaseUrl: args.get('url')! });
const out: Record<string, { sha256: string; report: string }> = {};
let total = 0;
for (const org of await orp.registry.organisations()) {
  const t0 = performance.now();
  const r = await step5Report(orp, { org: org.id, year, format: 'html', generatedAt });
  const ms = performance.now() - t0;
  total += ms;
  out[org.id] = { sha256: createHash('sha256').update(r.bytes).digest('hex'), report: JSON.stringify(r.report) };
  console.log(`${org.id.padEnd(20)} ${(ms / 1000).toFixed(2)} s  ${r.report.figures.lots} lots  ${out[org.id]!.sha256.slice(0, 16)}`);
}
console.log(`total ${(total / 1000).toFixed(2)} s`);
await orp.close();

if (args.get('save')) writeFileSync(args.get('save')!, JSON.stringify(out, null, 1));
if (args.get('check')) {
  const before = JSON.parse(readFileSync(args.get('check')!, 'utf8')) as typeof out;
  const orgs = new Set([...Object.keys(before), ...Object.keys(out)]);
  const differ = [...orgs].filter((o) => before[o]?.sha256 !== out[o]?.sha256 || before[o]?.report !== out[o]?.report);
  console.log(differ.length === 0 ? `same output for ${orgs.size} organisations` : `DIFFERENT: ${differ.join(', ')}`);
  if (differ.length > 0) process.exitCode = 1;
}
