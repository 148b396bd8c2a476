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
 * The web app (docs/web.md): `/` answers dist/web/index.html and `/assets/*` its content-hashed files, cached
 * for a year as immutable. Client routes live in the URL fragment (`/#/trace`), so no API path is shadowed and
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
  app.get('/', async (_req, reply) => {
    if (!existsSync(join(root, 'index.html'))) {
      throw new OrpailleError('ORP_NOT_FOUND', 'the web app is not built: run npm run build', { root });
    }
    // The page names the current asset files: always revalidate it.
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });
  });
};
