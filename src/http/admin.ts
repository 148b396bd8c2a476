import type { FastifyRequest } from 'fastify';
import { addGrant, addUser, createToken, parseRole, requireOrganisation, revokeGrant, revokeToken } from '../accounts/index.js';
import { OrpailleError, parseDateOrDateTime } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import type { Organisation } from '../parties/index.js';
import { grantSchema, grantView, roleSchema, tokenSchema, tokenView, userSchema, userView } from './access-views.js';
import { requireRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { errorSchema } from './schemas.js';

/**
 * The organisation an admin manages: its own, or any for the platform administrator. Another
 * organisation answers 404, as if it did not exist.
 */
export async function managedOrg(orp: Orpaille, req: FastifyRequest<{ Params: { id: string } }>): Promise<Organisation> {
  requireRole(req, 'admin');
  const org = await orp.registry.organisation(req.params.id);
  if (!org || (!req.principal.platformAdmin && req.principal.org?.id !== org.id)) {
    throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${req.params.id}"`, { org: req.params.id });
  }
  return org;
}

function instant(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const ms = parseDateOrDateTime(v);
  if (Number.isNaN(ms)) throw new OrpailleError('ORP_BAD_INPUT', `${name} must be YYYY-MM-DD or an ISO 8601 date-time, got "${v}"`, { [name]: v });
  return ms;
}

const orgParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', description: 'organisation id or URI' } } } as const;
const itemParams = (item: string) => ({ type: 'object', required: ['id', item], properties: { id: { type: 'string' }, [item]: { type: 'string' } } }) as const;
const denials = { 401: errorSchema, 403: errorSchema, 404: errorSchema };
const adminOnly = { roles: ['admin' as const] };
const inputDenials = { 400: errorSchema, ...denials };

/** Users, API tokens and access grants of an organisation, managed by its admins (or the platform admin). */
export const admin: OrpaillePlugin = async (app, { orp }) => {
  app.get(
    '/orgs',
    {
      config: adminOnly,
      schema: {
        summary: 'Organisations the caller can manage: all for the platform admin, else its own',
        response: { 200: { type: 'object', required: ['organisations'], properties: { organisations: { type: 'array', items: { type: 'object', required: ['id', 'uri', 'name'], properties: { id: { type: 'string' }, uri: { type: 'string' }, name: { type: 'string' }, country: { type: 'string' } } } } } }, ...denials },
      },
    },
    async (req) => {
      requireRole(req, 'admin');
      const all = await orp.registry.organisations();
      return { organisations: req.principal.platformAdmin ? all : all.filter((o) => o.id === req.principal.org?.id) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/orgs/:id/users',
    { config: adminOnly, schema: { summary: "The organisation's users", params: orgParams, response: { 200: { type: 'object', required: ['users'], properties: { users: { type: 'array', items: userSchema } } }, ...denials } } },
    async (req) => ({ users: (await orp.access.users((await managedOrg(orp, req)).id)).map(userView) }),
  );

  app.post<{ Params: { id: string }; Body: { email: string; role: string; password?: string } }>(
    '/orgs/:id/users',
    {
      config: adminOnly,
      schema: {
        summary: 'Add a user; without a password one is generated and returned once',
        params: orgParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'role'],
          properties: { email: { type: 'string', maxLength: 320 }, role: roleSchema, password: { type: 'string', minLength: 12, maxLength: 1024 } },
        },
        response: { 201: { type: 'object', required: ['user'], properties: { user: userSchema, password: { type: 'string' } } }, ...inputDenials },
      },
    },
    async (req, reply) => {
      const org = await managedOrg(orp, req);
      const { email, role, password } = req.body;
      const added = await addUser(orp, { org: org.id, email, role: parseRole(role), ...(password !== undefined ? { password } : {}) });
      return reply.status(201).send({ user: userView(added.user), ...(added.password ? { password: added.password } : {}) });
    },
  );

  app.delete<{ Params: { id: string; user: string } }>(
    '/orgs/:id/users/:user',
    { config: adminOnly, schema: { summary: 'Disable a user: its sessions end and its tokens are revoked', params: itemParams('user'), response: { 200: userSchema, ...denials } } },
    async (req) => {
      const org = await managedOrg(orp, req);
      const user = await orp.access.user(req.params.user);
      if (!user || user.org !== org.id) throw new OrpailleError('ORP_NOT_FOUND', `no user ${req.params.user}`, { user: req.params.user });
      await orp.access.disableUser(user.id, orp.clock.now().getTime());
      return userView((await orp.access.user(user.id))!);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/orgs/:id/tokens',
    { config: adminOnly, schema: { summary: "The organisation's API tokens (never the tokens themselves)", params: orgParams, response: { 200: { type: 'object', required: ['tokens'], properties: { tokens: { type: 'array', items: tokenSchema } } }, ...denials } } },
    async (req) => ({ tokens: (await orp.access.tokens((await managedOrg(orp, req)).id)).map(tokenView) }),
  );

  app.post<{ Params: { id: string }; Body: { name: string; role: string; expiresAt?: string } }>(
    '/orgs/:id/tokens',
    {
      config: adminOnly,
      schema: {
        summary: 'Create an API token; the token is in this answer only',
        params: orgParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'role'],
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, role: roleSchema, expiresAt: { type: 'string', description: 'YYYY-MM-DD or ISO 8601 date-time' } },
        },
        response: { 201: { type: 'object', required: ['token', 'secret'], properties: { token: tokenSchema, secret: { type: 'string', description: 'Bearer orp_...' } } }, ...inputDenials },
      },
    },
    async (req, reply) => {
      const org = await managedOrg(orp, req);
      const expiresAt = instant(req.body.expiresAt, 'expiresAt');
      // A member's token acts on that user's behalf and dies with the user; the platform admin's is user-less.
      const user = req.principal.kind === 'user' && !req.principal.platformAdmin ? req.principal.id : undefined;
      const { token, secret } = await createToken(orp, {
        org: org.id,
        role: parseRole(req.body.role),
        name: req.body.name,
        ...(user ? { user } : {}),
        ...(expiresAt !== undefined ? { expiresAt } : {}),
      });
      return reply.status(201).send({ token: tokenView(token), secret });
    },
  );

  app.delete<{ Params: { id: string; token: string } }>(
    '/orgs/:id/tokens/:token',
    { config: adminOnly, schema: { summary: 'Revoke an API token', params: itemParams('token'), response: { 200: tokenSchema, ...denials } } },
    async (req) => tokenView(await revokeToken(orp, req.params.token, (await managedOrg(orp, req)).id)),
  );

  app.get<{ Params: { id: string } }>(
    '/orgs/:id/grants',
    { config: adminOnly, schema: { summary: 'Access grants given or received by the organisation', params: orgParams, response: { 200: { type: 'object', required: ['grants'], properties: { grants: { type: 'array', items: grantSchema } } }, ...denials } } },
    async (req) => ({ grants: (await orp.access.grants((await managedOrg(orp, req)).id)).map(grantView) }),
  );

  app.post<{ Params: { id: string }; Body: { to: string; until?: string } }>(
    '/orgs/:id/grants',
    {
      config: adminOnly,
      schema: {
        summary: 'Let another organisation (an auditor) see what this one sees of its own events and lots',
        params: orgParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['to'],
          properties: { to: { type: 'string', description: 'organisation id or URI' }, until: { type: 'string', description: 'YYYY-MM-DD or ISO 8601 date-time (exclusive)' } },
        },
        response: { 201: grantSchema, ...inputDenials },
      },
    },
    async (req, reply) => {
      const org = await managedOrg(orp, req);
      const to = await requireOrganisation(orp, req.body.to);
      const until = instant(req.body.until, 'until');
      return reply.status(201).send(grantView(await addGrant(orp, { from: org.id, to: to.id, ...(until !== undefined ? { until } : {}) })));
    },
  );

  app.delete<{ Params: { id: string; grant: string } }>(
    '/orgs/:id/grants/:grant',
    { config: adminOnly, schema: { summary: 'End an access grant this organisation gave', params: itemParams('grant'), response: { 200: grantSchema, ...denials } } },
    async (req) => grantView(await revokeGrant(orp, req.params.grant, (await managedOrg(orp, req)).id)),
  );
};
