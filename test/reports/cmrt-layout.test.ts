import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCmrtWorkbook, cellText, CMRT_SHEETS, REVISION_LABELS, type CmrtReport } from '../../src/reports/cmrt/index.js';
import { officialCmrt } from '../support/cmrt.js';

/** Sheets whose label cells are "layout": compared cell by cell with the official template. */
const LAYOUT_SHEETS = ['Declaration', 'Smelter List', 'Product List', 'Smelter Look-up'] as const;
const LABEL = /^OFFSET\(L!\$C\$1,MATCH\("([^"]+)"&ADDRESS\(ROW\(\),COLUMN\(\),4\)/;

const report: CmrtReport = {
  stamp: { ledgerSeq: 12, ledgerHead: 'ab'.repeat(32), generatedAt: '2026-12-01T09:00:00.000Z', period: { from: '2026-01-01', to: '2027-01-01' } },
  scope: 'B',
  companyName: 'Affinerie du Jura',
  company: { contactName: 'A. Keller', contactEmail: 'cmrt@jura.example' },
  effectiveDate: '2026-12-01',
  questions: { '1': { gold: { answer: 'Yes' } }, '3': { gold: { answer: 'Yes', comment: 'mines in CD' } } },
  policy: { A: { answer: 'Yes' } },
  smelters: [{ metal: 'gold', lookup: 'Smelter not listed', name: 'Affinerie du Jura', country: 'SWITZERLAND', mines: 'Site 1', mineCountries: 'CONGO - KINSHASA', recycled: 'No' }],
  products: [{ number: 'P-1', name: 'ring' }],
};

function formulaOf(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value as { formula?: string } | null;
  return v && typeof v === 'object' && typeof v.formula === 'string' ? v.formula : undefined;
}

describe('the generated CMRT against the official RMI CMRT 6.5 template', () => {
  let official: ExcelJS.Workbook;
  let ours: ExcelJS.Workbook;
  let bytes: Buffer;
  beforeAll(async () => {
    official = new ExcelJS.Workbook();
    await official.xlsx.readFile(officialCmrt('6.5'));
    bytes = await buildCmrtWorkbook(report);
    ours = new ExcelJS.Workbook();
    await ours.xlsx.load(bytes as unknown as ArrayBuffer);
  }, 180_000);

  it('has the template visible sheets, in order', () => {
    expect(ours.worksheets.map((w) => w.name)).toEqual(official.worksheets.filter((w) => w.state === 'visible').map((w) => w.name));
    expect(ours.worksheets.map((w) => w.name)).toEqual([...CMRT_SHEETS]);
  });

  it('has every label cell of the Declaration, Smelter List, Product List and Smelter Look-up sheets at the template address, in English', () => {
    // The template computes its labels from the hidden sheet L (key = sheet & address, column D English).
    const english = new Map<string, string>();
    official.getWorksheet('L')!.eachRow((row) => english.set(`${cellText(row.getCell(2))}|${cellText(row.getCell(3))}`, row.getCell(4).text));
    let compared = 0;
    for (const name of LAYOUT_SHEETS) {
      const theirs = official.getWorksheet(name)!;
      const mine = ours.getWorksheet(name)!;
      const expected = new Map<string, string>();
      theirs.eachRow((row) =>
        row.eachCell((cell) => {
          const m = LABEL.exec(formulaOf(cell) ?? '');
          if (m && m[1] === name && !(cell.isMerged && cell.master.address !== cell.address)) expected.set(cell.address, english.get(`${name}|${cell.address}`)!);
        }),
      );
      for (const [address, text] of expected) {
        expect({ sheet: name, address, text: cellText(mine.getCell(address)) }).toEqual({ sheet: name, address, text: text.trim() });
        compared++;
      }
      // Nothing else is written above the data rows (the header rows are the template's).
      const headerRows = { Declaration: 91, 'Smelter List': 4, 'Product List': 5, 'Smelter Look-up': 4 }[name];
      mine.eachRow((row, r) => {
        if (r > headerRows) return;
        row.eachCell((cell) => {
          if (name === 'Declaration' && /^[DG]\d+$/.test(cell.address)) return;
          if (['J3', 'Q3'].includes(cell.address)) return;
          expect({ sheet: name, address: cell.address, label: expected.has(cell.address) }).toEqual({ sheet: name, address: cell.address, label: true });
        });
      });
    }
    expect(compared).toBeGreaterThan(80);
  });

  it('has the template revision in Declaration J3 and Smelter List Q3, and the Revision title cells', () => {
    expect(cellText(ours.getWorksheet('Declaration')!.getCell('J3'))).toBe(cellText(official.getWorksheet('Declaration')!.getCell('J3')));
    expect(cellText(ours.getWorksheet('Smelter List')!.getCell('Q3'))).toBe(cellText(official.getWorksheet('Smelter List')!.getCell('Q3')));
    for (const address of Object.keys(REVISION_LABELS)) expect(cellText(ours.getWorksheet('Revision')!.getCell(address))).toBe(cellText(official.getWorksheet('Revision')!.getCell(address)));
  });

  it('puts the answers where the template has its input cells: company information in column D, gold questions on the gold row, smelters from row 5, products from row 6', () => {
    const d = ours.getWorksheet('Declaration')!;
    expect([cellText(d.getCell('D8')), cellText(d.getCell('D15')), cellText(d.getCell('D28')), cellText(d.getCell('D40')), cellText(d.getCell('G40')), cellText(d.getCell('D75'))]).toEqual(['Affinerie du Jura', 'A. Keller', 'Yes', 'Yes', 'mines in CD', 'Yes']);
    // The template's own rows for gold: its column B label of those rows reads "Gold".
    expect(['B28', 'B40'].map((a) => cellText(official.getWorksheet('Declaration')!.getCell(a)).length > 0)).toEqual([true, true]);
    expect(d.getCell('D22').numFmt).toBe('dd-mmm-yyyy');
    expect(cellText(ours.getWorksheet('Smelter List')!.getCell('D5'))).toBe('Affinerie du Jura');
    expect(cellText(ours.getWorksheet('Product List')!.getCell('B6'))).toBe('P-1');
  });

  describe('LibreOffice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orpaille-cmrt-lo-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('opens the file and converts it without error (soffice --headless)', () => {
      const soffice = ['soffice', 'libreoffice'].find((b) => spawnSync('sh', ['-c', `command -v ${b}`]).status === 0);
      if (!soffice) throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui (.ci/run installs it)');
      const file = join(dir, 'cmrt.xlsx');
      writeFileSync(file, bytes);
      execFileSync(soffice, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,4', '--outdir', dir, file], { stdio: 'pipe', timeout: 170_000 });
      const csv = join(dir, 'cmrt-Declaration.csv');
      expect(existsSync(csv)).toBe(true);
      expect(readFileSync(csv, 'utf8')).toContain('Affinerie du Jura');
    }, 180_000);
  });
});
