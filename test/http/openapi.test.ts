import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/index.js';
import { testStores } from '../support/stores.js';
import { makeWorld, type World } from '../support/world.js';

const [sqlite] = testStores;
// POST routes whose request is the URL alone.
const TAKES_NO_BODY = ['/auth/logout', '/queries/:queryName/subscriptions/:subscriptionID/resume', '/assays/:id/reconcile', '/diligence/scan'];

describe('OpenAPI document', () => {
  let w: World;
  let app: FastifyInstance;
  const routes: RouteOptions[] = [];
  beforeAll(async () => {
    w = await makeWorld(sqlite!);
    app = await buildApp(w.orp, { rateLimit: false, onRoute: (r) => void routes.push(r) });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  // Routes hidden from the document (the web app's page and files) are not API routes.
  const hidden = (r: RouteOptions) => Boolean((r.schema as { hide?: boolean } | undefined)?.hide);
  const apiRoutes = () => routes.filter((r) => !r.url.startsWith('/docs') && !hidden(r) && [r.method].flat().some((m) => m !== 'HEAD'));

  it('gives every API route a request schema for the input it takes and a response schema for its 2xx answer', () => {
    expect(apiRoutes().length).toBeGreaterThan(15);
    for (const r of apiRoutes()) {
      const where = `${String(r.method)} ${r.url}`;
      const s = (r.schema ?? {}) as Record<string, unknown>;
      if (r.url.includes(':')) expect(s['params'], where).toBeDefined();
      if ([r.method].flat().some((m) => ['POST', 'PUT', 'PATCH'].includes(m)) && !TAKES_NO_BODY.includes(r.url)) expect(s['body'], where).toBeDefined();
      const ok = Object.keys((s['response'] ?? {}) as object).filter((c) => /^2\d\d$/.test(c));
      expect(ok, where).not.toEqual([]);
    }
  });

  it('serves a valid OpenAPI 3 document at /docs/json with a path for each route and both security schemes', async () => {
    const r = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'Orpaille API', version: expect.any(String) });
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearerAuth', 'cookieAuth']);
    for (const route of apiRoutes()) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      for (const m of [route.method].flat().filter((x) => x !== 'HEAD')) {
        const op = doc.paths[path]?.[m.toLowerCase()];
        expect(op, `${m} ${path}`).toBeDefined();
        expect(Object.keys(op.responses).some((c) => c.startsWith('2')), `${m} ${path}`).toBe(true);
      }
    }
    expect(doc.paths['/v/{code}'].get.security).toEqual([]);
    expect(Object.keys(doc.paths).filter((p) => p === '/' || p.startsWith('/assets'))).toEqual([]);
    expect(doc.paths['/verify/{code}'].get).toMatchObject({ security: [], responses: { 200: { content: { 'text/html': { schema: { type: 'string' } } } } } });
    expect(doc.paths['/lots'].get.security).toBeUndefined();
  });

  it('serves Swagger UI at /docs without credentials', async () => {
    const r = await app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(r.statusCode);
  });
});
