import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { WRITER_ROLES } from '../access/index.js';
import {
  CAPTURE_ERROR_BEHAVIOURS,
  captureEvents,
  captureJobView,
  codecProblem,
  INTERRUPTED,
  jobFailure,
  NO_COUNTS,
  runCaptureJob,
  type CaptureErrorBehaviour,
  type CaptureJob,
  type CaptureLimits,
} from '../capture/index.js';
import { detectEpcisFormat, prepareSchemaValidators, readEpcisDocument, readEpcisEvent } from '../epcis/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { JobCursor } from '../store/index.js';
import { requireOrgRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { capturedEventSchema, captureJobSchema, captureJobsQuery, captureJobQuery, jobListSchema } from './capture-schemas.js';
import { errorSchema } from './schemas.js';

const EPCIS_MEDIA_TYPES = ['application/ld+json', 'application/json', 'application/xml', 'text/xml'];

/** The discovery headers of the capture interface (EPCIS 2.0 REST binding). */
function limitHeaders(limits: CaptureLimits): Record<string, string> {
  return {
    'GS1-EPCIS-Version': '2.0',
    'GS1-CBV-Version': '2.0',
    'GS1-EPCIS-Capture-Limit': String(limits.eventLimit),
    'GS1-EPCIS-Capture-File-Size-Limit': String(limits.fileSizeLimit),
  };
}

function tooLarge(limit: 'GS1-EPCIS-Capture-Limit' | 'GS1-EPCIS-Capture-File-Size-Limit', max: number, unit: string, given?: number): OrpailleError {
  const was = given === undefined ? '' : ` (it has ${given})`;
  return new OrpailleError('ORP_PAYLOAD_TOO_LARGE', `the document exceeds ${limit}: at most ${max} ${unit}${was}; split it into several captures`, {
    limit,
    max,
    ...(given === undefined ? {} : { given }),
  });
}

function errorBehaviour(req: FastifyRequest): CaptureErrorBehaviour {
  const h = req.headers['gs1-capture-error-behaviour'];
  if (h === undefined) return 'rollback';
  const v = String(h).trim().toLowerCase();
  if (!(CAPTURE_ERROR_BEHAVIOURS as readonly string[]).includes(v)) {
    throw new OrpailleError('ORP_BAD_INPUT', `GS1-Capture-Error-Behaviour must be rollback or proceed, got "${String(h)}"`, { header: String(h) });
  }
  return v as CaptureErrorBehaviour;
}

function bodyText(req: FastifyRequest): string {
  if (typeof req.body !== 'string' || req.body.length === 0) throw new OrpailleError('ORP_EPCIS_INVALID', 'the request has no EPCIS body', {});
  return req.body;
}

function pageToken(cursor: JobCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.captureId])).toString('base64url');
}

function cursorOf(token: string): JobCursor {
  try {
    const [createdAt, captureId] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof createdAt === 'number' && typeof captureId === 'string') return { createdAt, captureId };
  } catch {
    // falls through to the error below
  }
  throw new OrpailleError('ORP_BAD_INPUT', 'nextPageToken is not one this server issued', { nextPageToken: token });
}

/**
 * The EPCIS 2.0 capture interface: POST /capture (asynchronous capture jobs), GET /capture and
 * /capture/{captureID} (jobs with Orpaille's per-event results), OPTIONS /capture (limits) and POST /events
 * (one event, synchronously). Bodies are read as text by the codec, only in this plugin's scope.
 */
export const capture: OrpaillePlugin = async (app, { orp }) => {
  // A server compiles the EPCIS JSON Schema once at start, so no client's capture waits for it.
  app.addHook('onReady', async () => prepareSchemaValidators());
  const limits = orp.captureLimits;
  const headers = limitHeaders(limits);
  const running = new Set<Promise<void>>();
  await orp.captureJobs.failRunning(orp.clock.now().getTime(), jobFailure(INTERRUPTED));
  app.addHook('onClose', async () => {
    await Promise.all(running);
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(EPCIS_MEDIA_TYPES, { parseAs: 'string', bodyLimit: limits.fileSizeLimit }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err: FastifyError) => {
    // Rethrown errors go to the app's handler, which gives every error the same JSON shape.
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw tooLarge('GS1-EPCIS-Capture-File-Size-Limit', limits.fileSizeLimit, 'bytes');
    throw err;
  });

  const withHeaders = async (_req: FastifyRequest, reply: FastifyReply) => {
    reply.headers(headers);
  };

  app.options('/capture', { config: { public: true }, onRequest: withHeaders, schema: { summary: 'Capture limits and error behaviours', tags: ['Capture'], response: { 204: { type: 'null', description: 'the limits are in the GS1-* headers' } } } }, async (_req, reply) => {
    reply.header('Allow', 'OPTIONS, POST, GET').header('GS1-Capture-Error-Behaviour', 'rollback | proceed');
    return reply.code(204).send();
  });

  app.post(
    '/capture',
    {
      bodyLimit: limits.fileSizeLimit,
      onRequest: withHeaders,
      schema: {
        summary: 'Capture an EPCIS 2.0 document (JSON-LD or XML) as an asynchronous job',
        tags: ['Capture'],
        body: { type: 'string', description: 'an EPCIS 2.0 document, JSON-LD or XML (checked by the EPCIS codec)' },
        response: { 202: captureJobSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 413: errorSchema, 415: errorSchema },
      },
    },
    async (req, reply) => {
      const org = requireOrgRole(req, ...WRITER_ROLES);
      const behaviour = errorBehaviour(req);
      const text = bodyText(req);
      const format = detectEpcisFormat(req.headers['content-type'], text);
      const read = readEpcisDocument(text, format);
      if (read.ok && read.document.events.length > limits.eventLimit) throw tooLarge('GS1-EPCIS-Capture-Limit', limits.eventLimit, 'events', read.document.events.length);
      const now = orp.clock.now().getTime();
      const job: CaptureJob = {
        captureId: randomUUID(),
        org: org.id,
        recorder: org.uri,
        behaviour,
        format,
        ...NO_COUNTS,
        ...(read.ok ? { status: 'running', eventCount: read.document.events.length, errors: [] } : { status: 'failed', finishedAt: now, errors: read.problems.map(codecProblem) }),
        createdAt: now,
      };
      await orp.captureJobs.create(job);
      if (read.ok) {
        // The job starts once the 202 is on its way; onClose waits for it.
        const run = new Promise<void>((resolve) => setImmediate(resolve))
          .then(() => runCaptureJob({ append: orp.append, jobs: orp.captureJobs, clock: orp.clock }, job, read.document.events))
          .catch((err: unknown) => req.log.error(err, `capture job ${job.captureId} could not record its end`))
          .finally(() => running.delete(run));
        running.add(run);
      }
      return reply.code(202).header('Location', `/capture/${job.captureId}`).send(captureJobView(job));
    },
  );

  app.get<{ Querystring: { perPage: number; nextPageToken?: string } }>(
    '/capture',
    {
      onRequest: withHeaders,
      schema: { summary: "The caller's organisation's capture jobs, newest first", tags: ['Capture'], querystring: captureJobsQuery, response: { 200: jobListSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema } },
    },
    async (req, reply) => {
      const org = requireOrgRole(req, 'admin', 'operator', 'auditor', 'viewer');
      const after = req.query.nextPageToken === undefined ? undefined : cursorOf(req.query.nextPageToken);
      const jobs = await orp.captureJobs.jobs(org.id, req.query.perPage + 1, after);
      const page = jobs.slice(0, req.query.perPage);
      if (jobs.length > page.length) {
        const last = page[page.length - 1]!;
        const next = `/capture?perPage=${req.query.perPage}&nextPageToken=${pageToken(last)}`;
        reply.header('Link', `<${next}>; rel="next"`);
      }
      return page.map((j) => captureJobView(j));
    },
  );

  app.get<{ Params: { captureID: string }; Querystring: { resultsOffset: number; resultsLimit: number } }>(
    '/capture/:captureID',
    {
      schema: {
        summary: 'A capture job with a page of its per-event results',
        tags: ['Capture'],
        params: { type: 'object', required: ['captureID'], properties: { captureID: { type: 'string' } } },
        querystring: captureJobQuery,
        response: { 200: captureJobSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => {
      const org = requireOrgRole(req, 'admin', 'operator', 'auditor', 'viewer');
      const job = await orp.captureJobs.job(req.params.captureID, org.id);
      // Another organisation's job answers like one that does not exist.
      if (!job) throw new OrpailleError('ORP_NOT_FOUND', `no capture job ${req.params.captureID}`, { captureID: req.params.captureID });
      const { resultsOffset: offset, resultsLimit: limit } = req.query;
      const results = job.status === 'running' ? [] : await orp.captureJobs.results(job.captureId, offset, limit);
      reply.header('GS1-Capture-Error-Behaviour', job.behaviour);
      return captureJobView(job, { offset, results });
    },
  );

  app.post(
    '/events',
    {
      bodyLimit: limits.fileSizeLimit,
      onRequest: withHeaders,
      schema: {
        summary: 'Capture one EPCIS 2.0 event (JSON-LD or XML) synchronously',
        tags: ['Capture'],
        body: { type: 'string', description: 'one EPCIS 2.0 event, JSON-LD or XML (checked by the EPCIS codec)' },
        response: { 200: capturedEventSchema, 201: capturedEventSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema, 413: errorSchema, 415: errorSchema, 422: errorSchema },
      },
    },
    async (req, reply) => {
      const org = requireOrgRole(req, ...WRITER_ROLES);
      const text = bodyText(req);
      const read = readEpcisEvent(text, detectEpcisFormat(req.headers['content-type'], text));
      if (!read.ok) {
        const problems = read.problems.map(codecProblem);
        throw new OrpailleError('ORP_EPCIS_INVALID', `invalid EPCIS event: ${problems.map((p) => p.detail).join('; ')}`, { problems });
      }
      const [r] = (await captureEvents(orp.append, [read.event], org.uri, 'rollback')).results;
      if (r!.status === 'rejected') {
        const e = r!.error!;
        if (e.code === 'ORP_INTERNAL') throw new Error(e.message);
        throw new OrpailleError(e.code, e.message, e.details);
      }
      const eventId = r!.eventId!;
      // A duplicate is the event already captured: the same answer, 200 instead of 201, so a retry is harmless.
      reply.code(r!.status === 'duplicate' ? 200 : 201).header('Location', `/events/${encodeURIComponent(eventId)}`);
      return { ...read.event, eventID: read.event['eventID'] ?? eventId };
    },
  );
};
