import { evidenceReference, MAX_EVIDENCE_BYTES } from '../diligence/index.js';
import { OrpailleError } from '../kernel/index.js';
import { requireOrgRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { errorSchema } from './schemas.js';

const fileSchema = {
  type: 'object',
  required: ['reference', 'sha256', 'name', 'mediaType', 'size', 'uploadedAt', 'uploadedBy'],
  properties: { reference: { type: 'string' }, sha256: { type: 'string' }, name: { type: 'string' }, mediaType: { type: 'string' }, size: { type: 'integer' }, uploadedAt: { type: 'string' }, uploadedBy: { type: 'string' } },
} as const;

/**
 * Evidence files over HTTP (docs/diligence.md, "Evidence files"): the caller's organisation uploads the raw
 * bytes (Content-Type = the file's media type) and reads back only its own files.
 */
export const evidenceRoutes: OrpaillePlugin = async (app, { orp }) => {
  // In this plugin only: every body is the file's bytes, whatever its media type (a JSON file is a file too).
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.post<{ Querystring: { name?: string; by?: string }; Body: Buffer }>(
    '/evidence',
    {
      bodyLimit: MAX_EVIDENCE_BYTES,
      config: { roles: ['admin', 'operator'] },
      schema: {
        summary: "Store an evidence file for the caller's organisation (body = the bytes, Content-Type = its media type); the same bytes twice are stored once",
        body: { description: 'the file itself: raw bytes, Content-Type = its media type' },
        querystring: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 255 }, by: { type: 'string', minLength: 1 } } },
        response: { 201: fileSchema, 200: fileSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 413: errorSchema },
      },
    },
    async (req, reply) => {
      const own = requireOrgRole(req, 'admin', 'operator');
      if (!Buffer.isBuffer(req.body)) throw new OrpailleError('ORP_BAD_INPUT', 'the body must be the file itself');
      const mediaType = (req.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim();
      const r = await orp.evidence.add({ org: own.uri, name: req.query.name ?? 'upload', mediaType, bytes: req.body, uploadedAt: orp.clock.now().toISOString(), uploadedBy: req.query.by ?? `${req.principal.kind}:${req.principal.id}` });
      return reply.status(r.created ? 201 : 200).send({ ...r.file, reference: evidenceReference(r.file.sha256) });
    },
  );

  app.get(
    '/evidence',
    {
      schema: {
        summary: "The caller's organisation's evidence files, newest first (without their bytes)",
        response: { 200: { type: 'object', required: ['files'], properties: { files: { type: 'array', items: fileSchema } } }, 401: errorSchema, 403: errorSchema },
      },
    },
    async (req) => {
      const own = requireOrgRole(req, 'admin', 'operator', 'auditor', 'viewer');
      return { files: (await orp.evidence.list(own.uri)).map((f) => ({ ...f, reference: evidenceReference(f.sha256) })) };
    },
  );

  app.get<{ Params: { sha256: string } }>(
    '/evidence/:sha256',
    {
      schema: {
        summary: "One of the caller's organisation's evidence files, as stored",
        params: { type: 'object', required: ['sha256'], properties: { sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } } },
        response: { 200: { description: 'the file as stored', type: 'string', format: 'binary' }, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => {
      const own = requireOrgRole(req, 'admin', 'operator', 'auditor', 'viewer');
      const found = await orp.evidence.get(own.uri, req.params.sha256);
      if (!found) throw new OrpailleError('ORP_NOT_FOUND', `no evidence file sha256:${req.params.sha256}`, { sha256: req.params.sha256 });
      return reply
        .header('content-type', found.file.mediaType)
        .header('content-disposition', `attachment; filename="${found.file.name.replace(/["\\]/g, '_')}"`)
        .header('x-content-sha256', found.file.sha256)
        .send(found.bytes);
    },
  );
};
