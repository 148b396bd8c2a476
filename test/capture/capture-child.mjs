// A server process that takes one capture and is killed while the job's transaction is open.
// argv: config JSON, document file, Authorization header. Prints "job <location>" and "progress ..." lines.
import { readFileSync } from 'node:fs';
import { buildApp } from '../../dist/src/http/index.js';
import { openOrpaille } from '../../dist/src/orpaille.js';

const [config, file, authorization] = process.argv.slice(2);
const orp = await openOrpaille(JSON.parse(config));
const append = orp.append;
// Slow the ledger after each written chunk so the parent can kill us mid-transaction.
orp.append = (entries, options) =>
  append(entries, {
    ...options,
    onProgress: (done, total) => {
      process.stdout.write(`progress ${done}/${total}\n`);
      const until = Date.now() + 2000;
      while (Date.now() < until);
    },
  });
const app = await buildApp(orp, { rateLimit: false });
const r = await app.inject({ method: 'POST', url: '/capture', headers: { authorization, 'content-type': 'application/ld+json' }, payload: readFileSync(file, 'utf8') });
process.stdout.write(`job ${r.statusCode} ${r.headers.location}\n`);
