import type { FastifyRequest } from 'fastify';
import { WRITER_ROLES } from '../access/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import type { Organisation } from '../parties/index.js';
import { paymentView, planView, projectView, spendingView, statementView, valuationView } from '../premiums/index.js';
import { managedOrg } from './admin.js';
import { requireOrgRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { dueSchema, paymentSchema, planSchema, projectSchema, spendingSchema, statementSchema } from './premium-schemas.js';
import { errorSchema } from './schemas.js';

const orgParams = { type: 'object', required: ['org'], properties: { org: { type: 'string', description: 'producer organisation, id or URI' } } } as const;
const planParams = { type: 'object', required: ['org', 'plan'], properties: { org: { type: 'string' }, plan: { type: 'string' } } } as const;
const denials = { 401: errorSchema, 403: errorSchema, 404: errorSchema };
const inputDenials = { 400: errorSchema, 409: errorSchema, 422: errorSchema, ...denials };
const writers = { roles: [...WRITER_ROLES] };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

function noLedger(id: string): OrpailleError {
  return new OrpailleError('ORP_NOT_FOUND', `no premium ledger of "${id}"`, { org: id });
}

async function organisation(orp: Orpaille, id: string): Promise<Organisation> {
  const org = await orp.registry.organisation(id);
  if (!org) throw noLedger(id);
  return org;
}

/** The producer of the route when the caller is that producer (its plan and spending are its own to write); else 404. */
async function ownProducer(orp: Orpaille, req: FastifyRequest<{ Params: { org: string } }>): Promise<Organisation> {
  const caller = requireOrgRole(req, ...WRITER_ROLES);
  const org = await organisation(orp, req.params.org);
  if (org.id !== caller.id) throw noLedger(req.params.org);
  return org;
}

/**
 * The premium ledger of a producer organisation: the producer (and whoever it granted access) sees all of
 * it, a buyer what it owes and paid, anyone else a 404. Payments are recorded by the producer or the payer;
 * the Premium Investment Plan and its spending by the producer.
 */
export const premiumRoutes: OrpaillePlugin = async (app, { orp }) => {
  app.get<{ Params: { org: string } }>(
    '/premiums/:org',
    { schema: { summary: "A producer's premium statement: due, paid, outstanding, findings, plan and spending (USD)", params: orgParams, response: { 200: statementSchema, ...denials } } },
    async (req) => {
      const org = await organisation(orp, req.params.org);
      return statementView(await orp.premiums.statement(org.uri, req.principal.visibleParties));
    },
  );

  app.get<{ Params: { org: string } }>(
    '/premiums/:org/dues',
    {
      schema: {
        summary: 'Premium due lines of a producer: one per certified purchase, with minimum due, price paid, premium due and the rules used',
        params: orgParams,
        response: { 200: { type: 'object', required: ['dues'], properties: { dues: { type: 'array', items: dueSchema } } }, ...denials },
      },
    },
    async (req) => {
      const org = await organisation(orp, req.params.org);
      return { dues: (await orp.premiums.statement(org.uri, req.principal.visibleParties)).dues.map(valuationView) };
    },
  );

  app.post<{ Params: { org: string }; Body: { payer?: string; reference: string; paidOn: string; method: string; amount: string; currency?: string } }>(
    '/premiums/:org/payments',
    {
      config: writers,
      schema: {
        summary: 'Record a premium payment to the producer (by the payer, or by the producer naming the payer)',
        params: orgParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['reference', 'paidOn', 'method', 'amount'],
          properties: {
            payer: { type: 'string', description: 'paying organisation (id or URI); only when the producer records it' },
            reference: { type: 'string', minLength: 1, maxLength: 200 },
            paidOn: date,
            method: { type: 'string' },
            amount: { type: 'string' },
            currency: { type: 'string', default: 'USD' },
          },
        },
        response: { 201: paymentSchema, ...inputDenials },
      },
    },
    async (req, reply) => {
      const caller = requireOrgRole(req, ...WRITER_ROLES);
      const producer = await organisation(orp, req.params.org);
      const { payer: payerId, currency = 'USD', ...rest } = req.body;
      let payer: string;
      if (producer.id === caller.id) {
        if (!payerId) throw new OrpailleError('ORP_BAD_INPUT', 'say which organisation paid (payer)', {});
        payer = (await organisation(orp, payerId)).uri;
      } else {
        // A buyer records its own payments, and only to a producer it bought certified gold from.
        if (payerId !== undefined && (await orp.registry.organisation(payerId))?.id !== caller.id) throw noLedger(req.params.org);
        if ((await orp.premiums.dues({ producer: producer.uri, buyer: caller.uri })).length === 0) throw noLedger(req.params.org);
        payer = caller.uri;
      }
      const payment = await orp.premiums.pay({ producer: producer.uri, payer, currency, ...rest }, req.principal.id);
      return reply.code(201).send(paymentView(payment));
    },
  );

  app.post<{ Params: { org: string }; Body: { scheme: string; from: string; to: string; decidedOn: string; decidedBy?: string; minutes?: string } }>(
    '/premiums/:org/plans',
    {
      config: writers,
      schema: {
        summary: "Record the Premium Committee's Premium Investment Plan",
        params: orgParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['scheme', 'from', 'to', 'decidedOn'],
          properties: { scheme: { type: 'string' }, from: date, to: date, decidedOn: date, decidedBy: { type: 'string', maxLength: 200 }, minutes: { type: 'string', maxLength: 200 } },
        },
        response: { 201: planSchema, ...inputDenials },
      },
    },
    async (req, reply) => {
      const org = await ownProducer(orp, req);
      return reply.code(201).send(planView(await orp.premiums.addPlan({ producer: org.uri, ...req.body })));
    },
  );

  app.post<{ Params: { org: string; plan: string }; Body: { name: string; budget: string; from: string; to: string; decidedOn: string } }>(
    '/premiums/:org/plans/:plan/projects',
    {
      config: writers,
      schema: {
        summary: 'Add a project (budget in USD, period, decision date) to a Premium Investment Plan',
        params: planParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'budget', 'from', 'to', 'decidedOn'],
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, budget: { type: 'string' }, from: date, to: date, decidedOn: date },
        },
        response: { 201: projectSchema, ...inputDenials },
      },
    },
    async (req, reply) => {
      const org = await ownProducer(orp, req);
      return reply.code(201).send(projectView(await orp.premiums.addProject(org.uri, { plan: req.params.plan, ...req.body })));
    },
  );

  app.post<{ Params: { org: string }; Body: { project: string; spentOn: string; amount: string; currency?: string; description: string; receipts: string[] } }>(
    '/premiums/:org/spending',
    {
      config: writers,
      schema: {
        summary: 'Record premium money spent on a project, with its receipts',
        params: orgParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['project', 'spentOn', 'amount', 'description', 'receipts'],
          properties: {
            project: { type: 'string' },
            spentOn: date,
            amount: { type: 'string' },
            currency: { type: 'string', default: 'USD' },
            description: { type: 'string', minLength: 1, maxLength: 1000 },
            receipts: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'string', maxLength: 200 } },
          },
        },
        response: { 201: spendingSchema, ...inputDenials },
      },
    },
    async (req, reply) => {
      const org = await ownProducer(orp, req);
      const { currency = 'USD', ...rest } = req.body;
      return reply.code(201).send(spendingView(await orp.premiums.spend(org.uri, { currency, ...rest }, req.principal.id)));
    },
  );
};

const settingsSchema = {
  type: 'object',
  required: ['belowMinimumPolicy'],
  properties: { belowMinimumPolicy: { type: 'string', enum: ['reject', 'flag'], description: 'a certified purchase below the scheme minimum is refused (reject) or accepted and listed as a finding (flag)' } },
} as const;
const settingsParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', description: 'organisation id or URI' } } } as const;

/** The organisation's trade settings (the below-minimum policy), managed by its admins. */
export const orgSettingsRoutes: OrpaillePlugin = async (app, { orp }) => {
  app.get<{ Params: { id: string } }>(
    '/orgs/:id/settings',
    { config: { roles: ['admin'] }, schema: { summary: "The organisation's trade settings", params: settingsParams, response: { 200: settingsSchema, ...denials } } },
    async (req) => ({ belowMinimumPolicy: await orp.premiums.policy((await managedOrg(orp, req)).uri) }),
  );

  app.put<{ Params: { id: string }; Body: { belowMinimumPolicy: string } }>(
    '/orgs/:id/settings',
    {
      config: { roles: ['admin'] },
      schema: { summary: "Set the organisation's trade settings", params: settingsParams, body: { ...settingsSchema, additionalProperties: false }, response: { 200: settingsSchema, 400: errorSchema, ...denials } },
    },
    async (req) => {
      const org = await managedOrg(orp, req);
      return { belowMinimumPolicy: await orp.premiums.setPolicy(org.uri, req.body.belowMinimumPolicy, req.principal.id) };
    },
  );
};
