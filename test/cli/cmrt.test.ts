import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrpaille } from '../../src/orpaille.js';
import { cellText } from '../../src/reports/cmrt/index.js';
import { syntheticReference, withCells } from '../support/cmrt.js';
import { run } from '../support/cli.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const sqliteStore = testStores.find((s) => s.name === 'sqlite')!;

describe('orpaille cmrt and orpaille report cmrt', () => {
  let w: World;
  const dir = mkdtempSync(join(tmpdir(), 'orpaille-cmrt-cli-'));
  beforeAll(async () => {
    w = await makeWorld(sqliteStore);
    await appendOk(w, [...w.buy('1'), ...w.buy('2', { at: w.at(3) })]);
    await w.orp.close();
    writeFileSync(join(dir, 'ref.xlsx'), await syntheticReference('Revision 6.5\nApril 25, 2025', [['Gold', 'Affinerie du Jura', 'SWITZERLAND', 'CID000777']]));
    writeFileSync(join(dir, 'profile.json'), JSON.stringify({ company: { contactName: 'M. Kahindo' }, policy: { A: 'Yes' } }));
  });
  afterAll(async () => {
    w.orp = await openOrpaille(w.config);
    await w.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the smelter reference, records the company answers and writes the CMRT of the house', async () => {
    const imported = await run(w, 'cmrt', 'import-smelters', join(dir, 'ref.xlsx'), '--json');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ version: '6.5', smelters: 1, metals: { Gold: 1 } });
    expect((await run(w, 'cmrt', 'profile', 'set', join(dir, 'profile.json'), '--org', 'house')).code).toBe(0);
    const out = join(dir, 'house.xlsx');
    const r = await run(w, 'report', 'cmrt', '--org', 'house', '--period', '2026', '--out', out, '--generated-at', '2026-12-01T09:00:00Z', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ file: out, ledgerSeq: 4, period: { from: '2026-01-01', to: '2027-01-01' } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const d = wb.getWorksheet('Declaration')!;
    expect([cellText(d.getCell('D8')), cellText(d.getCell('D15')), cellText(d.getCell('D28')), cellText(d.getCell('D75'))]).toEqual([w.house.name, 'M. Kahindo', 'Yes', 'Yes']);
  });

  it('refuses a bad scope, period or organisation with exit code 2 and writes no file', async () => {
    for (const args of [['--org', 'house', '--scope', 'D'], ['--org', 'house', '--period', '26'], ['--org', 'nobody']]) {
      const out = join(dir, `bad-${args.join('')}.xlsx`);
      const r = await run(w, 'report', 'cmrt', ...args, '--out', out);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/scope|period|nobody/);
      expect(existsSync(out)).toBe(false);
    }
  });

  it("imports a supplier's CMRT and lists it; a malformed one fails naming the sheet and cell", async () => {
    const house = join(dir, 'house.xlsx');
    const r = await run(w, 'cmrt', 'import', house, '--org', 'refiner', '--supplier', 'house', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ supplier: w.house.uri, company: w.house.name, version: '6.5', smelters: 0 });
    const listed = await run(w, 'cmrt', 'declarations', '--org', 'refiner', '--json');
    expect(JSON.parse(listed.out).map((d: { company: string; file: string }) => [d.company, d.file])).toEqual([[w.house.name, 'house.xlsx']]);
    const bad = join(dir, 'bad-cmrt.xlsx');
    writeFileSync(bad, await withCells(readFileSync(house), [['Declaration', 'D28', 'Perhaps']]));
    const refused = await run(w, 'cmrt', 'import', bad, '--org', 'refiner');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('Declaration!D28');
  });
});
