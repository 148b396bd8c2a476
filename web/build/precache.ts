import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** The line of web/public/sw.js that the build replaces with the list of emitted assets. */
export const PRECACHE_LINE = "const PRECACHE = []; const BUILD = 'dev'; // filled in by the build (web/build/precache.ts)";

/** The precache line for these asset URLs; the cache name follows the list, so a new build gets a new cache. */
export function precacheLine(assets: readonly string[]): string {
  const list = [...assets].sort();
  const build = createHash('sha256').update(list.join('\n')).digest('hex').slice(0, 12);
  return `const PRECACHE = ${JSON.stringify(list)}; const BUILD = ${JSON.stringify(build)};`;
}

/**
 * Writes the URL of every file the build emitted under assets/ into the built sw.js, which caches them all on
 * install: pages are loaded lazily, and a page's chunk never fetched online would otherwise be missing offline.
 * The list lives in the worker's own file (same origin, no inline script, CSP unchanged), and a new build changes
 * the worker's bytes, which makes browsers install it afresh.
 */
export function precache(): Plugin {
  let outDir = '';
  return {
    name: 'orpaille-precache',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      const assets = Object.keys(bundle).filter((f) => f.startsWith('assets/')).map((f) => `/${f}`);
      const file = join(outDir, 'sw.js');
      const source = readFileSync(file, 'utf8');
      if (!source.includes(PRECACHE_LINE)) throw new Error(`${file} lacks the precache line: ${PRECACHE_LINE}`);
      writeFileSync(file, source.replace(PRECACHE_LINE, precacheLine(assets)));
    },
  };
}
