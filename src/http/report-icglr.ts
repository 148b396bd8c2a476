import { WRITER_ROLES } from '../access/index.js';
import { icglr, type IcglrDetails } from '../reporting/icglr.js';
import { requireOrgRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { visibleLot } from './lots.js';
import { fileResponses, sendFile } from './report-files.js';
import { errorSchema } from './schemas.js';

const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const text = { type: 'string', maxLength: 500 } as const;

type IcglrBody = Omit<IcglrDetails, 'file'> & { lot: string; lang: 'en' | 'fr' | 'both' };

/**
 * POST /reports/icglr: issues the ICGLR export certificate of a lot (docs/reports.md, "ICGLR regional
 * certificate") and answers the PDF. A POST because issuing records the certificate number. The details the
 * ledger does not hold are body fields, none required by the schema, so that a missing one is refused like on
 * the CLI (422 ORP_CERTIFICATE_INCOMPLETE naming every missing field) rather than by validation.
 */
export const icglrReportRoute: OrpaillePlugin = async (app, { orp }) => {
  app.post<{ Body: IcglrBody }>(
    '/reports/icglr',
    {
      config: { roles: [...WRITER_ROLES] },
      schema: {
        summary: 'Issue the ICGLR regional export certificate of a lot the caller’s organisation exports (PDF, English and French); a refusal records nothing',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['lot'],
          properties: {
            lot: { type: 'string', maxLength: 200, description: 'lot URI or number' },
            lang: { type: 'string', enum: ['en', 'fr', 'both'], default: 'both' },
            number: { ...text, description: 'certificate serial number (default: the one named by the export event)' },
            issuingCountry: { type: 'string', pattern: '^[A-Z]{2}$' },
            importer: text,
            destinationCountry: { type: 'string', pattern: '^[A-Z]{2}$' },
            customsValueUsd: { type: 'string', maxLength: 20, description: 'USD amount such as 125000.00' },
            shipmentDate: day,
            route: text,
            transportCompany: text,
            issuingAuthority: text,
            verifier: { type: 'object', additionalProperties: false, properties: { name: text, position: text, id: text } },
            verificationDate: day,
            validator: text,
            issuedOn: { ...day, description: 'date of issuance (default today)' },
            expiresOn: { ...day, description: 'expiry (default and latest: issuance + the validity period in force)' },
          },
        },
        response: {
          ...fileResponses('the certificate (application/pdf), printed again when the same number was issued for the same lot and date'),
          201: { description: 'the certificate issued (application/pdf)', type: 'string', format: 'binary' },
          409: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const own = requireOrgRole(req, ...WRITER_ROLES);
      const { lot: asked, lang, ...details } = req.body;
      const lot = await visibleLot(orp, req, asked);
      const r = await icglr(orp).issue(lot.lot, details, { lang, issuer: own.uri });
      reply.status(r.reprint ? 200 : 201).header('X-Ledger-Seq', String(r.stamp.ledgerSeq)).header('X-Ledger-Head', r.stamp.ledgerHead);
      return sendFile(reply, r.bytes, 'application/pdf', r.certificate.file.replace(/[^\w.-]/g, '_'));
    },
  );
};
