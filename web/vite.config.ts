import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precache } from './build/precache.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The web app (docs/web.md): built by `npm run build` into dist/web and served by the Orpaille server
 * (src/http/web.ts). Only same-origin files: the server's Content-Security-Policy allows no inline script.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  // precache(): the built service worker lists every emitted asset to cache on install (offline capture).
  plugins: [react(), precache()],
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // No inlined data: URLs for scripts; small images may still be inlined (img-src allows data:).
    modulePreload: { polyfill: false },
  },
  server: {
    // `npx vite -c web/vite.config.ts` during development: the API runs on `npm start` (port 8080).
    proxy: Object.fromEntries(['/auth', '/reports', '/lots', '/incidents', '/diligence', '/certificates', '/sites', '/vc', '/rules', '/dashboard', '/v', '/docs'].map((p) => [p, 'http://localhost:8080'])),
  },
});
