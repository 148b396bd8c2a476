import type { Cell, CellValue } from 'exceljs';
import { writeZip, zipEntries } from '../zip.js';

/**
 * The text a cell shows: a formula's cached result, rich text joined, a hyperlink's text, a date as
 * YYYY-MM-DD; '' for an empty cell or an error. Supplier files are read through this so a value typed
 * in and a value computed by the template's look-up formulas read the same.
 */
export function cellText(cell: Cell | undefined): string {
  return valueText(cell?.value ?? null).trim();
}

function valueText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return valueText(((v as { result?: CellValue }).result ?? null) as CellValue);
  if ('text' in v && typeof v.text === 'string') return v.text;
  if ('error' in v) return '';
  return '';
}

/**
 * Rewrites a zip (an xlsx as exceljs writes it) with every entry dated `mtime`, in the same order, so the
 * same workbook gives the same bytes: exceljs stamps each entry with the time of writing. Stored and
 * deflated entries only (all that exceljs writes).
 */
export async function reproducibleZip(zip: Buffer, mtime: Date): Promise<Buffer> {
  // Directory entries carry nothing an xlsx reader needs.
  return writeZip(zipEntries(zip).filter((e) => !e.name.endsWith('/')), { mtime });
}
