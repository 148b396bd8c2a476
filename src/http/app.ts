import Fastify, { type FastifyInstance } from 'fastify';
import { lotView } from '../custody/index.js';
import { ORPAILLE_CONTEXT } from '../epcis/index.js';
import { isOrpailleError, OrpailleError } from '../kernel/index.js';
import { LOT_FORMS, LOT_STATUSES } from '../custody/index.js';
import { showLot, trace } from '../cli/commands.js';
import type { Orpaille } from '../orpaille.js';
import { errorSchema, lotSchema, traceSchema } from './schemas.js';

/**
 * Builds the HTTP app (read-only JSON in this version: health, lots, a lot's events, trace).
 * Tests call `app.inject()`; `serve` listens.
 */
export async function buildApp(orp: Orpaille, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  // Unknown query parameters are an error, not silently dropped (EPCIS query semantics).
  const app = Fastify({ logger: opts.logger ?? false, ajv: { customOptions: { removeAdditional: false } } });

  app.setErrorHandler((err, _req, reply) => {
    if (isOrpailleError(err)) return reply.status(err.status).send(err.toJSON());
    const e = err as { validation?: unknown; statusCode?: number; message: string };
    if (e.validation) return reply.status(400).send({ code: 'ORP_BAD_INPUT', message: e.message, details: {} });
    app.log.error(err);
    return reply.status(e.statusCode ?? 500).send({ code: 'ORP_INTERNAL', message: e.statusCode && e.statusCode < 500 ? e.message : 'internal error', details: {} });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ code: 'ORP_NOT_FOUND', message: `no route ${req.method} ${req.url}`, details: {} }));

  app.get(
    '/health',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            required: ['status', 'database', 'events', 'lots'],
            properties: { status: { type: 'string' }, database: { type: 'string' }, events: { type: 'integer' }, lots: { type: 'integer' } },
          },
        },
      },
    },
    async () => {
      const c = await orp.registry.counts();
      return { status: 'ok', database: orp.db.dialect, events: c.events, lots: c.lots };
    },
  );

  app.get<{ Querystring: { org?: string; form?: string; status?: string; limit: number; offset: number } }>(
    '/lots',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            org: { type: 'string' },
            form: { type: 'string', enum: [...LOT_FORMS] },
            status: { type: 'string', enum: [...LOT_STATUSES] },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
        },
        response: { 200: { type: 'object', required: ['lots'], properties: { lots: { type: 'array', items: lotSchema } } }, 400: errorSchema, 404: errorSchema },
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
      const lots = await orp.queries.lots({
        ...(party ? { party } : {}),
        ...(q.form ? { form: q.form } : {}),
        ...(q.status ? { status: q.status } : {}),
        limit: q.limit,
        offset: q.offset,
      });
      return { lots: lots.map(lotView) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/lots/:id',
    {
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        response: { 200: lotSchema, 404: errorSchema },
      },
    },
    async (req) => (await showLot(orp, req.params.id)).lot,
  );

  app.get<{ Params: { id: string } }>(
    '/lots/:id/events',
    {
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        response: {
          200: { type: 'object', additionalProperties: true, required: ['@context', 'type', 'epcisBody'], properties: { type: { type: 'string' } } },
          404: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const lot = await orp.queries.lot(req.params.id);
      if (!lot) throw new OrpailleError('ORP_LOT_NOT_FOUND', `lot ${req.params.id} does not exist`, { lot: req.params.id });
      const records = await orp.queries.lotEvents(lot.lot);
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
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { direction: { type: 'string', enum: ['backward', 'forward'], default: 'backward' } },
        },
        response: { 200: traceSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (req) => trace(orp, req.params.id, req.query.direction),
  );

  app.get<{ Params: { id: string } }>(
    '/sites/:id/trace',
    {
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        response: { 200: traceSchema, 404: errorSchema },
      },
    },
    async (req) => trace(orp, req.params.id, 'forward'),
  );

  return app;
}

/** Starts listening; returns the base URL. */
export async function serve(orp: Orpaille, opts: { port: number; host: string }): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp(orp);
  app.addHook('onClose', () => orp.subscriptions.worker.stop());
  await app.listen({ port: opts.port, host: opts.host });
  orp.subscriptions.worker.start();
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return { app, url: `http://localhost:${port}` };
}
