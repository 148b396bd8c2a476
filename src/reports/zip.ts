import { inflateRawSync } from 'node:zlib';
import yazl from 'yazl';

/** A file inside a zip: its name (path) and its bytes. */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

/**
 * Writes entries, in the order given, into a zip whose bytes depend only on them and on `mtime`: every entry
 * carries that time and mode 0644 and is deflated. With `dosTimeOnly` the Info-ZIP extended timestamp (UTC
 * seconds) is left out, so only the zone-less DOS date and time remain.
 */
export async function writeZip(entries: readonly ZipEntry[], opts: { mtime: Date; dosTimeOnly?: boolean }): Promise<Buffer> {
  const out = new yazl.ZipFile();
  for (const e of entries) out.addBuffer(e.data, e.name, { mtime: opts.mtime, mode: 0o100644, compress: true, ...(opts.dosTimeOnly ? { forceDosTimestamp: true } : {}) });
  out.end();
  const parts: Buffer[] = [];
  for await (const chunk of out.outputStream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** The entries of a zip read from its central directory (stored and deflated entries: what Orpaille and exceljs write). */
export function zipEntries(zip: Buffer): ZipEntry[] {
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
