import { sql } from 'kysely';
import type { OrpaillePlugin } from './context.js';

/** Liveness and the kind of store; public, for load balancers and monitoring. */
export const health: OrpaillePlugin = async (app, { orp }) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        summary: 'Liveness and the kind of database (answers without credentials, so it tells nothing about the ledger)',
        response: {
          200: {
            type: 'object',
            required: ['status', 'database'],
            properties: { status: { type: 'string' }, database: { type: 'string' } },
          },
        },
      },
    },
    async () => {
      // A constant-time round trip proves the database answers; counting rows would grow with the ledger.
      await sql`select 1`.execute(orp.db.kysely);
      return { status: 'ok', database: orp.db.dialect };
    },
  );
};
