import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The OpenEPCIS test documents (see test/fixtures/epcis/openepcis/README.md). */
export const OPENEPCIS = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/epcis/openepcis/EPCIS');
export const HASH_VECTORS = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/epcis/hash-vectors');

/** File names (without extension) of one OpenEPCIS folder, e.g. `JSON/Capture/Documents`. */
export function names(folder: string, extension: 'json' | 'xml'): string[] {
  return readdirSync(join(OPENEPCIS, folder))
    .filter((f) => f.endsWith(`.${extension}`))
    .map((f) => f.slice(0, -extension.length - 1))
    .sort();
}

export const text = (path: string): string => readFileSync(path, 'utf8');
export const openepcis = (folder: string, name: string, extension: 'json' | 'xml'): string => text(join(OPENEPCIS, folder, `${name}.${extension}`));
export const hasTwin = (folder: string, name: string, extension: 'json' | 'xml'): boolean => existsSync(join(OPENEPCIS, folder, `${name}.${extension}`));
