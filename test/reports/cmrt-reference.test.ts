import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSmelterReference } from '../../src/reports/cmrt/index.js';
import { officialCmrt, syntheticReference } from '../support/cmrt.js';

describe('the RMI smelter reference read from an official CMRT workbook', () => {
  it('reads every gold smelter with an RMI id of the 6.5 Smelter Look-up sheet, and the template revision', async () => {
    const file = officialCmrt('6.5');
    const ref = await parseSmelterReference(readFileSync(file), 'RMI_CMRT_6.5.xlsx');
    expect(ref.version).toBe('6.5');
    expect(ref.revisionDate).toBe('2025-04-25');
    // The gold rows of the same sheet, exported by hand to CSV next to the workbook.
    const csv = readFileSync(file.replace(/RMI_CMRT_6\.5\.xlsx$/, 'cmrt-6.5-smelter-lookup-gold.csv'), 'utf8');
    const ids = [...csv.matchAll(/,(CID\d{6}),/g)].map((m) => m[1]);
    const gold = ref.smelters.filter((s) => s.metal === 'Gold');
    expect(gold.map((s) => s.smelterId)).toEqual(ids);
    expect(gold.find((s) => s.smelterId === 'CID002763')).toMatchObject({ lookupName: '8853 S.p.A.', country: 'ITALY', city: 'Pero', state: 'Lombardia', source: 'RMI' });
    expect(new Set(ref.smelters.map((s) => s.metal))).toEqual(new Set(['Gold', 'Tin', 'Tantalum', 'Tungsten']));
  }, 120_000);

  it('rejects a look-up row whose id is not CID and six digits, naming the sheet and cell', async () => {
    const bytes = await syntheticReference('Revision 6.5\nApril 25, 2025', [
      ['Gold', 'Good Refinery', 'SWITZERLAND', 'CID000001'],
      ['Gold', 'Bad Refinery', 'ITALY', 'CID12'],
    ]);
    await expect(parseSmelterReference(bytes, 'bad.xlsx')).rejects.toMatchObject({ code: 'ORP_IMPORT_INVALID', details: { sheet: 'Smelter Look-up', cell: 'E6' } });
  });

  it('rejects a workbook without the revision in Declaration J3', async () => {
    const bytes = await syntheticReference('Draft', [['Gold', 'Good Refinery', 'SWITZERLAND', 'CID000001']]);
    await expect(parseSmelterReference(bytes, 'draft.xlsx')).rejects.toMatchObject({ code: 'ORP_IMPORT_INVALID', details: { sheet: 'Declaration', cell: 'J3' } });
  });
});
