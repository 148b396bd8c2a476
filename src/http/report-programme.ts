import { OrpailleError } from '../kernel/index.js';
import { reportPeriod } from '../reports/index.js';
import { programmeReport, type ProgrammeFormat } from '../reporting/programme.js';
import type { OrpaillePlugin } from './context.js';
import { fileResponses, periodQuery, sendFile } from './report-files.js';

/**
 * GET /reports/programme: the programme figures of the caller's organisation (the web dashboard reads them).
 * `org` may name the caller's organisation or one that granted it access; a platform administrator may name any,
 * or none for every organisation.
 */
export const programmeReportRoute: OrpaillePlugin = async (app, { orp }) => {
  app.get<{ Querystring: { org?: string; from: string; to: string; format: ProgrammeFormat } }>(
    '/reports/programme',
    {
      schema: {
        summary: 'Programme figures for a period: miners by gender, legal fine gold, price vs LBMA, premiums paid, mercury-free share, sites by ICGLR status, incidents',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: { org: { type: 'string', description: 'organisation, id or URI (default: the caller’s)' }, ...periodQuery, format: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
        },
        response: fileResponses('the figures (application/json or text/csv)'),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const period = reportPeriod(q.from, q.to);
      const p = req.principal;
      let org: string | undefined = q.org ?? p.org?.id;
      if (!p.platformAdmin) {
        const o = await orp.registry.organisation(org!);
        if (!o || !p.visibleParties.includes(o.uri)) throw new OrpailleError('ORP_NOT_FOUND', `no programme of "${org}"`, { org });
        org = o.id;
      }
      const r = await programmeReport(orp, { ...(org ? { org } : {}), period, format: q.format });
      return sendFile(reply, r.bytes, r.contentType, `programme-${org ?? 'all'}-${period.from}-${period.to}.${q.format}`);
    },
  );
};
