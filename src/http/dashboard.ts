import type { FastifyRequest } from 'fastify';
import { ICGLR_STATUSES } from '../certification/index.js';
import { dashboardFlows, dashboardSites, FLOW_STAGES, type DashboardViewer } from '../reporting/dashboard.js';
import { reportPeriod } from '../reports/index.js';
import type { OrpaillePlugin } from './context.js';
import { periodQuery } from './report-files.js';
import { errorSchema } from './schemas.js';

const siteSchema = {
  type: 'object',
  required: ['id', 'uri', 'name', 'country', 'icglrId', 'latitude', 'longitude', 'icglr', 'openRisks', 'openIncidents'],
  properties: {
    id: { type: 'string' },
    uri: { type: 'string' },
    name: { type: 'string' },
    country: { type: 'string' },
    icglrId: { type: 'string' },
    latitude: { type: 'number' },
    longitude: { type: 'number' },
    icglr: {
      type: 'object',
      required: ['status', 'exportAllowed'],
      properties: { status: { type: 'string', enum: [...ICGLR_STATUSES] }, since: { type: 'string' }, until: { type: 'string' }, exportAllowed: { type: 'boolean' } },
    },
    openRisks: { type: 'integer', description: 'open entries (identified, confirmed) of the caller’s risk register about the site' },
    openIncidents: { type: 'integer', description: 'the caller’s incidents about the site that are open or under review' },
  },
} as const;

const flowsSchema = {
  type: 'object',
  required: ['period', 'nodes', 'links', 'totalFineGrams'],
  properties: {
    period: { type: 'object', required: ['from', 'to'], properties: { from: { type: 'string' }, to: { type: 'string' } } },
    nodes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'kind', 'stage', 'key'],
        properties: {
          id: { type: 'string' },
          kind: { type: 'string', enum: ['site', 'organisation'] },
          stage: { type: 'string', enum: [...FLOW_STAGES] },
          key: { type: 'string', description: 'GS1 key (GLN) of the site or organisation' },
          name: { type: 'string', description: 'site name; organisation name only for the caller’s own and its grantors' },
          country: { type: 'string' },
        },
      },
    },
    links: {
      type: 'array',
      items: {
        type: 'object',
        required: ['source', 'target', 'fineGrams', 'events'],
        properties: { source: { type: 'string' }, target: { type: 'string' }, fineGrams: { type: 'string' }, events: { type: 'integer' } },
      },
    },
    totalFineGrams: { type: 'string' },
  },
} as const;

const viewerOf = (req: FastifyRequest): DashboardViewer => ({
  visibleParties: req.principal.visibleParties,
  ...(req.principal.org ? { org: req.principal.org.uri } : {}),
  platformAdmin: req.principal.platformAdmin,
});

/**
 * The web dashboard's map and flow diagram (docs/web.md, "Dashboard"): aggregates over what the caller may see
 * (docs/api.md), computed in SQL so that they answer quickly on a large ledger.
 */
export const dashboardRoutes: OrpaillePlugin = async (app, { orp }) => {
  app.get(
    '/dashboard/sites',
    {
      schema: {
        summary: 'Mine sites the caller may see, with their ICGLR status today and the caller’s open risks and incidents about each',
        response: {
          200: { type: 'object', required: ['date', 'sites'], properties: { date: { type: 'string' }, sites: { type: 'array', items: siteSchema } } },
          401: errorSchema,
        },
      },
    },
    async (req) => {
      const date = orp.clock.now().toISOString().slice(0, 10);
      return { date, sites: await dashboardSites(orp, viewerOf(req), date) };
    },
  );

  app.get<{ Querystring: { from: string; to: string } }>(
    '/dashboard/flows',
    {
      schema: {
        summary: 'Fine gold that changed owner in a period (purchases, and productions by organisations), between sites and organisations, over the lineage of the lots the caller may see',
        querystring: { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { ...periodQuery } },
        response: { 200: flowsSchema, 400: errorSchema, 401: errorSchema },
      },
    },
    async (req) => dashboardFlows(orp, viewerOf(req), reportPeriod(req.query.from, req.query.to)),
  );
};
