import type { OrpaillePlugin } from './context.js';

/** Liveness and the size of the ledger; public, for load balancers and monitoring. */
export const health: OrpaillePlugin = async (app, { orp }) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        summary: 'Liveness, database kind and ledger size',
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
};
