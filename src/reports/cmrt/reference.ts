import ExcelJS from 'exceljs';
import { OrpailleError } from '../../kernel/index.js';
import { LOOKUP_FIRST_ROW } from './layout.js';
import { CMRT_METAL_NAMES, SMELTER_ID, type ReferenceSmelter, type SmelterReference } from './types.js';
import { cellText } from './xlsx.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const METAL_NAMES = new Set(Object.values(CMRT_METAL_NAMES));

/** Loads an xlsx; a file that is not one is rejected as ORP_IMPORT_INVALID naming the file. */
export async function loadWorkbook(bytes: Buffer, fileName: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new OrpailleError('ORP_IMPORT_INVALID', `${fileName} is not an xlsx workbook (${(err as Error).message})`, { file: fileName });
  }
  return wb;
}

/** The sheet, or ORP_IMPORT_INVALID naming it. */
export function requireSheet(wb: ExcelJS.Workbook, name: string, fileName: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new OrpailleError('ORP_IMPORT_INVALID', `${fileName}: no "${name}" sheet (not a CMRT workbook)`, { file: fileName, sheet: name });
  return ws;
}

/**
 * The template revision of a CMRT workbook from Declaration J3 ("Revision 6.5\nApril 25, 2025"): version
 * and date (YYYY-MM-DD). ORP_IMPORT_INVALID naming the cell when it is not there.
 */
export function cmrtRevision(wb: ExcelJS.Workbook, fileName: string): { version: string; date: string } {
  const text = cellText(requireSheet(wb, 'Declaration', fileName).getCell('J3'));
  const m = /^Revision\s+(\d+\.\d+)\s+([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})$/.exec(text.replace(/\s+/g, ' ').trim());
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  if (!m || month < 0) throw new OrpailleError('ORP_IMPORT_INVALID', `${fileName}: Declaration!J3 should read "Revision 6.x <Month> <day>, <year>", found "${text}"`, { file: fileName, sheet: 'Declaration', cell: 'J3' });
  return { version: m[1]!, date: `${m[4]}-${String(month + 1).padStart(2, '0')}-${m[3]!.padStart(2, '0')}` };
}

/**
 * Reads the RMI smelter reference from the "Smelter Look-up" sheet of an official CMRT workbook (every
 * metal; rows without an RMI id such as "Smelter not listed" are left out). A row with a metal but a
 * malformed id is rejected with its cell: a damaged reference must not be half imported.
 */
export async function parseSmelterReference(bytes: Buffer, fileName: string): Promise<SmelterReference> {
  const wb = await loadWorkbook(bytes, fileName);
  const { version, date } = cmrtRevision(wb, fileName);
  const ws = requireSheet(wb, 'Smelter Look-up', fileName);
  const smelters: ReferenceSmelter[] = [];
  for (let r = LOOKUP_FIRST_ROW; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const metal = cellText(row.getCell(1));
    if (!METAL_NAMES.has(metal)) continue;
    const id = cellText(row.getCell(5));
    if (id === '') continue;
    if (!SMELTER_ID.test(id)) throw new OrpailleError('ORP_IMPORT_INVALID', `${fileName}: Smelter Look-up!E${r} is not an RMI smelter id (CID and 6 digits): "${id}"`, { file: fileName, sheet: 'Smelter Look-up', cell: `E${r}` });
    const opt = (c: number) => cellText(row.getCell(c)) || undefined;
    smelters.push({
      metal,
      lookupName: cellText(row.getCell(2)),
      standardName: cellText(row.getCell(3)),
      country: cellText(row.getCell(4)),
      smelterId: id,
      source: cellText(row.getCell(6)),
      ...strip({ street: opt(7), city: opt(8), state: opt(9) }),
    });
  }
  if (smelters.length === 0) throw new OrpailleError('ORP_IMPORT_INVALID', `${fileName}: the Smelter Look-up sheet lists no smelter with an RMI id from row ${LOOKUP_FIRST_ROW}`, { file: fileName, sheet: 'Smelter Look-up', cell: `A${LOOKUP_FIRST_ROW}` });
  return { version, revisionDate: date, smelters };
}

/** Drops undefined members (exactOptionalPropertyTypes). */
export function strip<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
