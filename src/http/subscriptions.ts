import type { FastifyRequest } from 'fastify';
import { subscriptionView, type Subscription } from '../subscriptions/index.js';
import { requireOrgRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { errorSchema } from './schemas.js';

/*
 * EPCIS 2.0 REST binding, "Subscriptions": webhook subscriptions to a named query, or to an ad-hoc
 * SimpleEventQuery whose parameters come in the request. Scoped to the caller's organisation: another
 * organisation's subscription answers 404. Reading needs any role; subscribing, unsubscribing and
 * resuming need operator or admin. Delivery guarantees: docs/subscriptions.md.
 */

const MEMBER = ['admin', 'operator', 'auditor', 'viewer'] as const;
const WRITER = ['admin', 'operator'] as const;

const subscriptionSchema = {
  type: 'object',
  required: ['subscriptionID', 'queryName', 'dest', 'createdAt', 'status'],
  properties: {
    subscriptionID: { type: 'string' },
    queryName: { type: 'string' },
    dest: { type: 'string', format: 'uri' },
    createdAt: { type: 'string', format: 'date-time' },
    lastNotifiedAt: { type: 'string', format: 'date-time', description: 'last time the subscriber acknowledged a report (2xx)' },
    initialRecordTime: { type: 'string', format: 'date-time' },
    stream: { type: 'boolean' },
    schedule: { type: 'object', additionalProperties: { type: 'string' } },
    reportIfEmpty: { type: 'boolean' },
    query: { type: 'object', additionalProperties: true, description: 'the EPCIS query parameters of a SimpleEventQuery subscription' },
    signed: { type: 'boolean', description: 'whether deliveries carry GS1-Signature (a signatureToken was given; it is never shown)' },
    status: { type: 'string', enum: ['active', 'paused'] },
    pausedReason: { type: 'string' },
    pausedSince: { type: 'string', format: 'date-time' },
    failingSince: { type: 'string', format: 'date-time' },
    failedAttempts: { type: 'integer' },
    lastError: { type: 'string' },
    nextAttemptAt: { type: 'string', format: 'date-time', description: 'next retry of a failing subscription, or next query time of a schedule' },
  },
} as const;

// Members are documented, not typed: the server checks them itself (no coercion of "true" to true)
// and names a bad one in details.field.
const requestSchema = {
  type: 'object',
  properties: {
    dest: { description: 'URL of the webhook (http or https)' },
    signatureToken: { description: 'secret of 16 to 512 characters; each POST then carries GS1-Signature: sha256=<hex HMAC-SHA256 of the body>' },
    stream: { description: 'true: report events as they are captured' },
    schedule: { description: 'EPCIS QuerySchedule: second, minute, hour, dayOfMonth, month, dayOfWeek (UTC), e.g. {"minute": "0", "second": "0"}' },
    reportIfEmpty: { description: 'with a schedule: report even when nothing matched' },
    initialRecordTime: { description: 'report events recorded from this ISO 8601 date-time (default: from now)' },
    query: { description: 'SimpleEventQuery only: the EPCIS query parameters ({} for every event)' },
  },
} as const;

const queryParams = { type: 'object', required: ['queryName'], properties: { queryName: { type: 'string' } } } as const;
const oneParams = { type: 'object', required: ['queryName', 'subscriptionID'], properties: { queryName: { type: 'string' }, subscriptionID: { type: 'string' } } } as const;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

type One = { Params: { queryName: string; subscriptionID: string } };

const location = (s: Subscription) => `/queries/${encodeURIComponent(s.queryName)}/subscriptions/${s.id}`;

/** The caller's organisation id, after checking its role. */
const orgOf = (req: FastifyRequest, roles: readonly (typeof MEMBER)[number][]) => requireOrgRole(req, ...roles).id;

/** Subscription routes of the REST binding (plus `POST .../resume` for paused subscriptions). */
export const subscriptions: OrpaillePlugin = async (app, { orp }) => {
  const subs = orp.subscriptions;

  app.post<{ Params: { queryName: string }; Body: unknown }>(
    '/queries/:queryName/subscriptions',
    {
      schema: {
        summary: 'Subscribe a webhook to a named query (or to SimpleEventQuery with its parameters in "query")',
        params: queryParams,
        body: requestSchema,
        response: { 201: subscriptionSchema, ...errors },
      },
    },
    async (req, reply) => {
      const s = await subs.subscribe(orgOf(req, WRITER), req.principal.id, req.params.queryName, req.body);
      return reply.status(201).header('location', location(s)).send(subscriptionView(s));
    },
  );

  app.get<{ Params: { queryName: string }; Querystring: { perPage: number; nextPageToken?: string } }>(
    '/queries/:queryName/subscriptions',
    {
      schema: {
        summary: "The organisation's subscriptions to a query, paged (Link rel=\"next\")",
        params: queryParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { perPage: { type: 'integer', minimum: 1, maximum: 1000, default: 30 }, nextPageToken: { type: 'string' } },
        },
        response: { 200: { type: 'array', items: subscriptionSchema }, ...errors },
      },
    },
    async (req, reply) => {
      const { perPage, nextPageToken } = req.query;
      const page = await subs.list(orgOf(req, MEMBER), req.params.queryName, perPage, nextPageToken);
      if (page.nextPageToken) {
        const next = `/queries/${encodeURIComponent(req.params.queryName)}/subscriptions?perPage=${perPage}&nextPageToken=${page.nextPageToken}`;
        reply.header('link', `<${next}>; rel="next"`);
      }
      return page.subscriptions.map(subscriptionView);
    },
  );

  app.get<One>(
    '/queries/:queryName/subscriptions/:subscriptionID',
    { schema: { summary: 'A subscription and its delivery state', params: oneParams, response: { 200: subscriptionSchema, ...errors } } },
    async (req) => subscriptionView(await subs.get(orgOf(req, MEMBER), req.params.subscriptionID, req.params.queryName)),
  );

  app.delete<One>(
    '/queries/:queryName/subscriptions/:subscriptionID',
    { schema: { summary: 'Unsubscribe', params: oneParams, response: { 204: { type: 'null' }, ...errors } } },
    async (req, reply) => {
      await subs.unsubscribe(orgOf(req, WRITER), req.params.subscriptionID, req.params.queryName);
      return reply.status(204).send();
    },
  );

  app.post<One>(
    '/queries/:queryName/subscriptions/:subscriptionID/resume',
    {
      schema: {
        summary: 'Resume a paused subscription from its last acknowledged event',
        params: oneParams,
        response: { 200: subscriptionSchema, ...errors },
      },
    },
    async (req) => subscriptionView(await subs.resume(orgOf(req, WRITER), req.params.subscriptionID, req.params.queryName)),
  );
};
