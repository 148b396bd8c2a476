import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { UserRole } from '../../src/access/index.js';
import { bootstrapPlatformAdmin, PLATFORM_ADMIN_EMAIL } from '../../src/accounts/index.js';
import { buildApp } from '../../src/http/index.js';
import type { Orpaille } from '../../src/orpaille.js';
import { makeAccessWorld } from './access-world.js';
import { authHeaders } from './auth.js';
import type { TestStore } from './stores.js';
import type { World } from './world.js';

type Headers = Record<string, string>;

/** The HTTP test world of one describe block: the access world, the app over it and one set of headers per caller. */
export interface HttpWorld {
  readonly w: World;
  readonly app: FastifyInstance;
  /** Headers by caller name (`platform` when the platform administrator logged in). */
  readonly h: Record<string, Headers>;
  req(who: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object): Promise<LightMyRequestResponse>;
}

/**
 * Logs the platform administrator in through POST /auth/login (a session, as the web app would) and returns the
 * cookie and CSRF headers. Call before any other user is created: bootstrapping only works on an empty platform.
 */
export async function platformAdminHeaders(orp: Orpaille, app: FastifyInstance, password?: string): Promise<Headers> {
  const pw = password ?? (await bootstrapPlatformAdmin(orp))!.password;
  const login = await app.inject({ method: 'POST', url: '/auth/login', payload: { email: PLATFORM_ADMIN_EMAIL, password: pw } });
  const cookie = login.cookies.find((c) => c.name === 'orp_session')!;
  return { cookie: `orp_session=${cookie.value}`, 'x-orpaille-csrf': login.json().csrfToken };
}

/**
 * Registers beforeAll/afterAll for an HTTP test world on `store`: the access world (test/support/access-world),
 * `setup` run on it before the app is built, one API token per entry of `callers` (name -> [org, role]) and,
 * with `platform`, the platform administrator's session under `h.platform`.
 */
export function useHttpWorld(
  store: TestStore,
  opts: { callers: Record<string, readonly [org: string, role: UserRole]>; platform?: boolean; setup?: (w: World) => Promise<void> },
): HttpWorld {
  let w: World | undefined;
  let app: FastifyInstance | undefined;
  const h: Record<string, Headers> = {};
  beforeAll(async () => {
    w = await makeAccessWorld(store);
    const password = opts.platform ? (await bootstrapPlatformAdmin(w.orp))!.password : undefined;
    await opts.setup?.(w);
    app = await buildApp(w.orp, { rateLimit: false });
    if (password) h['platform'] = await platformAdminHeaders(w.orp, app, password);
    for (const [name, [org, role]] of Object.entries(opts.callers)) h[name] = await authHeaders(w.orp, org, role);
  });
  afterAll(async () => {
    await app?.close();
    await w?.cleanup();
  });
  return {
    get w() {
      return w!;
    },
    get app() {
      return app!;
    },
    h,
    req: (who, method, url, payload) => app!.inject({ method, url, headers: h[who]!, ...(payload ? { payload } : {}) }),
  };
}
