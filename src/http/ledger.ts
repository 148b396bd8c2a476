import { PassThrough } from 'node:stream';
import { exportDocument, importLogbookBytes } from '../cli/commands.js';
import { VERIFIER_ROLES, WRITER_ROLES } from '../access/index.js';
import { OrpailleError, parseDateOrDateTime } from '../kernel/index.js';
import { requireOrgRole, requireRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { acceptUtf8Csv } from './csv-body.js';
import { epcisDocumentSchema, errorSchema } from './schemas.js';

const importResultSchema = {
  type: 'object',
  required: ['file', 'rows', 'written', 'events', 'problems'],
  properties: {
    file: { type: 'string' },
    rows: { type: 'integer' },
    written: { type: 'integer' },
    events: { type: 'integer' },
    problems: {
      type: 'array',
      items: { type: 'object', required: ['line', 'message'], properties: { line: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' } } },
    },
  },
} as const;

const verifySchema = {
  type: 'object',
  required: ['ok', 'records', 'head'],
  properties: {
    ok: { type: 'boolean' },
    records: { type: 'integer' },
    head: { type: 'string' },
    failure: { type: 'object', required: ['seq', 'eventId', 'problem'], properties: { seq: { type: 'integer' }, eventId: { type: 'string' }, problem: { type: 'string' } } },
  },
} as const;

const denials = { 401: errorSchema, 403: errorSchema };

/**
 * One ledger record as the caller may read it: its number, when the ledger recorded it, its event hash and the
 * EPCIS 2.0 event as stored (JSON-LD; extension fields such as `gold:*` pass through, hence additionalProperties).
 */
const recordSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['seq', 'eventId', 'eventType', 'recordTime', 'event'],
  properties: {
    seq: { type: 'integer', minimum: 1, description: 'ledger sequence number' },
    eventId: { type: 'string', description: 'CBV 2.0 event hash (ni:///sha-256;...)' },
    eventType: { type: 'string', enum: ['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent'] },
    recordTime: { type: 'string', format: 'date-time' },
    event: {
      type: 'object',
      additionalProperties: true,
      required: ['type', 'eventTime', 'eventTimeZoneOffset'],
      properties: {
        type: { type: 'string' },
        eventID: { type: 'string' },
        eventTime: { type: 'string' },
        eventTimeZoneOffset: { type: 'string' },
        action: { type: 'string' },
        bizStep: { type: 'string' },
        disposition: { type: 'string' },
        readPoint: { type: 'object', additionalProperties: true, properties: { id: { type: 'string' } } },
        bizLocation: { type: 'object', additionalProperties: true, properties: { id: { type: 'string' } } },
        epcList: { type: 'array', items: { type: 'string' } },
        inputEPCList: { type: 'array', items: { type: 'string' } },
        outputEPCList: { type: 'array', items: { type: 'string' } },
        quantityList: { type: 'array', items: { type: 'object', additionalProperties: true } },
        inputQuantityList: { type: 'array', items: { type: 'object', additionalProperties: true } },
        outputQuantityList: { type: 'array', items: { type: 'object', additionalProperties: true } },
        bizTransactionList: { type: 'array', items: { type: 'object', additionalProperties: true } },
        sourceList: { type: 'array', items: { type: 'object', additionalProperties: true } },
        destinationList: { type: 'array', items: { type: 'object', additionalProperties: true } },
      },
    },
  },
} as const;

/** Export (the caller's visible events), logbook import (operators) and ledger verification (admins, auditors). */
export const ledger: OrpaillePlugin = async (app, { orp }) => {
  // CSV arrives as bytes; it must be UTF-8 (docs/logbook-import.md), so a bad byte is a 400, never a silent U+FFFD.
  acceptUtf8Csv(app, 'logbook');

  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/export',
    {
      schema: {
        summary: 'The events the caller may see, as one EPCIS 2.0 JSON-LD document (streamed)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { from: { type: 'string', description: 'event time from (inclusive), YYYY-MM-DD or ISO 8601' }, to: { type: 'string', description: 'event time to (exclusive)' } },
        },
        response: { 200: epcisDocumentSchema, 400: errorSchema, ...denials },
      },
    },
    async (req, reply) => {
      // Checked before the first byte goes out: a bad bound must be a 400, not a truncated document.
      for (const [name, v] of Object.entries(req.query)) {
        if (v !== undefined && Number.isNaN(parseDateOrDateTime(v))) throw new OrpailleError('ORP_BAD_INPUT', `${name} must be YYYY-MM-DD or an ISO 8601 date-time, got "${v}"`, { [name]: v });
      }
      const out = new PassThrough();
      exportDocument(orp, (c) => out.write(c), { ...req.query, parties: req.principal.visibleParties }).then(
        () => out.end(),
        (err: unknown) => {
          req.log.error(err);
          out.destroy(err instanceof Error ? err : new Error(String(err)));
        },
      );
      return reply.type('application/ld+json').send(out);
    },
  );

  app.post<{ Querystring: { partial: boolean; name: string }; Body: string }>(
    '/import',
    {
      config: { roles: [...WRITER_ROLES] },
      schema: {
        summary: "Import a purchase logbook (CSV, docs/logbook-import.md) bought by the caller's organisation; one result per rejected row",
        consumes: ['text/csv'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            partial: { type: 'boolean', default: false, description: 'write the valid rows and list the rejected ones' },
            name: { type: 'string', default: 'upload.csv', maxLength: 200, description: 'file name used in messages' },
          },
        },
        body: { type: 'string', description: 'the CSV file (text/csv, UTF-8)' },
        response: { 200: importResultSchema, 400: errorSchema, ...denials },
      },
    },
    async (req) => {
      const org = requireOrgRole(req, ...WRITER_ROLES);
      return importLogbookBytes(orp, Buffer.from(req.body, 'utf8'), req.query.name, { partial: req.query.partial, buyer: org.id });
    },
  );

  app.get<{ Params: { seq: number } }>(
    '/ledger/records/:seq',
    {
      schema: {
        summary: 'One ledger record by its sequence number, with its EPCIS event: only a record whose event the caller may see (else 404, as for a missing one)',
        params: { type: 'object', required: ['seq'], properties: { seq: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } } },
        response: { 200: recordSchema, 400: errorSchema, 401: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const r = await orp.visibility.record(req.params.seq, req.principal.visibleParties);
      if (!r) throw new OrpailleError('ORP_NOT_FOUND', `no ledger record ${req.params.seq}`, { seq: req.params.seq });
      return { seq: r.seq, eventId: r.eventId, eventType: r.eventType, recordTime: new Date(r.recordTime).toISOString(), event: JSON.parse(r.body) as Record<string, unknown> };
    },
  );

  app.get('/verify', { config: { roles: [...VERIFIER_ROLES] }, schema: { summary: 'Recompute every hash, link and signature of the ledger (admins and auditors)', response: { 200: verifySchema, ...denials } } }, async (req) => {
    requireRole(req, ...VERIFIER_ROLES);
    return orp.verify();
  });
};
