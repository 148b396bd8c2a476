import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Where the official RMI CMRT workbooks are: $ORPAILLE_CMRT_TEMPLATE (the 6.5 file; its folder for the
 * others), else <repo>/../shared/data/cmrt/, else /work/shared/data/cmrt/. They are not in the repository
 * (RMI's smelter list must not be bundled), so a test that needs them fails, saying where it looked.
 */
export function officialCmrt(version: '6.5' | '6.4' = '6.5'): string {
  const name = `RMI_CMRT_${version}.xlsx`;
  const env = process.env['ORPAILLE_CMRT_TEMPLATE'];
  const candidates = [
    ...(env ? [version === '6.5' ? env : join(dirname(env), name)] : []),
    join(REPO, '..', 'shared', 'data', 'cmrt', name),
    join('/work/shared/data/cmrt', name),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`the official ${name} was not found (looked at ${candidates.join(', ')}); set ORPAILLE_CMRT_TEMPLATE to the RMI_CMRT_6.5.xlsx downloaded from the RMI website`);
  return found;
}

/** A small workbook with a CMRT's Declaration revision cell and Smelter Look-up rows (metal, name, country, id). */
export async function syntheticReference(revision: string, rows: [metal: string, name: string, country: string, id: string][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Declaration').getCell('J3').value = revision;
  const ws = wb.addWorksheet('Smelter Look-up');
  rows.forEach(([metal, name, country, id], i) => {
    ws.getRow(5 + i).values = [metal, name, name, country, id, 'RMI', '', 'City', 'State'];
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A copy of a workbook with some cells changed (sheet, address, value; null empties the cell). */
export async function withCells(bytes: Buffer, cells: [sheet: string, address: string, value: ExcelJS.CellValue][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  for (const [sheet, address, value] of cells) wb.getWorksheet(sheet)!.getCell(address).value = value;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
