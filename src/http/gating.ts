import { requireOrganisation, recordDecision, resolveSupplier, supplierStanding, type DecisionInput } from '../registrar/index.js';
import { requireOrgRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { decisionRecordedSchema, newDecisionSchema, standingSchema, supplierDecisionSchema } from './gating-schemas.js';
import { errorSchema } from './schemas.js';

const denials = { 401: errorSchema, 403: errorSchema, 404: errorSchema };
const inputDenials = { 400: errorSchema, 409: errorSchema, 422: errorSchema, ...denials };
const supplierQuery = { type: 'object', additionalProperties: false, properties: { supplier: { type: 'string', minLength: 1 } } } as const;

/**
 * Decisions that gate the trade: an organisation's decisions about its suppliers (always its own:
 * the organisation is the caller's), the standing of a supplier and the stock flagged.
 */
export const gating: OrpaillePlugin = async (app, { orp }) => {
  app.post<{ Body: Omit<DecisionInput, 'decidedBy'> & { decidedBy?: string } }>(
    '/diligence/decisions',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: "Record the caller's organisation's decision about a supplier: continue, mitigate, suspend (new lots refused at capture) or disengage",
        body: newDecisionSchema,
        response: { 201: decisionRecordedSchema, ...inputDenials },
      },
    },
    async (req, reply) => {
      const own = requireOrgRole(req, 'admin');
      const org = await requireOrganisation(orp, own.uri);
      const decidedBy = req.body.decidedBy ?? `${req.principal.kind} ${req.principal.id}`;
      return reply.status(201).send(await recordDecision(orp, org, { ...req.body, decidedBy }));
    },
  );

  app.get<{ Querystring: { supplier?: string } }>(
    '/diligence/decisions',
    {
      schema: {
        summary: "The caller's organisation's decisions about its suppliers (one supplier's with ?supplier=), oldest first",
        querystring: supplierQuery,
        response: { 200: { type: 'object', required: ['decisions'], properties: { decisions: { type: 'array', items: supplierDecisionSchema } } }, 400: errorSchema, 422: errorSchema, ...denials },
      },
    },
    async (req) => {
      const own = requireOrgRole(req, 'admin', 'operator', 'auditor', 'viewer');
      const supplier = req.query.supplier === undefined ? undefined : (await resolveSupplier(orp, req.query.supplier)).uri;
      return { decisions: await orp.gating.decisions(own.uri, supplier) };
    },
  );

  app.get<{ Querystring: { supplier?: string } }>(
    '/diligence/standing',
    {
      schema: {
        summary: "A supplier's standing with the caller's organisation: the decision in force, whether new lots are refused, the history and the stock flagged",
        querystring: { ...supplierQuery, required: ['supplier'] },
        response: { 200: standingSchema, 400: errorSchema, 422: errorSchema, ...denials },
      },
    },
    async (req) => {
      const own = requireOrgRole(req, 'admin', 'operator', 'auditor', 'viewer');
      return supplierStanding(orp, await requireOrganisation(orp, own.uri), req.query.supplier!);
    },
  );
};
