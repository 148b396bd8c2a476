import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { allowedAnswers, buildCmrtWorkbook, cellText, CMRT_SCOPES, type CmrtReport } from '../../src/reports/cmrt/index.js';

const report: CmrtReport = {
  stamp: { ledgerSeq: 3, ledgerHead: 'cd'.repeat(32), generatedAt: '2026-12-01T09:00:00.000Z', period: { from: '2026-01-01', to: '2027-01-01' } },
  scope: 'A',
  companyName: 'Maison d’achat modèle',
  company: {},
  effectiveDate: '2026-12-01',
  questions: { '6': { gold: { answer: 'Greater than 90%' } }, '7': { gold: { answer: 'Unknown' } } },
  policy: { E: { answer: 'Yes, in conformance with IPC1755 (e.g., CMRT)' }, H: { answer: 'Yes, with the SEC and the EU' } },
  smelters: [],
  products: [],
};

describe('the drop-down lists of the generated CMRT Declaration', () => {
  let decl: ExcelJS.Worksheet;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildCmrtWorkbook(report)) as unknown as ArrayBuffer);
    decl = wb.getWorksheet('Declaration')!;
  });

  /** The choices a cell's list validation offers, read back from the cells its range names. */
  const choices = (address: string): string[] => {
    const v = decl.getCell(address).dataValidation;
    expect(v?.type, address).toBe('list');
    const formula = v!.formulae![0] as string;
    if (formula.startsWith('"')) return formula.slice(1, -1).split(',');
    const m = /^\$([A-Z])\$(\d+):\$([A-Z])\$(\d+)$/.exec(formula);
    expect(m, `${address}: ${formula}`).not.toBeNull();
    const out: string[] = [];
    for (let r = Number(m![2]); r <= Number(m![4]); r++) out.push(cellText(decl.getCell(`${m![1]}${r}`)));
    return out;
  };

  it('offers on each answer cell the answers the profile validation allows', () => {
    expect(choices('D9')).toEqual(Object.values(CMRT_SCOPES));
    // Question 1 tantalum, 3 gold, 6 gold, 8 tungsten; A, E, H.
    expect(choices('D26')).toEqual([...allowedAnswers('1')]);
    expect(choices('D40')).toEqual([...allowedAnswers('3')]);
    expect(choices('D58')).toEqual([...allowedAnswers('6')]);
    expect(choices('D71')).toEqual([...allowedAnswers('8')]);
    expect(choices('D75')).toEqual(['Yes', 'No']);
    expect(choices('D83')).toEqual([...allowedAnswers('E')]);
    expect(choices('D89')).toEqual([...allowedAnswers('H')]);
  });

  it('offers every answer it wrote, and keeps its lists in the rows the template hides', () => {
    for (const address of ['D9', 'D58', 'D64', 'D83', 'D89']) expect(choices(address)).toContain(cellText(decl.getCell(address)));
    for (const r of [96, 105, 111]) expect(decl.getRow(r).hidden, `row ${r}`).toBe(true);
    expect(decl.getRow(91).hidden).toBe(false);
  });
});
