import cookie from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { sameSecret, secretHash, type UserRole } from '../access/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { appWide, type OrpaillePlugin } from './context.js';

export type { UserRole } from '../access/index.js';

/** Who is calling: a user (web session) or an API token, with what the caller may see. */
export interface Principal {
  kind: 'user' | 'token';
  /** User or token id. */
  id: string;
  /** Null only for the platform (bootstrap) administrator. */
  org: { id: string; uri: string } | null;
  role: UserRole;
  platformAdmin: boolean;
  /** Party URIs whose events this principal may see: its own organisation's URI plus those of organisations that granted it access. Empty for the platform admin. */
  visibleParties: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on every non-public route (public routes may leave it unset). */
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** Reachable without credentials (health, /v/{code}, /docs, login). */
    public?: boolean;
    /** Roles allowed on this route, checked before the body is read (so a refusal is a 403, never a 400). */
    roles?: UserRole[];
  }
}

export const SESSION_COOKIE = 'orp_session';
export const CSRF_HEADER = 'x-orpaille-csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// last_used_at is written at most once a minute per token, not on every request.
const TOUCH_EVERY_MS = 60_000;

/** Throws 403 ORP_FORBIDDEN unless the principal's role is one of `roles`. */
export function requireRole(req: FastifyRequest, ...roles: UserRole[]): void {
  if (!roles.includes(req.principal.role)) {
    throw new OrpailleError('ORP_FORBIDDEN', `this needs the role ${roles.join(' or ')}; you are ${req.principal.role}`, { roles, role: req.principal.role });
  }
}

/**
 * Like `requireRole`, for acts done in the name of the caller's organisation (capture, import, disclose):
 * the platform administrator, who belongs to none, is refused too. Returns the organisation.
 */
export function requireOrgRole(req: FastifyRequest, ...roles: UserRole[]): { id: string; uri: string } {
  requireRole(req, ...roles);
  if (!req.principal.org) throw new OrpailleError('ORP_FORBIDDEN', 'the platform administrator acts for no organisation', {});
  return req.principal.org;
}

/** The hash of the caller's session id when it authenticated with the session cookie (for logout). */
export function sessionOf(req: FastifyRequest): string | undefined {
  return sessions.get(req);
}

const sessions = new WeakMap<FastifyRequest, string>();
const failures = new WeakMap<FastifyRequest, OrpailleError>();

function unauthenticated(message: string): OrpailleError {
  return new OrpailleError('ORP_UNAUTHENTICATED', message, {});
}

/** The principal of an organisation member with `role`; `visibleParties` includes the grantors' URIs. */
export async function orgPrincipal(orp: Orpaille, kind: Principal['kind'], id: string, orgId: string, role: UserRole): Promise<Principal | undefined> {
  const org = await orp.registry.organisation(orgId);
  if (!org) return undefined;
  const granted = await orp.access.grantorUris(org.id, orp.clock.now().getTime());
  return { kind, id, org: { id: org.id, uri: org.uri }, role, platformAdmin: false, visibleParties: [org.uri, ...granted.filter((u) => u !== org.uri)] };
}

/** The principal of a user, or undefined when the user is unknown or disabled. */
export async function userPrincipal(orp: Orpaille, userId: string): Promise<Principal | undefined> {
  const user = await orp.access.user(userId);
  if (!user || user.disabledAt !== undefined) return undefined;
  if (user.org === null) return { kind: 'user', id: user.id, org: null, role: user.role, platformAdmin: true, visibleParties: [] };
  return orgPrincipal(orp, 'user', user.id, user.org, user.role);
}

async function tokenPrincipal(orp: Orpaille, token: string): Promise<Principal> {
  const now = orp.clock.now().getTime();
  const t = await orp.access.tokenByHash(secretHash(token));
  if (!t || t.revokedAt !== undefined || (t.expiresAt !== undefined && t.expiresAt <= now)) throw unauthenticated('unknown, expired or revoked API token');
  if (t.user) {
    const owner = await orp.access.user(t.user);
    if (!owner || owner.disabledAt !== undefined) throw unauthenticated('the user of this API token is disabled');
  }
  const p = await orgPrincipal(orp, 'token', t.id, t.org, t.role);
  if (!p) throw unauthenticated('the organisation of this API token no longer exists');
  if (t.lastUsedAt === undefined || now - t.lastUsedAt >= TOUCH_EVERY_MS) await orp.access.touchToken(t.id, now);
  return p;
}

async function sessionPrincipal(orp: Orpaille, req: FastifyRequest, sessionId: string): Promise<Principal> {
  const idHash = secretHash(sessionId);
  const s = await orp.access.session(idHash);
  if (!s || s.expiresAt <= orp.clock.now().getTime()) throw unauthenticated('no session or session expired: log in again');
  const p = await userPrincipal(orp, s.user);
  if (!p) throw unauthenticated('this user is disabled');
  // A cookie rides along with any cross-site request; the CSRF header proves the page was ours.
  if (UNSAFE.has(req.method)) {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameSecret(sent, s.csrf)) {
      throw new OrpailleError('ORP_FORBIDDEN', `cookie-authenticated ${req.method} needs the ${CSRF_HEADER} header returned by login`, {});
    }
  }
  sessions.set(req, idHash);
  return p;
}

async function resolve(orp: Orpaille, req: FastifyRequest): Promise<Principal | undefined> {
  const authz = req.headers.authorization;
  if (authz !== undefined) {
    const m = /^Bearer\s+(orp_[A-Za-z0-9_-]{43})$/.exec(authz);
    if (!m) throw unauthenticated('Authorization must be "Bearer orp_..." with an Orpaille API token');
    return tokenPrincipal(orp, m[1]!);
  }
  const sid = req.cookies[SESSION_COOKIE];
  if (sid) return sessionPrincipal(orp, req, sid);
  return undefined;
}

/**
 * Authentication for every route: credentials are resolved first (so the rate limiter can key on the
 * caller), then, before the body is read, a route without `config.public` refuses a request without a
 * valid principal with 401 ORP_UNAUTHENTICATED (or 403 for a missing CSRF header), and one whose role is
 * not in `config.roles` with 403 ORP_FORBIDDEN.
 */
export const auth: OrpaillePlugin = appWide(async (app, { orp }) => {
  await app.register(cookie);
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (req) => {
    try {
      const p = await resolve(orp, req);
      if (p) req.principal = p;
    } catch (err) {
      if (!(err instanceof OrpailleError)) throw err;
      failures.set(req, err);
    }
  });
  app.addHook('preParsing', async (req) => {
    if (req.routeOptions.config.public) return;
    const failure = failures.get(req);
    if (failure) throw failure;
    if (!req.principal) throw unauthenticated('log in or send "Authorization: Bearer orp_..."');
    const roles = req.routeOptions.config.roles;
    if (roles) requireRole(req, ...roles);
  });
});
