import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The web app (web/) has its own Vite config for `vite build`; tests run from the repository root and only
  // read web/src modules that need no DOM (catalogs, formatters).
  root: '.',
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
