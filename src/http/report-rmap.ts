import { reportPeriod } from '../reports/index.js';
import { rmapPack } from '../reporting/rmap.js';
import { requireOrgRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { fileResponses, periodQuery, sendFile } from './report-files.js';

/**
 * GET /reports/rmap: the RMAP evidence pack (zip) of the caller's organisation for a period (docs/reports.md,
 * "RMAP evidence pack"), with the events and records the caller may see; the headers repeat the ledger head.
 */
export const rmapReportRoute: OrpaillePlugin = async (app, { orp }) => {
  app.get<{ Querystring: { from: string; to: string } }>(
    '/reports/rmap',
    {
      config: { roles: ['admin', 'operator', 'auditor', 'viewer'] },
      schema: {
        summary: "RMAP evidence pack of the caller's organisation (a refiner) for a period: per supplier of ASM inputs the EPCIS chain of custody, assessments, certificates, incidents and decisions, and an index",
        querystring: { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { ...periodQuery } },
        response: fileResponses('the zip'),
      },
    },
    async (req, reply) => {
      const own = requireOrgRole(req, 'admin', 'operator', 'auditor', 'viewer');
      const period = reportPeriod(req.query.from, req.query.to);
      const r = await rmapPack(orp, { org: own.uri, period, viewer: req.principal.visibleParties });
      reply.header('X-Ledger-Seq', String(r.stamp.ledgerSeq)).header('X-Ledger-Head', r.stamp.ledgerHead);
      return sendFile(reply, r.bytes, 'application/zip', `rmap-${own.id}-${period.from}-${period.to}.zip`);
    },
  );
};
