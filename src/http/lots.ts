import type { FastifyRequest } from 'fastify';
import { LOT_FORMS, LOT_STATUSES, lotView, type LotState } from '../custody/index.js';
import { ORPAILLE_CONTEXT } from '../epcis/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import type { Site } from '../parties/index.js';
import type { OrpaillePlugin } from './context.js';
import { backwardLineage, forwardLineage } from './lineage.js';
import { epcisDocumentSchema, errorSchema, idParams, lotSchema, traceSchema } from './schemas.js';
import { lotFlagSchema } from './gating-schemas.js';
import { lotFlags } from '../registrar/index.js';

/** A lot with, for the caller's organisation, why it is flagged (stock of a supplier it suspended or disengaged from). */
const lotWithFlagsSchema = { ...lotSchema, properties: { ...lotSchema.properties, flags: { type: 'array', items: lotFlagSchema } } } as const;

/**
 * A lot the caller may see, by URI or number. Another organisation's lot answers exactly like a lot that
 * does not exist, so the answer does not even reveal that it exists.
 */
export async function visibleLot(orp: Orpaille, req: FastifyRequest, id: string): Promise<LotState> {
  const lot = await orp.visibility.lot(id, req.principal.visibleParties);
  if (!lot) throw new OrpailleError('ORP_NOT_FOUND', `no lot ${id}`, { lot: id });
  return lot;
}

/** True when the caller may see a site: its organisation's, or one where a lot it may see was produced. */
export async function siteVisible(orp: Orpaille, req: FastifyRequest, site: Site): Promise<boolean> {
  const parties = req.principal.visibleParties;
  const owner = await orp.registry.organisation(site.organisation);
  return Boolean((owner && parties.includes(owner.uri)) || (await orp.visibility.lots(parties, { site: site.uri, limit: 1 })).length > 0);
}

/** A site (id, URI or ICGLR id) the caller may see; any other answers 404 like a site that does not exist. */
export async function visibleSite(orp: Orpaille, req: FastifyRequest, id: string): Promise<Site> {
  const site = (await orp.registry.sites()).find((s) => s.id === id || s.uri === id || s.icglrId === id);
  if (!site || !(await siteVisible(orp, req, site))) throw new OrpailleError('ORP_NOT_FOUND', `no site ${id}`, { site: id });
  return site;
}

const lotErrors = { 401: errorSchema, 404: errorSchema };

/** Lots and traces, limited to what the caller's organisation (and its grantors) may see. */
export const lots: OrpaillePlugin = async (app, { orp }) => {
  app.get<{ Querystring: { org?: string; form?: string; status?: string; tag?: string; limit: number; offset: number } }>(
    '/lots',
    {
      schema: {
        summary: 'Lots the caller may see, in creation order',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            org: { type: 'string', description: 'only lots this organisation (id or URI) holds or owns' },
            form: { type: 'string', enum: [...LOT_FORMS] },
            status: { type: 'string', enum: [...LOT_STATUSES] },
            tag: { type: 'string', minLength: 1, maxLength: 64, description: 'only lots carrying this tag or seal serial' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
        },
        response: { 200: { type: 'object', required: ['lots'], properties: { lots: { type: 'array', items: lotSchema } } }, 400: errorSchema, ...lotErrors },
      },
    },
    async (req) => {
      const q = req.query;
      let party: string | undefined;
      if (q.org) {
        const org = await orp.registry.organisation(q.org);
        if (!org) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${q.org}"`, { org: q.org });
        party = org.uri;
      }
      const found = await orp.visibility.lots(req.principal.visibleParties, {
        ...(party ? { party } : {}),
        ...(q.form ? { form: q.form } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.tag ? { tag: q.tag } : {}),
        limit: q.limit,
        offset: q.offset,
      });
      return { lots: found.map(lotView) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/lots/:id',
    { schema: { summary: "A lot by URI or lot number; `flags`: the caller's organisation's suspensions or disengagements of the supplier it came from", params: idParams, response: { 200: lotWithFlagsSchema, ...lotErrors } } },
    async (req) => {
      const lot = await visibleLot(orp, req, req.params.id);
      // Decisions are the deciding organisation's own: a caller sees only its organisation's flags.
      return { ...lotView(lot), flags: req.principal.org ? await lotFlags(orp, req.principal.org.uri, lot.lot) : [] };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/lots/:id/events',
    {
      schema: {
        summary: "The lot's events the caller may see, as an EPCIS 2.0 document",
        params: idParams,
        response: { 200: epcisDocumentSchema, ...lotErrors },
      },
    },
    async (req, reply) => {
      const lot = await visibleLot(orp, req, req.params.id);
      const records = await orp.visibility.lotEvents(lot.lot, req.principal.visibleParties);
      reply.type('application/ld+json');
      return {
        '@context': ORPAILLE_CONTEXT,
        type: 'EPCISDocument',
        schemaVersion: '2.0',
        creationDate: orp.clock.now().toISOString(),
        epcisBody: { eventList: records.map((r) => JSON.parse(r.body) as unknown) },
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { direction: 'backward' | 'forward' } }>(
    '/lots/:id/trace',
    {
      schema: {
        summary: 'Backward (to the mine sites) or forward (to everything it went into) lineage of a lot',
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { direction: { type: 'string', enum: ['backward', 'forward'], default: 'backward' } },
        },
        response: { 200: traceSchema, 400: errorSchema, ...lotErrors },
      },
    },
    async (req) => {
      const lot = await visibleLot(orp, req, req.params.id);
      return req.query.direction === 'backward' ? backwardLineage(orp, lot) : forwardLineage(orp, lot.lot);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/sites/:id/trace',
    { schema: { summary: 'Forward lineage from a mine site the caller may see', params: idParams, response: { 200: traceSchema, ...lotErrors } } },
    async (req) => forwardLineage(orp, (await visibleSite(orp, req, req.params.id)).uri),
  );
};
