import { CLAIMS, CLAIM_REASON_CODES, type ClaimName } from '../certification/index.js';
import type { OrpaillePlugin } from './context.js';
import { visibleLot } from './lots.js';
import { errorSchema } from './schemas.js';

const reasonSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', enum: [...CLAIM_REASON_CODES] },
    message: { type: 'string' },
    lot: { type: 'string' },
    event: { type: 'string' },
    transfer: {
      type: 'object',
      required: ['type', 'at', 'date', 'to'],
      properties: { type: { type: 'string' }, at: { type: 'string' }, date: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    },
    party: { type: 'string' },
    needs: { type: 'string' },
    authorisation: { type: 'string' },
    site: { type: 'string' },
    date: { type: 'string' },
    since: { type: 'string' },
  },
} as const;

const stringList = { type: 'array', items: { type: 'string' } } as const;

export const claimVerdictSchema = {
  type: 'object',
  required: ['claim', 'lot', 'valid', 'reasons', 'backing'],
  properties: {
    claim: { type: 'string', enum: [...CLAIMS] },
    lot: { type: 'string' },
    valid: { type: 'boolean' },
    reasons: { type: 'array', items: reasonSchema },
    backing: {
      type: 'object',
      required: ['lots', 'sites', 'producers'],
      properties: {
        lots: stringList,
        sites: stringList,
        producers: stringList,
        credits: {
          type: 'object',
          required: ['holder', 'scheme', 'metal', 'claimedGrams', 'availableGrams', 'entries'],
          properties: {
            holder: { type: 'string' },
            scheme: { type: 'string' },
            metal: { type: 'string' },
            claimedGrams: { type: 'string' },
            availableGrams: { type: 'string' },
            entries: {
              type: 'array',
              items: {
                type: 'object',
                required: ['entry', 'earnedAt', 'remainingGrams'],
                properties: { entry: { type: 'integer' }, earnedAt: { type: 'string' }, expiresAt: { type: 'string' }, remainingGrams: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
} as const;

/**
 * Market claims on a lot the caller may see: answered for its own lots and those of organisations
 * that granted it access; any other lot is a 404, as for the lot itself. The answer names the parties,
 * authorisations and mine sites of the chain, as a claim's justification must, and no price or miner.
 */
export const claims: OrpaillePlugin = async (app, { orp }) => {
  app.get<{ Params: { id: string; claim: ClaimName }; Querystring: { at?: string } }>(
    '/lots/:id/claims/:claim',
    {
      schema: {
        summary: 'Whether a market claim holds on a lot or product, with every reason it does not, or the lots and sites behind it',
        params: {
          type: 'object',
          required: ['id', 'claim'],
          properties: { id: { type: 'string' }, claim: { type: 'string', enum: [...CLAIMS] } },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { at: { type: 'string', format: 'date-time', description: 'when the claim is made (default now): mass-balance credits must be usable then' } },
        },
        response: { 200: claimVerdictSchema, 400: errorSchema, 401: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const lot = await visibleLot(orp, req, req.params.id);
      return orp.checkClaim(lot.lot, req.params.claim, req.query.at ? { at: req.query.at } : {});
    },
  );
};
