import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OrpailleError } from '../kernel/index.js';
import { projectRoot } from '../paths.js';
import type { OrpaillePlugin } from './context.js';

/** Where `npm run build` writes the web app (web/vite.config.ts). */
export function webRoot(): string {
  return join(projectRoot(), 'dist', 'web');
}

/**
 * The installable app's files at the root (web/public, copied by Vite): the service worker must be served from
 * `/` to control the whole app; the manifest and its icons make the app installable. Revalidated on every visit.
 */
const PWA_FILES = ['sw.js', 'manifest.webmanifest', 'icon.svg', 'icon-192.png', 'icon-512.png'] as const;

/**
 * The web app (docs/web.md): `/` answers dist/web/index.html and `/assets/*` its content-hashed files, cached
 * for a year as immutable; `/sw.js`, `/manifest.webmanifest` and the icons make it an installable, offline app. Client routes live in the URL fragment (`/#/trace`), so no API path is shadowed and
 * any other unknown path keeps the JSON 404. These routes serve no data: they are public and left out of the
 * OpenAPI document.
 */
export const webApp: OrpaillePlugin = async (app) => {
  const root = webRoot();
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, public: true };
    route.schema = { ...route.schema, hide: true };
  });
  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
  });
  const built = (file: string) => {
    if (!existsSync(join(root, file))) throw new OrpailleError('ORP_NOT_FOUND', 'the web app is not built: run npm run build', { root });
  };
  for (const file of PWA_FILES) {
    app.get(`/${file}`, async (_req, reply) => {
      built(file);
      return reply.header('cache-control', 'no-cache').sendFile(file, root, { cacheControl: false });
    });
  }
  app.get('/', async (_req, reply) => {
    built('index.html');
    // The page names the current asset files: always revalidate it.
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });
  });
};
