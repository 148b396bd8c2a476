import { randomSecret, secretHash, verifyPassword } from '../access/index.js';
import { OrpailleError } from '../kernel/index.js';
import { CSRF_HEADER, SESSION_COOKIE, sessionOf, userPrincipal, type Principal } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { errorSchema } from './schemas.js';

const principalSchema = {
  type: 'object',
  required: ['kind', 'id', 'role', 'platformAdmin', 'visibleParties'],
  properties: {
    kind: { type: 'string', enum: ['user', 'token'] },
    id: { type: 'string' },
    org: { type: ['object', 'null'], properties: { id: { type: 'string' }, uri: { type: 'string' } } },
    role: { type: 'string' },
    platformAdmin: { type: 'boolean' },
    visibleParties: { type: 'array', items: { type: 'string' } },
  },
} as const;

const meSchema = {
  type: 'object',
  required: ['principal'],
  properties: {
    principal: principalSchema,
    email: { type: 'string' },
    csrfToken: { type: 'string', description: `send it as the ${CSRF_HEADER} header on POST, PUT, PATCH and DELETE` },
    expiresAt: { type: 'string' },
  },
} as const;

// Same answer, same work, whether the e-mail is unknown or the password wrong.
const DUMMY_HASH = 'scrypt$32768$8$3$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Web sessions: log in with e-mail and password (HttpOnly, SameSite=Strict cookie), log out, who am I. */
export const session: OrpaillePlugin = async (app, { orp, settings }) => {
  app.post<{ Body: { email: string; password: string } }>(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        summary: 'Log in; sets the session cookie and returns the CSRF token',
        security: [],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'password'],
          properties: { email: { type: 'string', minLength: 3, maxLength: 320 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
        },
        response: { 200: meSchema, 400: errorSchema, 401: errorSchema },
      },
    },
    async (req, reply) => {
      const user = await orp.access.userByEmail(req.body.email);
      const ok = await verifyPassword(req.body.password, user?.passwordHash ?? DUMMY_HASH);
      const principal: Principal | undefined = ok && user ? await userPrincipal(orp, user.id) : undefined;
      if (!user || !principal) throw new OrpailleError('ORP_UNAUTHENTICATED', 'wrong e-mail or password', {});
      const sessionId = randomSecret();
      const now = orp.clock.now().getTime();
      const s = { user: user.id, csrf: randomSecret(), createdAt: now, expiresAt: now + settings.sessionTtlMs };
      await orp.access.addSession(secretHash(sessionId), s);
      reply.setCookie(SESSION_COOKIE, sessionId, {
        httpOnly: true,
        sameSite: 'strict',
        secure: settings.cookieSecure,
        path: '/',
        expires: new Date(s.expiresAt),
      });
      return { principal, email: user.email, csrfToken: s.csrf, expiresAt: new Date(s.expiresAt).toISOString() };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { summary: 'End the web session (a no-op for API tokens)', response: { 204: { type: 'null' }, 401: errorSchema, 403: errorSchema } } },
    async (req, reply) => {
      const idHash = sessionOf(req);
      if (idHash) await orp.access.endSession(idHash, orp.clock.now().getTime());
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: settings.cookieSecure });
      return reply.status(204).send();
    },
  );

  app.get('/auth/me', { schema: { summary: 'Who is calling, and the CSRF token of a web session', response: { 200: meSchema, 401: errorSchema } } }, async (req) => {
    const p = req.principal;
    const idHash = sessionOf(req);
    const s = idHash ? await orp.access.session(idHash) : undefined;
    const user = p.kind === 'user' ? await orp.access.user(p.id) : undefined;
    return {
      principal: p,
      ...(user ? { email: user.email } : {}),
      ...(s ? { csrfToken: s.csrf, expiresAt: new Date(s.expiresAt).toISOString() } : {}),
    };
  });
};
