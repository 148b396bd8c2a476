import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurchaseEvent } from '../../src/custody/index.js';
import { openOrpaille } from '../../src/orpaille.js';
import { run } from '../support/cli.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const sqliteStore = testStores.find((s) => s.name === 'sqlite')!;

describe('the red-flag subcommands of orpaille', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(sqliteStore);
    const [p, b] = w.buy('1');
    await appendOk(w, [p!, { ...(b as PurchaseEvent), price: '14000.00' }]);
    await w.orp.close();
  });
  afterAll(async () => {
    w.orp = await openOrpaille(w.config);
    await w.cleanup();
  });

  it.each([['diligence', 'scan'], ['diligence', 'areas', 'list'], ['diligence', 'areas', 'load'], ['diligence', 'approve-cash'], ['incident', 'list'], ['incident', 'show'], ['incident', 'update']])(
    'explains `%s %s` with --help',
    async (...cmd) => {
      const r = await run(w, ...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain('Usage: orpaille');
    },
  );

  it('scans on demand and raises nothing the capture already raised', async () => {
    const r = await run(w, 'diligence', 'scan', '--json');
    expect(r.code, r.err).toBe(0);
    // The miner's sale from a site in a CMRT country is also the house's supplier history.
    expect(JSON.parse(r.out)).toMatchObject({ events: 2, hits: 3, byRule: { cash_without_approval: 1, risk_area_origin: 1, supplier_risk_history: 1 }, raised: [] });
    const text = await run(w, 'diligence', 'scan');
    expect(text.out).toContain('scanned 2 events: 3 red flags, 0 new incidents');
  });

  it('lists incidents, shows one with its evidence and rule version, and moves it with who and why', async () => {
    const list = JSON.parse((await run(w, 'incident', 'list', '--rule', 'cash_without_approval', '--json')).out) as { total: number; incidents: { id: string }[] };
    expect(list.total).toBe(1);
    const id = list.incidents[0]!.id;
    const shown = await run(w, 'incident', 'show', id);
    expect(shown.out).toContain('cash_without_approval');
    expect(shown.out).toMatch(/threshold\s+above=10000\.00/);
    expect(shown.out).toContain('redflag.cash_without_approval USD from 2000-01-01');
    const moved = await run(w, 'incident', 'update', id, '--by', 'compliance', '--status', 'under_review', '--owner', 'amani', '--note', 'asked for the approval', '--json');
    expect(moved.code, moved.err).toBe(0);
    expect(JSON.parse(moved.out)).toMatchObject({ status: 'under_review', owner: 'amani' });
    const refused = await run(w, 'incident', 'update', id, '--by', 'compliance', '--status', 'finished', '--note', 'n');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('ORP_BAD_INPUT');
    expect((await run(w, 'incident', 'show', 'inc_nope')).err).toContain('ORP_NOT_FOUND');
  });

  it('loads risk areas from a GeoJSON file and records a cash approval', async () => {
    const file = join(tmpdir(), `orpaille-areas-${process.pid}.geojson`);
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'eu-cahra-test', countries: ['ML'], effectiveFrom: '2026-01-01', source: 'test' }, geometry: null }] }));
    const loaded = await run(w, 'diligence', 'areas', 'load', file);
    expect(loaded.code, loaded.err).toBe(0);
    expect((await run(w, 'diligence', 'areas', 'list')).out).toMatch(/eu-cahra-test\s+cahra\s+2026-01-01/);
    const ok = await run(w, 'diligence', 'approve-cash', '--buyer', 'house', '--purchase', 'P-9', '--by', 'director', '--note', 'ASM seller without a bank account', '--json');
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ buyer: w.house.uri, purchaseNumber: 'P-9', approvedBy: 'director' });
  });
});
