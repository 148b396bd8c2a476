import { OrpailleError } from '../kernel/index.js';
import { TAG_STATES, parseSerials, type TagState } from '../tags/index.js';
import { requireOrgRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { incidentSchema } from './incidents.js';
import { errorSchema } from './schemas.js';

const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const serial = { type: 'string', minLength: 1, maxLength: 64 } as const;
const denials = { 401: errorSchema, 403: errorSchema };
const inputDenials = { 400: errorSchema, 422: errorSchema, ...denials };

const batchSchema = {
  type: 'object',
  required: ['committed', 'results'],
  properties: {
    committed: { type: 'boolean' },
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['serial', 'status'],
        properties: { serial: { type: 'string' }, status: { type: 'string', enum: ['recorded', 'rejected'] }, error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
} as const;

const issueSchema = {
  type: 'object',
  required: ['org', 'serial', 'agent', 'issuedOn', 'issuedBy', 'state'],
  properties: { org: { type: 'string' }, serial: { type: 'string' }, agent: { type: 'string' }, issuedOn: { type: 'string' }, issuedBy: { type: 'string' }, state: { type: 'string', enum: [...TAG_STATES] }, stateOn: { type: 'string' }, stateBy: { type: 'string' }, reason: { type: 'string' } },
} as const;

const countSchema = {
  type: 'object',
  required: ['id', 'org', 'agent', 'countedOn', 'onHand', 'countedBy'],
  properties: { id: { type: 'string' }, org: { type: 'string' }, agent: { type: 'string' }, countedOn: { type: 'string' }, onHand: { type: 'integer' }, serials: { type: 'array', items: { type: 'string' } }, countedBy: { type: 'string' } },
} as const;

const stockSchema = {
  type: 'object',
  required: ['agent', 'date', 'issued', 'used', 'voided', 'lost', 'onHand', 'onHandSerials'],
  properties: {
    agent: { type: 'string' },
    date: { type: 'string' },
    issued: { type: 'integer' },
    used: { type: 'integer' },
    voided: { type: 'integer' },
    lost: { type: 'integer' },
    onHand: { type: 'integer' },
    onHandSerials: { type: 'array', items: { type: 'string' } },
  },
} as const;

const reconciliationSchema = {
  type: 'object',
  required: ['stock', 'count', 'difference', 'missing', 'extra', 'reconciled'],
  properties: { stock: stockSchema, count: countSchema, difference: { type: 'integer' }, missing: { type: 'array', items: { type: 'string' } }, extra: { type: 'array', items: { type: 'string' } }, reconciled: { type: 'boolean' } },
} as const;

/**
 * Tag custody over HTTP (docs/diligence.md, "Tags"): the caller's organisation issues tags to agents,
 * declares them voided or lost, records physical counts, and reads the stock of the tags it issued
 * (or, asking about itself, of the tags it was issued).
 */
export const tagRoutes: OrpaillePlugin = async (app, { orp }) => {
  const person = (req: { principal: { kind: string; id: string } }, given?: string) => given ?? `${req.principal.kind}:${req.principal.id}`;
  const today = () => orp.clock.now().toISOString().slice(0, 10);

  app.post<{ Body: { agent: string; from?: string; to?: string; serials?: string[]; issuedOn?: string; issuedBy?: string } }>(
    '/tags/issue',
    {
      config: { roles: ['admin', 'operator'] },
      schema: {
        summary: 'Issue tags to an agent (a registered organisation or miner): a range from..to or a list of serials; all or nothing, a result per serial',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['agent'],
          properties: { agent: { type: 'string', minLength: 1 }, from: serial, to: serial, serials: { type: 'array', minItems: 1, maxItems: 100_000, items: serial }, issuedOn: day, issuedBy: { type: 'string', minLength: 1 } },
        },
        response: { 201: batchSchema, 409: batchSchema, ...inputDenials },
      },
    },
    async (req, reply) => {
      const own = requireOrgRole(req, 'admin', 'operator');
      const b = req.body;
      const range = b.from !== undefined || b.to !== undefined;
      if (range === (b.serials !== undefined) || (range && (b.from === undefined || b.to === undefined))) throw new OrpailleError('ORP_BAD_INPUT', 'give either from and to, or serials');
      const serials = range ? parseSerials(`${b.from}..${b.to}`) : b.serials!;
      const r = await orp.tags.issue({ org: own.uri, agent: b.agent, serials, issuedOn: b.issuedOn ?? today(), issuedBy: person(req, b.issuedBy) });
      return reply.status(r.committed ? 201 : 409).send(r);
    },
  );

  app.post<{ Body: { tags: { serial: string; state: 'voided' | 'lost'; on?: string; by?: string; reason?: string }[] } }>(
    '/tags/declarations',
    {
      config: { roles: ['admin', 'operator'] },
      schema: {
        summary: 'Declare tags the caller’s organisation issued voided or lost (day, person, reason); all or nothing, a result per serial',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['tags'],
          properties: {
            tags: {
              type: 'array',
              minItems: 1,
              maxItems: 10_000,
              items: { type: 'object', additionalProperties: false, required: ['serial', 'state'], properties: { serial, state: { type: 'string', enum: ['voided', 'lost'] }, on: day, by: { type: 'string', minLength: 1 }, reason: { type: 'string', minLength: 1 } } },
            },
          },
        },
        response: { 200: batchSchema, 409: batchSchema, ...inputDenials },
      },
    },
    async (req, reply) => {
      const own = requireOrgRole(req, 'admin', 'operator');
      const items = req.body.tags.map((t) => ({ serial: t.serial, state: t.state, on: t.on ?? today(), by: person(req, t.by), ...(t.reason ? { reason: t.reason } : {}) }));
      const r = await orp.tags.declare(own.uri, items);
      return reply.status(r.committed ? 200 : 409).send(r);
    },
  );

  app.post<{ Body: { agent: string; countedOn?: string; onHand?: number; serials?: string[]; countedBy?: string } }>(
    '/tags/counts',
    {
      config: { roles: ['admin', 'operator', 'auditor'] },
      schema: {
        summary: 'Record a physical count of an agent’s tags on hand (a number or the serials) and judge it against the stock; an incident when it does not reconcile',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['agent'],
          properties: { agent: { type: 'string', minLength: 1 }, countedOn: day, onHand: { type: 'integer', minimum: 0 }, serials: { type: 'array', maxItems: 100_000, items: serial }, countedBy: { type: 'string', minLength: 1 } },
        },
        response: {
          201: { type: 'object', required: ['count', 'reconciliation', 'raised'], properties: { count: countSchema, reconciliation: reconciliationSchema, raised: { type: 'array', items: incidentSchema } } },
          ...inputDenials,
        },
      },
    },
    async (req, reply) => {
      const own = requireOrgRole(req, 'admin', 'operator', 'auditor');
      const b = req.body;
      const r = await orp.tags.count({ org: own.uri, agent: b.agent, countedOn: b.countedOn ?? today(), countedBy: person(req, b.countedBy), ...(b.onHand !== undefined ? { onHand: b.onHand } : {}), ...(b.serials ? { serials: b.serials } : {}) });
      return reply.status(201).send(r);
    },
  );

  app.get<{ Querystring: { agent?: string; state?: TagState } }>(
    '/tags',
    {
      schema: {
        summary: 'The tags the caller’s organisation issued (one agent’s with ?agent=, one state with ?state=)',
        querystring: { type: 'object', additionalProperties: false, properties: { agent: { type: 'string', minLength: 1 }, state: { type: 'string', enum: [...TAG_STATES] } } },
        response: { 200: { type: 'object', required: ['tags'], properties: { tags: { type: 'array', items: issueSchema } } }, ...inputDenials },
      },
    },
    async (req) => {
      const own = requireOrgRole(req, 'admin', 'operator', 'auditor', 'viewer');
      const agent = req.query.agent ? await orp.tags.agentUri(req.query.agent) : undefined;
      const tags = await orp.tagStore.issues({ org: own.uri, ...(agent ? { agent } : {}) });
      return { tags: req.query.state ? tags.filter((t) => t.state === req.query.state) : tags };
    },
  );

  app.get<{ Querystring: { agent: string; date?: string } }>(
    '/tags/stock',
    {
      schema: {
        summary: 'An agent’s stock of the tags the caller’s organisation issued (of all its tags when the agent is the caller): issued, used, voided, lost, on hand, and the last count',
        querystring: { type: 'object', additionalProperties: false, required: ['agent'], properties: { agent: { type: 'string', minLength: 1 }, date: day } },
        response: { 200: { type: 'object', required: ['stock'], properties: { stock: stockSchema, lastCount: reconciliationSchema } }, ...inputDenials },
      },
    },
    async (req) => {
      const own = requireOrgRole(req, 'admin', 'operator', 'auditor', 'viewer');
      const agent = await orp.tags.agentUri(req.query.agent);
      return orp.tags.stock(agent, req.query.date, agent === own.uri ? undefined : own.uri);
    },
  );
};
