import type { FastifyRequest } from 'fastify';
import { WRITER_ROLES } from '../access/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { contractStatementView, contractView, deliveryView, failedDeliveryView, type ContractInput } from '../premiums/index.js';
import { requireOrgRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { contractInputSchema, contractSchema, contractStatementSchema, deliverySchema, failedDeliverySchema } from './premium-schemas.js';
import { errorSchema, idParams } from './schemas.js';

const denials = { 401: errorSchema, 403: errorSchema, 404: errorSchema };
const inputDenials = { 400: errorSchema, 409: errorSchema, 422: errorSchema, ...denials };
const writers = { roles: [...WRITER_ROLES] };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

async function partyUri(orp: Orpaille, id: string): Promise<string> {
  const org = await orp.registry.organisation(id);
  if (!org) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${id}"`, { org: id });
  return org.uri;
}

/** The caller's own organisation as the only party it may act for (writes are never made for a grantor). */
function actingFor(req: FastifyRequest): string[] {
  return [requireOrgRole(req, ...WRITER_ROLES).uri];
}

/**
 * Trading contracts between a buyer and a seller: trial period, pre-finance and inventory financing under
 * the scheme's cost cap, deliveries repaying pre-finance, failed-delivery reports. Only the parties (and
 * those they granted access) see a contract; anyone else gets a 404.
 */
export const contractRoutes: OrpaillePlugin = async (app, { orp }) => {
  app.get(
    '/contracts',
    { schema: { summary: 'Contracts the caller (or an organisation that granted it access) is party to', response: { 200: { type: 'object', required: ['contracts'], properties: { contracts: { type: 'array', items: contractSchema } } }, ...denials } } },
    async (req) => ({ contracts: (await orp.premiums.contracts(req.principal.visibleParties)).map(contractView) }),
  );

  app.post<{ Body: Omit<ContractInput, 'costComponents'> & { costComponents?: ContractInput['costComponents'] } }>(
    '/contracts',
    { config: writers, schema: { summary: 'Record a contract to which the caller is buyer or seller', body: contractInputSchema, response: { 201: contractSchema, ...inputDenials } } },
    async (req, reply) => {
      const caller = requireOrgRole(req, ...WRITER_ROLES);
      const buyer = await partyUri(orp, req.body.buyer);
      const seller = await partyUri(orp, req.body.seller);
      if (buyer !== caller.uri && seller !== caller.uri) throw new OrpailleError('ORP_BAD_INPUT', "a contract is recorded by its buyer or its seller: the caller's organisation is neither", {});
      const c = await orp.premiums.createContract({ ...req.body, buyer, seller }, req.principal.id);
      return reply.code(201).send(contractView(c));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/contracts/:id',
    { schema: { summary: 'A contract with its deliveries, failed deliveries, trial consignments and pre-finance balance', params: idParams, response: { 200: contractStatementSchema, ...denials } } },
    async (req) => contractStatementView(await orp.premiums.contractStatement(req.params.id, req.principal.visibleParties)),
  );

  app.post<{ Params: { id: string }; Body: { deliveredOn: string; fineGrams: string; value: string; purchaseNumber?: string } }>(
    '/contracts/:id/deliveries',
    {
      config: writers,
      schema: {
        summary: 'Record a delivery (a trial consignment while on trial); its value repays the pre-finance',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['deliveredOn', 'fineGrams', 'value'],
          properties: { deliveredOn: date, fineGrams: { type: 'string' }, value: { type: 'string', description: 'USD' }, purchaseNumber: { type: 'string', maxLength: 200 } },
        },
        response: { 201: deliverySchema, ...inputDenials },
      },
    },
    async (req, reply) => reply.code(201).send(deliveryView(await orp.premiums.deliver(req.params.id, req.body, actingFor(req)))),
  );

  app.post<{ Params: { id: string }; Body: { reportedOn: string; reason: string; shortGrams: string } }>(
    '/contracts/:id/failed-deliveries',
    {
      config: writers,
      schema: {
        summary: 'Report a failed delivery: date, reason, fine gold short',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['reportedOn', 'reason', 'shortGrams'],
          properties: { reportedOn: date, reason: { type: 'string', minLength: 1, maxLength: 1000 }, shortGrams: { type: 'string' } },
        },
        response: { 201: failedDeliverySchema, ...inputDenials },
      },
    },
    async (req, reply) => reply.code(201).send(failedDeliveryView(await orp.premiums.reportFailedDelivery(req.params.id, req.body, actingFor(req)))),
  );

  app.post<{ Params: { id: string }; Body: { on: string } }>(
    '/contracts/:id/trial-end',
    {
      config: writers,
      schema: {
        summary: 'End the trial period from a date (deliveries from then on are regular consignments)',
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['on'], properties: { on: date } },
        response: { 200: contractSchema, ...inputDenials },
      },
    },
    async (req) => contractView(await orp.premiums.endTrial(req.params.id, req.body.on, actingFor(req))),
  );
};
