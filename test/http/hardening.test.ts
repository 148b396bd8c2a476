import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/index.js';
import { authHeaders } from '../support/auth.js';
import { testStores } from '../support/stores.js';
import { makeWorld, type World } from '../support/world.js';

describe.each(testStores)('HTTP hardening on $name', (store) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(store);
  });
  afterAll(async () => {
    await w.cleanup();
  });

  const withApp = async (opts: Parameters<typeof buildApp>[1], f: (app: FastifyInstance) => Promise<void>) => {
    const app = await buildApp(w.orp, opts);
    try {
      await f(app);
    } finally {
      await app.close();
    }
  };

  it('refuses a body larger than the configured limit with 413 ORP_PAYLOAD_TOO_LARGE', async () => {
    await withApp({ bodyLimit: 1024, rateLimit: false }, async (app) => {
      const headers = { ...(await authHeaders(w.orp, 'house', 'operator')), 'content-type': 'text/csv' };
      const r = await app.inject({ method: 'POST', url: '/import', headers, payload: 'x'.repeat(2048) });
      expect(r.statusCode).toBe(413);
      expect(r.json()).toEqual({ code: 'ORP_PAYLOAD_TOO_LARGE', message: 'request body larger than 1024 bytes', details: { limit: 1024 } });
    });
  });

  it('limits requests per token with 429 ORP_RATE_LIMITED, each token and IP in its own bucket', async () => {
    await withApp({ rateLimit: { max: 3, windowMs: 60_000 } }, async (app) => {
      const one = await authHeaders(w.orp, 'house', 'viewer');
      const two = await authHeaders(w.orp, 'house', 'viewer');
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await app.inject({ method: 'GET', url: '/lots', headers: one })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const limited = await app.inject({ method: 'GET', url: '/lots', headers: one });
      expect(limited.json()).toMatchObject({ code: 'ORP_RATE_LIMITED', details: { max: 3 } });
      expect(limited.headers['retry-after']).toBeDefined();
      expect((await app.inject({ method: 'GET', url: '/lots', headers: two })).statusCode).toBe(200);
      // Without credentials the bucket is the IP's; failed logins count too.
      const anon: number[] = [];
      for (let i = 0; i < 4; i++) anon.push((await app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'a@b.c', password: 'x' } })).statusCode);
      expect(anon).toEqual([401, 401, 401, 429]);
    });
  });

  it('sends security headers, with a CSP that lets Swagger UI load from /docs', async () => {
    await withApp({ rateLimit: false }, async (app) => {
      const r = await app.inject({ method: 'GET', url: '/health' });
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(r.headers['strict-transport-security']).toContain('max-age=');
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      const ui = await app.inject({ method: 'GET', url: '/docs/static/index.html' });
      expect([200, 302]).toContain(ui.statusCode);
      const page = await app.inject({ method: 'GET', url: '/docs/' });
      expect(page.statusCode).toBe(200);
      // Swagger UI's page loads only scripts served from /docs itself: no inline script for the CSP to block.
      expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)/);
      expect(page.body).toContain('swagger-ui-bundle.js');
      expect((await app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' })).statusCode).toBe(200);
    });
  });

  it('answers errors as JSON {code, message, details}; a 500 says only "internal error"', async () => {
    await withApp({ rateLimit: false }, async (app) => {
      const notFound = await app.inject({ method: 'GET', url: '/nowhere', headers: await authHeaders(w.orp, 'house') });
      expect(notFound.json()).toEqual({ code: 'ORP_NOT_FOUND', message: 'no route GET /nowhere', details: {} });
      const badJson = await app.inject({
        method: 'POST',
        url: '/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"email":',
      });
      expect(badJson.statusCode).toBe(400);
      expect(Object.keys(badJson.json()).sort()).toEqual(['code', 'details', 'message']);
    });
    // A store failure inside a handler: the database is closed under a running app.
    const broken = await makeWorld(store);
    const app = await buildApp(broken.orp, { rateLimit: false });
    const headers = await authHeaders(broken.orp, 'house');
    await broken.orp.close();
    const r = await app.inject({ method: 'GET', url: '/health', headers });
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({ code: 'ORP_INTERNAL', message: 'internal error', details: {} });
    expect(r.body).not.toMatch(/at .*\.(ts|js):\d+/);
    await app.close();
    await broken.cleanup().catch(() => undefined);
  });
});
