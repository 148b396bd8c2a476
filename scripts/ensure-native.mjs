// npm 11 may skip dependency install scripts; better-sqlite3 then has no native binding.
// This root postinstall checks the binding and compiles it from source when it is missing.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);

function loads() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return true;
  } catch {
    return false;
  }
}

if (!loads()) {
  const dir = dirname(require.resolve('better-sqlite3/package.json'));
  console.log('[orpaille] building better-sqlite3 from source (takes a minute or two)...');
  const gyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [dir, process.execPath] });
  execFileSync(process.execPath, [gyp, 'rebuild', '--release'], { cwd: dir, stdio: 'inherit' });
  if (!loads()) {
    console.error('[orpaille] better-sqlite3 still does not load; see the build output above.');
    process.exit(1);
  }
}
