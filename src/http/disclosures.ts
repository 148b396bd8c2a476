import { DISCLOSABLE_FIELDS, WRITER_ROLES } from '../access/index.js';
import { createDisclosure, publicVerification } from '../accounts/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { DisclosureRecord } from '../store/index.js';
import { requireOrgRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { visibleLot } from './lots.js';
import { errorSchema } from './schemas.js';

const disclosureSchema = {
  type: 'object',
  required: ['code', 'url', 'lot', 'fields', 'createdAt'],
  properties: {
    code: { type: 'string' },
    url: { type: 'string', description: 'public page: /v/{code}' },
    lot: { type: 'string' },
    fields: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string', format: 'date-time' },
    revokedAt: { type: 'string', format: 'date-time' },
  },
} as const;

function disclosureView(d: DisclosureRecord) {
  return {
    code: d.code,
    url: `/v/${d.code}`,
    lot: d.lot,
    fields: d.fields,
    createdAt: new Date(d.createdAt).toISOString(),
    ...(d.revokedAt !== undefined ? { revokedAt: new Date(d.revokedAt).toISOString() } : {}),
  };
}

const codeParams = { type: 'object', required: ['code'], properties: { code: { type: 'string', maxLength: 64 } } } as const;
const denials = { 401: errorSchema, 403: errorSchema, 404: errorSchema };

/**
 * Disclosures: the owner or custodian of a lot publishes chosen facts about it (from an allow-list)
 * under a short code that anyone can check at GET /v/{code} without logging in.
 */
export const disclosures: OrpaillePlugin = async (app, { orp }) => {
  app.post<{ Body: { lot: string; fields: string[] } }>(
    '/disclosures',
    {
      config: { roles: [...WRITER_ROLES] },
      schema: {
        summary: "Publish chosen facts about a lot the caller's organisation owns or holds",
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['lot', 'fields'],
          properties: {
            lot: { type: 'string', description: 'lot URI or number' },
            fields: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', maxLength: 64 }, description: `any of ${DISCLOSABLE_FIELDS.join(', ')}` },
          },
        },
        response: { 201: disclosureSchema, 400: errorSchema, 422: errorSchema, ...denials },
      },
    },
    async (req, reply) => {
      const org = requireOrgRole(req, ...WRITER_ROLES);
      const lot = await visibleLot(orp, req, req.body.lot);
      // Seeing a lot (as a party to one of its events, or through a grant) is not owning it.
      if (lot.owner !== org.uri && lot.custodian !== org.uri) {
        throw new OrpailleError('ORP_FORBIDDEN', `only the owner or custodian of lot ${req.body.lot} may disclose facts about it`, { lot: lot.lot });
      }
      const d = await createDisclosure(orp, { lot, org: org.id, createdBy: req.principal.id, fields: req.body.fields });
      return reply.status(201).send(disclosureView(d));
    },
  );

  app.get(
    '/disclosures',
    { config: { roles: [...WRITER_ROLES] }, schema: { summary: "The caller's organisation's disclosures", response: { 200: { type: 'object', required: ['disclosures'], properties: { disclosures: { type: 'array', items: disclosureSchema } } }, ...denials } } },
    async (req) => {
      const org = requireOrgRole(req, ...WRITER_ROLES);
      return { disclosures: (await orp.access.disclosures(org.id)).map(disclosureView) };
    },
  );

  app.delete<{ Params: { code: string } }>(
    '/disclosures/:code',
    { config: { roles: [...WRITER_ROLES] }, schema: { summary: 'Withdraw a disclosure: its public page answers 404 from now on', params: codeParams, response: { 200: disclosureSchema, ...denials } } },
    async (req) => {
      const org = requireOrgRole(req, ...WRITER_ROLES);
      const d = await orp.access.disclosure(req.params.code);
      if (!d || d.org !== org.id) throw new OrpailleError('ORP_NOT_FOUND', `no disclosure ${req.params.code}`, { code: req.params.code });
      await orp.access.revokeDisclosure(d.code, orp.clock.now().getTime());
      return disclosureView((await orp.access.disclosure(d.code))!);
    },
  );

  app.get<{ Params: { code: string } }>(
    '/v/:code',
    {
      config: { public: true },
      schema: {
        summary: 'Public verification: the facts the owner chose to disclose about a lot and its origins',
        security: [],
        params: codeParams,
        response: {
          200: {
            type: 'object',
            required: ['code', 'disclosedAt', 'facts'],
            properties: { code: { type: 'string' }, disclosedAt: { type: 'string', format: 'date-time' }, facts: { type: 'object', additionalProperties: true } },
          },
          404: errorSchema,
        },
      },
    },
    async (req) => publicVerification(orp, req.params.code),
  );
};
