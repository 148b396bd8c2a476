import { reportPeriod } from '../reports/index.js';
import { premiumPriceStatement, type StatementFormat } from '../reporting/statement.js';
import type { OrpaillePlugin } from './context.js';
import { fileResponses, periodQuery, reportViewer, sendFile } from './report-files.js';

/**
 * GET /reports/statement: a producer organisation's premium and price statement (PDF or CSV). The producer
 * (and whoever it granted access) gets the whole ledger, a buyer its own purchases and payments, anyone else a 404.
 */
export const statementReport: OrpaillePlugin = async (app, { orp }) => {
  app.get<{ Querystring: { producer: string; from: string; to: string; format: StatementFormat } }>(
    '/reports/statement',
    {
      schema: {
        summary: "A producer's premium and price statement for a period: purchases, minimum due vs paid, premiums due, paid and outstanding",
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['producer', 'from', 'to'],
          properties: { producer: { type: 'string', description: 'producer organisation, id or URI' }, ...periodQuery, format: { type: 'string', enum: ['pdf', 'csv'], default: 'pdf' } },
        },
        response: fileResponses('the statement (application/pdf or text/csv)'),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const period = reportPeriod(q.from, q.to);
      const r = await premiumPriceStatement(orp, { producer: q.producer, period, format: q.format, viewer: reportViewer(req.principal) });
      return sendFile(reply, r.bytes, r.contentType, `statement-${r.statement.producer.id}-${period.from}-${period.to}.${q.format}`);
    },
  );
};
