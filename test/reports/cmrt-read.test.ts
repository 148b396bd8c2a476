import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCmrtWorkbook, readSupplierCmrt, type CmrtReport } from '../../src/reports/cmrt/index.js';
import { officialCmrt, withCells } from '../support/cmrt.js';

const report: CmrtReport = {
  stamp: { ledgerSeq: 3, ledgerHead: 'cd'.repeat(32), generatedAt: '2026-12-01T09:00:00.000Z', period: { from: '2026-01-01', to: '2027-01-01' } },
  scope: 'A',
  companyName: 'Bunia Gold Export',
  company: { contactName: 'J. Mbuyi', contactEmail: 'dd@bunia.example', authorizer: 'K. Lobo' },
  effectiveDate: '2026-12-01',
  questions: { '1': { gold: { answer: 'Yes' }, tin: { answer: 'No' } }, '6': { gold: { answer: 'Greater than 75%', comment: '4 of 5' } } },
  policy: { A: { answer: 'Yes' }, E: { answer: 'Yes, in conformance with IPC1755 (e.g., CMRT)' }, H: { answer: 'No' } },
  smelters: [
    { metal: 'gold', smelterId: 'CID000777', lookup: 'Affinerie du Jura', name: 'Affinerie du Jura', country: 'SWITZERLAND', source: 'RMI', mines: 'Site 1', mineCountries: 'CONGO - KINSHASA', recycled: 'No' },
    { metal: 'gold', lookup: 'Smelter not listed', name: 'Kampala Refinery', country: 'UGANDA' },
  ],
  products: [],
};

describe("reading a supplier's CMRT 6.x", () => {
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = await buildCmrtWorkbook(report);
  });

  it('reads back the company information, the answers and the smelters of a CMRT 6.5 Orpaille wrote', async () => {
    const r = await readSupplierCmrt(bytes, 'bunia.xlsx');
    expect(r).toMatchObject({ version: '6.5', companyName: 'Bunia Gold Export', scope: 'A. Company', effectiveDate: '2026-12-01', company: report.company });
    expect(r.questions).toEqual({ '1': { gold: { answer: 'Yes' }, tin: { answer: 'No' } }, '6': { gold: { answer: 'Greater than 75%', comment: '4 of 5' } } });
    expect(r.policy).toEqual({ A: { answer: 'Yes' }, E: { answer: 'Yes, in conformance with IPC1755 (e.g., CMRT)' }, H: { answer: 'No' } });
    expect(r.smelters).toEqual([
      { row: 5, metal: 'gold', smelterId: 'CID000777', name: 'Affinerie du Jura', country: 'SWITZERLAND', mines: 'Site 1', mineCountries: 'CONGO - KINSHASA', recycled: 'No' },
      { row: 6, metal: 'gold', name: 'Kampala Refinery', country: 'UGANDA' },
    ]);
  });

  it('reads the 6.4 and 6.01 revisions, an effective date typed as text and the 100% answer stored as 1', async () => {
    const v64 = await withCells(bytes, [['Declaration', 'J3', 'Revision 6.4\nApril 26, 2024'], ['Declaration', 'D22', '05-Mar-2025'], ['Declaration', 'D58', 1]]);
    expect(await readSupplierCmrt(v64, 'v64.xlsx')).toMatchObject({ version: '6.4', effectiveDate: '2025-03-05', questions: { '6': { gold: { answer: '100%' } } } });
    const v601 = await withCells(bytes, [['Declaration', 'J3', 'Revision 6.01\nMay 11, 2021']]);
    expect((await readSupplierCmrt(v601, 'v601.xlsx')).version).toBe('6.01');
  });

  it.each([
    ['a CMRT 5.x', [['Declaration', 'J3', 'Revision 5.12\nMay 2, 2019']], 'Declaration', 'J3'],
    ['no company name', [['Declaration', 'D8', null]], 'Declaration', 'D8'],
    ['no declaration scope', [['Declaration', 'D9', null]], 'Declaration', 'D9'],
    ['a bad contact email', [['Declaration', 'D16', 'not-an-email']], 'Declaration', 'D16'],
    ['an effective date that is not one', [['Declaration', 'D22', 'soon']], 'Declaration', 'D22'],
    ['an answer outside the list', [['Declaration', 'D28', 'Maybe']], 'Declaration', 'D28'],
    ['a company answer outside the list', [['Declaration', 'D89', 'Yes']], 'Declaration', 'D89'],
    ['a metal that is not 3TG', [['Smelter List', 'B6', 'Silver']], 'Smelter List', 'B6'],
    ['a malformed smelter id', [['Smelter List', 'F5', 'CID77']], 'Smelter List', 'F5'],
    ['a smelter without country', [['Smelter List', 'E6', null]], 'Smelter List', 'E6'],
  ] as const)('refuses %s, naming the sheet and cell', async (_what, cells, sheet, cell) => {
    const bad = await withCells(bytes, cells.map(([s, a, v]) => [s, a, v]));
    await expect(readSupplierCmrt(bad, 'bad.xlsx')).rejects.toMatchObject({ code: 'ORP_IMPORT_INVALID', details: { sheet, cell } });
  });

  it('refuses the blank official 6.4 template: no company name', async () => {
    await expect(readSupplierCmrt(readFileSync(officialCmrt('6.4')), 'RMI_CMRT_6.4.xlsx')).rejects.toMatchObject({ code: 'ORP_IMPORT_INVALID', details: { sheet: 'Declaration', cell: 'D8' } });
  }, 120_000);
});
