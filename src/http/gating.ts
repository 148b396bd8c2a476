import { adoptPlan, checklistOf, listPlans, planView, recordStep, reportProgress, requireOrganisation, recordDecision, resolveSupplier, supplierStanding, type DecisionInput, type PlanInput } from '../registrar/index.js';
import { requireOrgRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { checklistSchema, decisionRecordedSchema, newDecisionSchema, newPlanSchema, newProgressSchema, newStepSchema, planSchema, standingSchema, supplierDecisionSchema } from './gating-schemas.js';
import { errorSchema, idParams } from './schemas.js';

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
  app.post<{ Body: PlanInput & { createdBy?: string } }>(
    '/diligence/plans',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: "Adopt a risk management plan for a supplier in the caller's organisation's name; the deadline comes from the dated rule in force on the adoption day",
        body: newPlanSchema,
        response: { 201: planSchema, ...inputDenials },
      },
    },
    async (req, reply) => {
      const own = requireOrgRole(req, 'admin');
      const createdBy = req.body.createdBy ?? `${req.principal.kind} ${req.principal.id}`;
      return reply.status(201).send(await adoptPlan(orp, await requireOrganisation(orp, own.uri), { ...req.body, createdBy }));
    },
  );

  app.get<{ Querystring: { supplier?: string } }>(
    '/diligence/plans',
    {
      schema: {
        summary: "The caller's organisation's risk management plans, reviewed today",
        querystring: supplierQuery,
        response: { 200: { type: 'object', required: ['plans'], properties: { plans: { type: 'array', items: planSchema } } }, 400: errorSchema, 422: errorSchema, ...denials },
      },
    },
    async (req) => {
      const own = requireOrgRole(req, 'admin', 'operator', 'auditor', 'viewer');
      return { plans: await listPlans(orp, await requireOrganisation(orp, own.uri), req.query.supplier) };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { date?: string } }>(
    '/diligence/plans/:id',
    {
      schema: {
        summary: 'A risk management plan with its progress, reviewed on a date (default today)',
        params: idParams,
        querystring: { type: 'object', additionalProperties: false, properties: { date: { type: 'string', description: 'YYYY-MM-DD' } } },
        response: { 200: planSchema, 400: errorSchema, ...denials },
      },
    },
    async (req) => {
      const own = requireOrgRole(req, 'admin', 'operator', 'auditor', 'viewer');
      return planView(orp, await requireOrganisation(orp, own.uri), req.params.id, req.query.date);
    },
  );

  app.post<{ Params: { id: string }; Body: { measure: string; value: number; reportedBy?: string; reportedOn?: string; note?: string } }>(
    '/diligence/plans/:id/progress',
    {
      config: { roles: ['admin', 'operator'] },
      schema: {
        summary: "Report a measure's indicator value on a plan of the caller's organisation",
        params: idParams,
        body: newProgressSchema,
        response: { 200: planSchema, ...inputDenials },
      },
    },
    async (req) => {
      const own = requireOrgRole(req, 'admin', 'operator');
      const reportedBy = req.body.reportedBy ?? `${req.principal.kind} ${req.principal.id}`;
      return reportProgress(orp, await requireOrganisation(orp, own.uri), req.params.id, { ...req.body, reportedBy });
    },
  );

  app.get<{ Querystring: { date?: string } }>(
    '/diligence/steps',
    {
      schema: {
        summary: "The caller's organisation's OECD five-step checklist on a date (default today)",
        querystring: { type: 'object', additionalProperties: false, properties: { date: { type: 'string', description: 'YYYY-MM-DD' } } },
        response: { 200: checklistSchema, 400: errorSchema, ...denials },
      },
    },
    async (req) => {
      const own = requireOrgRole(req, 'admin', 'operator', 'auditor', 'viewer');
      return checklistOf(orp, await requireOrganisation(orp, own.uri), req.query.date);
    },
  );

  app.post<{ Body: { item: string; status: string; evidence?: string[]; note?: string; updatedBy?: string; updatedOn?: string } }>(
    '/diligence/steps',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: "Record a checklist item's status with its evidence for the caller's organisation; returns the checklist today",
        body: newStepSchema,
        response: { 200: checklistSchema, ...inputDenials },
      },
    },
    async (req) => {
      const own = requireOrgRole(req, 'admin');
      const updatedBy = req.body.updatedBy ?? `${req.principal.kind} ${req.principal.id}`;
      return recordStep(orp, await requireOrganisation(orp, own.uri), { ...req.body, updatedBy });
    },
  );
};
