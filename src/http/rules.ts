import { RULE_CONFIDENCES, versionsInForce, type RuleConfidence } from '../certification/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { OrpaillePlugin } from './context.js';
import { errorSchema } from './schemas.js';

const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

const versionSchema = {
  type: 'object',
  required: ['rule', 'key', 'effectiveFrom', 'value', 'source', 'confidence'],
  properties: {
    rule: { type: 'string' },
    key: { type: 'string' },
    effectiveFrom: { type: 'string' },
    effectiveTo: { type: 'string' },
    value: {},
    source: { type: 'string' },
    confidence: { type: 'string', enum: [...RULE_CONFIDENCES] },
  },
} as const;

/**
 * The dated rule tables over HTTP (docs/diligence.md, "Changing a rule"): every authenticated caller reads
 * them (they say how its figures and red flags were judged); only the platform administrator adds a
 * version, because the tables are shared by every organisation on the platform.
 */
export const ruleRoutes: OrpaillePlugin = async (app, { orp }) => {
  app.get<{ Querystring: { rule?: string; date?: string } }>(
    '/rules',
    {
      schema: {
        summary: 'Rule versions: all, or those in force on a day',
        querystring: { type: 'object', additionalProperties: false, properties: { rule: { type: 'string', minLength: 1 }, date: day } },
        response: { 200: { type: 'object', required: ['versions'], properties: { versions: { type: 'array', items: versionSchema } } }, 400: errorSchema, 401: errorSchema },
      },
    },
    async (req) => {
      const all = await orp.rules.list(req.query.rule);
      return { versions: req.query.date ? versionsInForce(all, req.query.date) : all };
    },
  );

  app.post<{ Body: { rule: string; key: string; effectiveFrom: string; effectiveTo?: string; value: unknown; source: string; confidence?: RuleConfidence } }>(
    '/rules',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: 'Add a version of a shipped rule from a day, closing the version it follows (platform administrator)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['rule', 'key', 'effectiveFrom', 'value', 'source'],
          properties: {
            rule: { type: 'string', minLength: 1 },
            key: { type: 'string', minLength: 1 },
            effectiveFrom: day,
            effectiveTo: day,
            value: {},
            source: { type: 'string', minLength: 1 },
            confidence: { type: 'string', enum: [...RULE_CONFIDENCES] },
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['insert'],
            properties: {
              insert: versionSchema,
              close: { type: 'object', required: ['rule', 'key', 'effectiveFrom', 'effectiveTo'], properties: { rule: { type: 'string' }, key: { type: 'string' }, effectiveFrom: { type: 'string' }, effectiveTo: { type: 'string' } } },
            },
          },
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          409: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (req, reply) => {
      if (!req.principal.platformAdmin) throw new OrpailleError('ORP_FORBIDDEN', 'only the platform administrator changes the rule tables (they apply to every organisation)');
      const b = req.body;
      const plan = await orp.rules.addVersion({ ...b, confidence: b.confidence ?? 'firm' });
      return reply.status(201).send(plan);
    },
  );
};
