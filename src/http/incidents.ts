import type { FastifyRequest } from 'fastify';
import { INCIDENT_ORDERS, INCIDENT_STATUSES, RED_FLAG_RULES, type Incident, type IncidentOrder, type IncidentStatus, type RedFlagRule } from '../diligence/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { OrpaillePlugin } from './context.js';
import { errorSchema } from './schemas.js';

const scalars = { type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }] } } as const;

const changeSchema = {
  type: 'object',
  required: ['at', 'by', 'status', 'note'],
  properties: { at: { type: 'string' }, by: { type: 'string' }, status: { type: 'string', enum: [...INCIDENT_STATUSES] }, owner: { type: 'string' }, note: { type: 'string' } },
} as const;

export const incidentSchema = {
  type: 'object',
  required: ['id', 'org', 'rule', 'key', 'subject', 'summary', 'status', 'evidence', 'raisedAt', 'updatedAt', 'history'],
  properties: {
    id: { type: 'string' },
    org: { type: 'string' },
    rule: { type: 'string', enum: [...RED_FLAG_RULES] },
    key: { type: 'string' },
    subject: { type: 'string' },
    summary: { type: 'string' },
    status: { type: 'string', enum: [...INCIDENT_STATUSES] },
    owner: { type: 'string' },
    evidence: {
      type: 'object',
      required: ['seqs', 'numbers', 'threshold', 'ruleVersion', 'eventTime'],
      properties: {
        seqs: { type: 'array', items: { type: 'integer' } },
        numbers: scalars,
        threshold: scalars,
        eventTime: { type: 'string' },
        ruleVersion: {
          type: 'object',
          required: ['rule', 'key', 'effectiveFrom', 'source', 'confidence'],
          properties: { rule: { type: 'string' }, key: { type: 'string' }, effectiveFrom: { type: 'string' }, effectiveTo: { type: 'string' }, source: { type: 'string' }, confidence: { type: 'string' } },
        },
      },
    },
    raisedAt: { type: 'string' },
    updatedAt: { type: 'string' },
    history: { type: 'array', items: changeSchema },
  },
} as const;

/** The organisations whose incidents the caller sees: its own (a grant of access to events does not extend to another's due diligence); all for the platform administrator. */
function incidentOrgs(req: FastifyRequest): string[] | undefined {
  if (req.principal.platformAdmin) return undefined;
  return req.principal.org ? [req.principal.org.uri] : [];
}

async function ownIncident(orp: Parameters<OrpaillePlugin>[1]['orp'], req: FastifyRequest, id: string): Promise<Incident> {
  const i = await orp.incidents.get(id);
  const orgs = incidentOrgs(req);
  if (!i || (orgs && !orgs.includes(i.org))) throw new OrpailleError('ORP_NOT_FOUND', `no incident ${id}`, { id });
  return i;
}

/**
 * Incidents raised by the red-flag engine (docs/diligence.md): read by the organisation they concern,
 * moved (status, owner, with a note) by its admins and operators. Another organisation's incident is a 404.
 */
export const incidents: OrpaillePlugin = async (app, { orp }) => {
  app.get<{ Querystring: { status?: IncidentStatus; rule?: RedFlagRule; subject?: string; order?: IncidentOrder; limit?: number; offset?: number } }>(
    '/incidents',
    {
      schema: {
        summary: 'Incidents of the caller’s organisation, newest event first (or oldest first, or latest changed first), with their evidence and history',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: [...INCIDENT_STATUSES] },
            rule: { type: 'string', enum: [...RED_FLAG_RULES] },
            subject: { type: 'string', description: 'a site, party, lot or purchase number' },
            order: { type: 'string', enum: [...INCIDENT_ORDERS], default: 'newest', description: 'newest or oldest event first, or the latest changed first' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
        },
        response: {
          200: { type: 'object', required: ['total', 'incidents'], properties: { total: { type: 'integer' }, incidents: { type: 'array', items: incidentSchema } } },
          400: errorSchema,
          401: errorSchema,
        },
      },
    },
    async (req) => {
      const orgs = incidentOrgs(req);
      const q = req.query;
      return orp.incidents.list({ ...(orgs ? { orgs } : {}), ...(q.status ? { status: q.status } : {}), ...(q.rule ? { rule: q.rule } : {}), ...(q.subject ? { subject: q.subject } : {}), order: q.order ?? 'newest', limit: q.limit ?? 100, offset: q.offset ?? 0 });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/incidents/:id',
    {
      schema: {
        summary: 'One incident: the events, figures, threshold and rule version that raised it, its owner, status and history',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        response: { 200: incidentSchema, 401: errorSchema, 404: errorSchema },
      },
    },
    async (req) => ownIncident(orp, req, req.params.id),
  );

  app.post<{ Params: { id: string }; Body: { status?: IncidentStatus; owner?: string; note: string } }>(
    '/incidents/:id/status',
    {
      config: { roles: ['admin', 'operator'] },
      schema: {
        summary: 'Move an incident (open, under review, mitigated, closed) and/or give it an owner, with a note saying why',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['note'],
          properties: { status: { type: 'string', enum: [...INCIDENT_STATUSES] }, owner: { type: 'string', minLength: 1 }, note: { type: 'string', minLength: 1 } },
        },
        response: { 200: incidentSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req) => {
      await ownIncident(orp, req, req.params.id);
      const by = `${req.principal.kind}:${req.principal.id}`;
      const b = req.body;
      return orp.redFlags.updateIncident(req.params.id, { by, note: b.note, ...(b.status ? { status: b.status } : {}), ...(b.owner ? { owner: b.owner } : {}) });
    },
  );
};
