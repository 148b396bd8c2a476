import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrpaille } from '../../src/orpaille.js';
import { run } from '../support/cli.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const sqliteStore = testStores.find((s) => s.name === 'sqlite')!;

describe('the decision subcommands of orpaille diligence', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(sqliteStore);
    await appendOk(w, w.buy('A', { at: w.at(2) }));
    await w.orp.close();
  });
  afterAll(async () => {
    w.orp = await openOrpaille(w.config);
    await w.cleanup();
  });

  it.each([['decide'], ['decisions'], ['standing']])('explains `diligence %s` with --help', async (cmd) => {
    const r = await run(w, 'diligence', cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: orpaille diligence');
  });

  it('suspends a supplier, lists the flagged stock, and shows its standing', async () => {
    const r = await run(w, 'diligence', 'decide', 'asmo', '--org', 'house', '--decision', 'suspend', '--by', 'Amani K.', '--reason', 'armed group taxing the site road', '--at', w.at(3), '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ decision: { supplier: w.asmo.uri, decision: 'suspend', decidedBy: 'Amani K.' }, flaggedStock: [{ lot: w.lot(w.house, 'dore', 'A') }] });
    const text = await run(w, 'diligence', 'standing', 'asmo', '--org', 'house');
    expect(text.out).toContain('new lots REFUSED');
    expect(text.out).toContain(w.lot(w.house, 'dore', 'A'));
    const listed = JSON.parse((await run(w, 'diligence', 'decisions', '--org', 'house', '--json')).out) as { decision: string }[];
    expect(listed.map((d) => d.decision)).toEqual(['suspend']);
  });

  it('refuses an unknown decision with exit 2 and the stable code', async () => {
    const r = await run(w, 'diligence', 'decide', 'asmo', '--org', 'house', '--decision', 'pause', '--by', 'x', '--reason', 'y');
    expect(r.code).toBe(2);
    expect(r.err).toContain('ORP_BAD_INPUT');
  });
});
