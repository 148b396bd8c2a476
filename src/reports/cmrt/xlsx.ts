import { inflateRawSync } from 'node:zlib';
import type { Cell, CellValue } from 'exceljs';
import yazl from 'yazl';

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
  const out = new yazl.ZipFile();
  // Directory entries carry nothing an xlsx reader needs.
  for (const e of zipEntries(zip)) if (!e.name.endsWith('/')) out.addBuffer(e.data, e.name, { mtime, mode: 0o100644, compress: true });
  out.end();
  const parts: Buffer[] = [];
  for await (const chunk of out.outputStream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

function zipEntries(zip: Buffer): { name: string; data: Buffer }[] {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`zip entry ${name}: unsupported compression ${method}`);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}
