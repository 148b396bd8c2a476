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
    const lot = await run(w, 'lot', 'show', w.lot(w.house, 'dore', 'A'));
    expect(lot.out).toContain(`FLAGGED: ${w.house.uri} suspended supplier ${w.asmo.uri}`);
    expect(JSON.parse((await run(w, 'lot', 'show', w.lot(w.house, 'dore', 'A'), '--json')).out).flags).toEqual([expect.objectContaining({ decision: 'suspend', decidedBy: 'Amani K.' })]);
  });

  it.each([['plan', 'add'], ['plan', 'list'], ['plan', 'show'], ['plan', 'report'], ['steps', 'show'], ['steps', 'set']])('explains `diligence %s %s` with --help', async (...cmd) => {
    const r = await run(w, 'diligence', ...cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: orpaille diligence');
  });

  it('adopts a plan with a measurable target, reports progress and shows the review', async () => {
    const added = await run(w, 'diligence', 'plan', 'add', 'asmo', '--org', 'house', '--by', 'Amani K.', '--adopted', '2026-06-01', '--id', 'PLAN-1', '--measure', 'retorts in use;2;10;at_least;Retorts at every burning point', '--json');
    expect(added.code, added.err).toBe(0);
    expect(JSON.parse(added.out)).toMatchObject({ id: 'PLAN-1', deadline: '2026-12-01', measures: [{ id: 'M1', baseline: 2, target: 10 }] });
    const reported = await run(w, 'diligence', 'plan', 'report', 'PLAN-1', '--org', 'house', '--measure', 'M1', '--value', '12', '--by', 'Field officer', '--on', '2026-08-01');
    expect(reported.code, reported.err).toBe(0);
    expect(reported.out).toContain('targets_met');
    expect((await run(w, 'diligence', 'plan', 'show', 'PLAN-1', '--org', 'house', '--date', '2026-07-01')).out).toContain('in_progress');
  });

  it('records a checklist item with evidence and shows the five steps', async () => {
    const r = await run(w, 'diligence', 'steps', 'set', '1.policy', '--org', 'house', '--status', 'done', '--by', 'Amani K.', '--evidence', 'policy-2026.pdf');
    expect(r.code, r.err).toBe(0);
    const shown = await run(w, 'diligence', 'steps', 'show', '--org', 'house');
    expect(shown.out).toMatch(/1\.policy\s+done\s+policy-2026\.pdf/);
  });

  it('refuses an unknown decision with exit 2 and the stable code', async () => {
    const r = await run(w, 'diligence', 'decide', 'asmo', '--org', 'house', '--decision', 'pause', '--by', 'x', '--reason', 'y');
    expect(r.code).toBe(2);
    expect(r.err).toContain('ORP_BAD_INPUT');
  });
});
