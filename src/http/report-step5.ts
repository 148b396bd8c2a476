import { step5Report, STEP5_FORMATS, type Step5Format } from '../reporting/step5.js';
import { requireOrgRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { fileResponses, sendFile } from './report-files.js';

/**
 * GET /reports/step5: the OECD Step 5 annual due diligence report of the caller's organisation for a calendar
 * year (docs/reports.md, "OECD Step 5 report"), as PDF or HTML; the headers repeat the ledger head it was cut at.
 */
export const step5ReportRoute: OrpaillePlugin = async (app, { orp }) => {
  app.get<{ Querystring: { year: string; format: Step5Format } }>(
    '/reports/step5',
    {
      config: { roles: ['admin', 'operator', 'auditor', 'viewer'] },
      schema: {
        summary: 'OECD Step 5 annual due diligence report of the caller’s organisation: management system, risk assessment, red flags, actions, suspensions, figures, audit',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['year'],
          properties: { year: { type: 'string', pattern: '^\\d{4}$', description: 'calendar year (YYYY)' }, format: { type: 'string', enum: [...STEP5_FORMATS], default: 'pdf' } },
        },
        response: fileResponses('the report (application/pdf or text/html)'),
      },
    },
    async (req, reply) => {
      const own = requireOrgRole(req, 'admin', 'operator', 'auditor', 'viewer');
      const r = await step5Report(orp, { org: own.uri, year: req.query.year, format: req.query.format });
      reply.header('X-Ledger-Seq', String(r.stamp.ledgerSeq)).header('X-Ledger-Head', r.stamp.ledgerHead);
      return sendFile(reply, r.bytes, r.contentType, `step5-${own.id}-${r.report.year}.${req.query.format}`);
    },
  );
};
