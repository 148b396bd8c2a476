import type { FastifyPluginAsync, RouteOptions } from 'fastify';
import type { Orpaille } from '../orpaille.js';

/** Settings of the HTTP API; every field has a default (see `httpSettings`). */
export interface HttpOptions {
  logger?: boolean;
  /** Largest accepted request body in bytes (default 10 MB). */
  bodyLimit?: number;
  /** Requests per window per token, session or (unauthenticated) IP; `false` turns limiting off. */
  rateLimit?: { max: number; windowMs: number } | false;
  /** Secure flag on the session cookie (default true; false only for plain http://localhost). */
  cookieSecure?: boolean;
  /** Web session lifetime (default 12 hours). */
  sessionTtlMs?: number;
  /** Called for every route as it is registered (tests enumerate routes with it). */
  onRoute?: (route: RouteOptions) => void;
}

export type HttpSettings = Required<Omit<HttpOptions, 'onRoute'>>;

/** Options with their defaults filled in. */
export function httpSettings(o: HttpOptions = {}): HttpSettings {
  return {
    logger: o.logger ?? false,
    bodyLimit: o.bodyLimit ?? 10 * 1024 * 1024,
    rateLimit: o.rateLimit ?? { max: 600, windowMs: 60_000 },
    cookieSecure: o.cookieSecure ?? true,
    sessionTtlMs: o.sessionTtlMs ?? 12 * 3600_000,
  };
}

/** What every route plugin receives: the composition root and the settings. */
export interface AppContext {
  orp: Orpaille;
  settings: HttpSettings;
}

/** A route plugin; register it with one line in `buildApp` (src/http/app.ts). */
export type OrpaillePlugin = FastifyPluginAsync<AppContext>;

/**
 * Marks a plugin as not encapsulated, so the hooks and decorators it adds apply to every route of the
 * app (Fastify's documented `skip-override` symbol, what fastify-plugin sets).
 */
export function appWide(plugin: OrpaillePlugin): OrpaillePlugin {
  Object.defineProperty(plugin, Symbol.for('skip-override'), { value: true });
  return plugin;
}
