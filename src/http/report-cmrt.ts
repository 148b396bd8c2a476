import { CMRT_SCOPES, type CmrtScope } from '../reports/cmrt/index.js';
import { cmrt } from '../reporting/cmrt.js';
import { requireOrgRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { fileResponses, sendFile } from './report-files.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * GET /reports/cmrt: the CMRT 6.5 workbook of the caller's organisation for a calendar year (docs/reports.md,
 * "CMRT"), stamped with the ledger head it was computed from; the headers repeat the head.
 */
export const cmrtReportRoutes: OrpaillePlugin = async (app, { orp }) => {
  app.get<{ Querystring: { scope?: CmrtScope; period?: string } }>(
    '/reports/cmrt',
    {
      config: { roles: ['admin', 'operator', 'auditor', 'viewer'] },
      schema: {
        summary: 'CMRT 6.5 (xlsx) of the caller’s organisation for a calendar year: gold answers from the traced supply, refiners with RMI ids, recorded answers',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { scope: { type: 'string', enum: Object.keys(CMRT_SCOPES), default: 'A' }, period: { type: 'string', pattern: '^\\d{4}$', description: 'calendar year (default this year)' } },
        },
        response: fileResponses('the xlsx workbook'),
      },
    },
    async (req, reply) => {
      const own = requireOrgRole(req, 'admin', 'operator', 'auditor', 'viewer');
      const r = await cmrt(orp).report(own.uri, { scope: req.query.scope ?? 'A', ...(req.query.period ? { year: Number(req.query.period) } : {}) });
      const year = r.report.stamp.period.from.slice(0, 4);
      reply.header('X-Ledger-Seq', String(r.report.stamp.ledgerSeq)).header('X-Ledger-Head', r.report.stamp.ledgerHead);
      return sendFile(reply, r.bytes, XLSX, `cmrt-${own.id}-${year}.xlsx`);
    },
  );
};
