#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm ci` (prepare) and `npm start`.
import('../dist/src/cli/main.js').then(async (m) => { process.exitCode = await m.main(process.argv); }).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
