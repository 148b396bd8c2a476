import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrpaille } from '../../src/orpaille.js';
import { run } from '../support/cli.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const sqliteStore = testStores.find((s) => s.name === 'sqlite')!;

describe('the tag subcommands of orpaille', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(sqliteStore);
    await appendOk(w, [...w.buy('1'), ...w.buy('2', { at: w.at(3) })]);
    await w.orp.close();
  });
  afterAll(async () => {
    w.orp = await openOrpaille(w.config);
    await w.cleanup();
  });

  it.each([['issue'], ['void'], ['lost'], ['count'], ['stock']])('explains `tags %s` with --help', async (cmd) => {
    const r = await run(w, 'tags', cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: orpaille tags');
  });

  it('issues a range, voids and loses tags, prints the stock, and refuses a serial issued twice with exit status 1', async () => {
    const issued = await run(w, 'tags', 'issue', '--org', 'asmo', '--agent', 'house', '--from', 'T-1', '--to', 'T-6', '--by', 'registrar', '--date', '2026-03-01');
    expect(issued.code, issued.err).toBe(0);
    expect(issued.out).toContain('issued 6 tags (T-1 .. T-6)');
    const twice = await run(w, 'tags', 'issue', '--org', 'asmo', '--agent', 'house', '--serial', 'T-6', '--by', 'registrar', '--date', '2026-03-01', '--json');
    expect(twice.code).toBe(1);
    expect(JSON.parse(twice.out)).toMatchObject({ committed: false, results: [{ serial: 'T-6', status: 'rejected', error: { code: 'ORP_RECORD_EXISTS' } }] });
    expect((await run(w, 'tags', 'void', 'T-5', '--org', 'asmo', '--by', 'clerk', '--date', '2026-03-04')).err).toContain('ORP_BAD_INPUT');
    expect((await run(w, 'tags', 'void', 'T-5', '--org', 'asmo', '--by', 'clerk', '--reason', 'torn', '--date', '2026-03-04')).code).toBe(0);
    expect((await run(w, 'tags', 'lost', 'T-6', '--org', 'asmo', '--by', 'clerk', '--date', '2026-03-04')).code).toBe(0);
    const stock = await run(w, 'tags', 'stock', '--agent', 'house', '--date', '2026-03-05', '--json');
    expect(JSON.parse(stock.out)).toMatchObject({ stock: { issued: 6, used: 2, voided: 1, lost: 1, onHand: 2, onHandSerials: ['T-3', 'T-4'] } });
    expect((await run(w, 'tags', 'stock', '--agent', 'house', '--date', '2026-03-05')).out).toMatch(/issued\s+used\s+voided\s+lost\s+on hand\n[- ]+\n6\s+2\s+1\s+1\s+2\n/);
  });

  it('records counts by number and by serial file, raising an incident for the one that does not reconcile', async () => {
    const ok = await run(w, 'tags', 'count', '--org', 'asmo', '--agent', 'house', '--on-hand', '2', '--by', 'auditor', '--date', '2026-03-05');
    expect(ok.out).toMatch(/2 on hand on 2026-03-05, the records give 2: reconciled/);
    const file = join(tmpdir(), `orpaille-tags-${process.pid}.txt`);
    writeFileSync(file, 'T-3\nT-9\n');
    const off = await run(w, 'tags', 'count', '--org', 'asmo', '--agent', 'house', '--serials', file, '--by', 'auditor', '--date', '2026-03-06');
    expect(off.code, off.err).toBe(0);
    expect(off.out).toContain('NOT reconciled');
    expect(off.out).toMatch(/missing\s+T-4/);
    expect(off.out).toMatch(/extra\s+T-9/);
    expect(off.out).toMatch(/incident inc_\S+ raised \(tag_stock_unreconciled\)/);
    expect((await run(w, 'tags', 'stock', '--agent', 'house', '--date', '2026-03-07')).out).toContain('NOT reconciled; missing T-4; extra T-9');
  });
});
