import { AREA_CATEGORIES, RED_FLAG_RULES, areaInForce, type RiskArea } from '../diligence/index.js';
import { OrpailleError } from '../kernel/index.js';
import { requireRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { incidentSchema } from './incidents.js';
import { errorSchema } from './schemas.js';

const denials = { 401: errorSchema, 403: errorSchema };

const areaSchema = {
  type: 'object',
  required: ['id', 'name', 'category', 'countries', 'polygons', 'effectiveFrom', 'source'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    category: { type: 'string', enum: [...AREA_CATEGORIES] },
    countries: { type: 'array', items: { type: 'string' } },
    polygons: { type: 'integer', description: 'how many polygons the area holds besides its countries' },
    effectiveFrom: { type: 'string' },
    effectiveTo: { type: 'string' },
    source: { type: 'string' },
  },
} as const;

const areaList = { type: 'object', required: ['areas'], properties: { areas: { type: 'array', items: areaSchema } } } as const;

const reportSchema = {
  type: 'object',
  required: ['events', 'hits', 'byRule', 'raised'],
  properties: {
    events: { type: 'integer', description: 'ledger events read' },
    hits: { type: 'integer', description: 'red flags of the caller’s organisation found, whether or not they already had an incident' },
    byRule: { type: 'object', properties: Object.fromEntries(RED_FLAG_RULES.map((r) => [r, { type: 'integer' }])) },
    raised: { type: 'array', items: incidentSchema, description: 'incidents of the caller’s organisation this scan raised' },
  },
} as const;

/** An area as listed: polygons counted, not sent (`orpaille diligence areas list --json` has them). */
function listed(a: RiskArea) {
  return { id: a.id, name: a.name, category: a.category, countries: a.countries, polygons: a.polygons.length, effectiveFrom: a.effectiveFrom, ...(a.effectiveTo ? { effectiveTo: a.effectiveTo } : {}), source: a.source };
}

/**
 * The red-flag engine on demand and the risk areas it reads (docs/diligence.md). Risk areas are shared by
 * every organisation's scans: any member reads them, only the platform administrator loads them.
 */
export const redFlagRoutes: OrpaillePlugin = async (app, { orp }) => {
  app.post(
    '/diligence/scan',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: 'Run every red-flag rule over the whole ledger (like `orpaille diligence scan --json`); the report counts the caller’s organisation’s red flags and incidents',
        response: { 200: reportSchema, ...denials },
      },
    },
    async (req) => orp.redFlags.scan(undefined, req.principal.platformAdmin ? {} : { orgs: req.principal.org ? [req.principal.org.uri] : [] }),
  );

  app.get<{ Querystring: { date?: string } }>(
    '/diligence/areas',
    {
      schema: {
        summary: 'Conflict-affected and high-risk areas and protected areas: every version with its dates and source, or those in force on a date',
        querystring: { type: 'object', additionalProperties: false, properties: { date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'only the areas listed on this day (YYYY-MM-DD)' } } },
        response: { 200: areaList, 400: errorSchema, ...denials },
      },
    },
    async (req) => {
      const all = await orp.incidents.areas();
      const date = req.query.date;
      return { areas: (date ? all.filter((a) => areaInForce(a, date)) : all).map(listed) };
    },
  );

  app.post<{ Body: unknown }>(
    '/diligence/areas',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: 'Load risk areas from a GeoJSON FeatureCollection (properties id, name, category, countries, effectiveFrom, effectiveTo, source; Polygon, MultiPolygon or null geometry). Platform administrator only; nothing is written if a feature is invalid',
        body: {
          type: 'object',
          required: ['type', 'features'],
          properties: { type: { type: 'string', enum: ['FeatureCollection'] }, features: { type: 'array', items: { type: 'object' } } },
        },
        response: { 200: { type: 'object', required: ['loaded', 'areas'], properties: { loaded: { type: 'integer' }, areas: { type: 'array', items: areaSchema } } }, 400: errorSchema, ...denials },
      },
    },
    async (req) => {
      requireRole(req, 'admin');
      if (!req.principal.platformAdmin) throw new OrpailleError('ORP_FORBIDDEN', 'risk areas are read by every organisation’s scans: only the platform administrator loads them', {});
      const areas = await orp.redFlags.loadAreas(req.body);
      return { loaded: areas.length, areas: areas.map(listed) };
    },
  );
};
