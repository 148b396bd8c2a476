import type { FastifyReply } from 'fastify';
import type { Principal } from './auth.js';
import { errorSchema } from './schemas.js';

/** Query fields every period report takes: from inclusive, to exclusive (docs/reports.md). */
export const periodQuery = {
  from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'first day of the period (inclusive)' },
  to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'day after the period (exclusive)' },
} as const;

/** Responses of a route answering a report file. */
export const fileResponses = (description: string) => ({ 200: { description, type: 'string', format: 'binary' }, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema }) as const;

/** Sends report bytes as a download named `name`. */
export function sendFile(reply: FastifyReply, bytes: Buffer, contentType: string, name: string): FastifyReply {
  return reply.header('content-type', contentType).header('content-disposition', `attachment; filename="${name}"`).send(bytes);
}

/** Who a principal may see in a report: a platform administrator everything, a member its organisation and grantors. */
export const reportViewer = (p: Principal) => (p.platformAdmin ? ('all' as const) : p.visibleParties);
