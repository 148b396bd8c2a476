import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/index.js';
import { fixedClock } from '../../src/kernel/index.js';
import { openOrpaille } from '../../src/orpaille.js';
import { authHeaders } from '../support/auth.js';
import { testStores } from '../support/stores.js';
import { makeWorld, NOW, type World } from '../support/world.js';
import { jsonDocument, plainEvent } from './documents.js';

describe.each(testStores)('a capture job interrupted by a restart on $name', (store) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(store);
  });
  afterEach(async () => {
    await w.cleanup();
  });

  it('is reported as failed, "interrupted; nothing written", at the next start, and the ledger holds none of it', async () => {
    const auth = await authHeaders(w.orp, 'house', 'operator');
    const dir = mkdtempSync(join(tmpdir(), 'orpaille-capture-crash-'));
    const file = join(dir, 'doc.jsonld');
    // Three chunks of the ledger's pipeline: the child is killed after the first is written, inside the transaction.
    writeFileSync(file, jsonDocument(Array.from({ length: 2500 }, (_, n) => plainEvent(n))));
    const child = spawn(process.execPath, [join(import.meta.dirname, 'capture-child.mjs'), JSON.stringify(w.config), file, auth.authorization], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const killedMidJob = await new Promise<boolean>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('progress')) {
          child.kill('SIGKILL');
          resolve(true);
        }
      });
      child.on('exit', () => resolve(false));
    });
    expect(killedMidJob).toBe(true);
    await new Promise((r) => child.once('exit', r).once('close', r));
    const location = /job 202 (\S+)/.exec(output)![1]!;

    // The restart: a fresh process opens the database and builds the app.
    await w.orp.close();
    w.orp = await openOrpaille({ ...w.config, clock: fixedClock(NOW) });
    const app = await buildApp(w.orp, { rateLimit: false });
    const job = (await app.inject({ method: 'GET', url: location, headers: auth })).json();
    expect(job).toMatchObject({ running: false, success: false, eventCount: 2500, accepted: 0, rolledBack: 2500 });
    expect(job.errors).toEqual([expect.objectContaining({ detail: expect.stringContaining('interrupted; nothing written'), type: 'epcisException:ImplementationException' })]);
    expect(job.finishedAt).toBeDefined();
    expect((await w.orp.registry.counts()).events).toBe(0);
    expect((await w.orp.verify()).ok).toBe(true);
    await app.close();
  });
});
