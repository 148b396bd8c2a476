import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/index.js';
import { webRoot } from '../../src/http/web.js';
import { authHeaders } from '../support/auth.js';
import { testStores } from '../support/stores.js';
import { makeWorld, type World } from '../support/world.js';

const [sqlite] = testStores;

// Needs the built app (`npm run build`; `npm test` builds first).
describe('the web app served by the API server', () => {
  let w: World;
  let app: FastifyInstance;
  beforeAll(async () => {
    w = await makeWorld(sqlite!);
    app = await buildApp(w.orp, { rateLimit: false });
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  it('answers / with the page of the app, without credentials, revalidated on every visit', async () => {
    const r = await app.inject({ method: 'GET', url: '/' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.body).toContain('<div id="root"></div>');
  });

  it('loads only same-origin scripts under a strict Content-Security-Policy (no inline script)', async () => {
    const r = await app.inject({ method: 'GET', url: '/' });
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain('unsafe-inline\'; script');
    const scripts = [...r.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, inline] of scripts) {
      expect(attrs).toMatch(/src="\/assets\/[^"]+\.js"/);
      expect(inline!.trim()).toBe('');
    }
  });

  it('serves the built files under /assets/ cached for a year as immutable', async () => {
    const file = readdirSync(join(webRoot(), 'assets')).find((f) => f.endsWith('.js'))!;
    const r = await app.inject({ method: 'GET', url: `/assets/${file}` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves the service worker at the root and the web manifest, revalidated, under a CSP that lets them load', async () => {
    const sw = await app.inject({ method: 'GET', url: '/sw.js' });
    expect([sw.statusCode, sw.headers['cache-control']]).toEqual([200, 'no-cache']);
    expect(sw.headers['content-type']).toMatch(/javascript/);
    expect(sw.body).toContain("addEventListener('fetch'");
    const manifest = await app.inject({ method: 'GET', url: '/manifest.webmanifest' });
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const m = manifest.json();
    expect(m).toMatchObject({ start_url: '/#/capture', display: 'standalone' });
    for (const icon of m.icons as { src: string; type: string }[]) {
      const r = await app.inject({ method: 'GET', url: icon.src });
      expect([r.statusCode, r.headers['content-type']], icon.src).toEqual([200, icon.type]);
    }
    // worker-src and manifest-src fall back to default-src 'self'.
    expect(String(sw.headers['content-security-policy'])).toMatch(/default-src 'self'/);
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.body).toContain('<link rel="manifest" href="/manifest.webmanifest"');
  });

  it('has the service worker precache exactly the built asset files, so that pages never opened online work offline', async () => {
    const sw = await app.inject({ method: 'GET', url: '/sw.js' });
    const line = /const PRECACHE = (\[.*?\]); const BUILD = "([0-9a-f]+)";/.exec(sw.body);
    expect(line, 'the build wrote the precache list into sw.js').not.toBeNull();
    const listed = JSON.parse(line![1]!) as string[];
    const emitted = readdirSync(join(webRoot(), 'assets')).map((f) => `/assets/${f}`);
    expect([...listed].sort()).toEqual([...emitted].sort());
    // Pages are split into chunks: more files than the page itself names, all of them served.
    const page = await app.inject({ method: 'GET', url: '/' });
    const named = page.body.match(/\/assets\/[^"]+/g) ?? [];
    expect(emitted.length).toBeGreaterThan(new Set(named).size);
    for (const url of listed) expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
  });

  it('keeps the JSON 404 for unknown paths and missing assets, and the API behind authentication', async () => {
    const viewer = await authHeaders(w.orp, 'house', 'viewer');
    for (const url of ['/no-such-route', '/assets/missing.js', '/trace']) {
      const r = await app.inject({ method: 'GET', url, headers: viewer });
      expect(r.statusCode, url).toBe(404);
      expect(r.json(), url).toMatchObject({ code: 'ORP_NOT_FOUND' });
    }
    const missing = await app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'ORP_NOT_FOUND']);
    const lots = await app.inject({ method: 'GET', url: '/lots' });
    expect(lots.statusCode).toBe(401);
    expect(lots.json().code).toBe('ORP_UNAUTHENTICATED');
  });
});
