import type { FastifyInstance } from 'fastify';
import { OrpailleError } from '../kernel/index.js';

/**
 * Reads text/csv bodies as UTF-8 strings for the routes of one plugin. A bad byte is a 400
 * ORP_IMPORT_INVALID ("the <what> is not UTF-8 text"), never a silent U+FFFD.
 */
export function acceptUtf8Csv(app: FastifyInstance, what: string): void {
  app.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, new TextDecoder('utf-8', { fatal: true }).decode(body as Buffer));
    } catch {
      done(new OrpailleError('ORP_IMPORT_INVALID', `the ${what} is not UTF-8 text`, {}), undefined);
    }
  });
}
