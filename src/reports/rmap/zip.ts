import { writeZip } from '../zip.js';
import type { PackFile } from './pack.js';

/**
 * The date and time a zip entry carries: the UTC wall-clock time of `generatedAt`. A zip's DOS timestamp has
 * no time zone and yazl fills it from the Date's local fields, so the Date is built from the UTC fields in
 * local time: the bytes are then the same whatever the machine's time zone.
 */
export function entryTime(generatedAt: string): Date {
  const t = new Date(generatedAt);
  return new Date(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds());
}

/**
 * A reproducible zip of the pack's files: entries in the order given (sorted by path), each dated with the time
 * of generation (DOS date and time only), mode 0644, deflated. The same files and time give the same bytes.
 */
export function zipPack(files: readonly PackFile[], generatedAt: string): Promise<Buffer> {
  return writeZip(files.map((f) => ({ name: f.path, data: f.bytes })), { mtime: entryTime(generatedAt), dosTimeOnly: true });
}
