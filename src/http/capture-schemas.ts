/** JSON schemas of the capture routes (src/http/capture.ts). */

const problemSchema = {
  type: 'object',
  required: ['type', 'title'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    event: { type: 'integer', description: 'index of the event in the document' },
    path: { type: 'string' },
    code: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
  },
} as const;

const eventResultSchema = {
  type: 'object',
  required: ['index', 'status'],
  properties: {
    index: { type: 'integer' },
    status: { type: 'string', enum: ['accepted', 'duplicate', 'rejected', 'rolled_back'] },
    eventId: { type: 'string', description: 'CBV 2.0 event hash, the ledger id of the event' },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object', additionalProperties: true } },
    },
  },
} as const;

/** The binding's CaptureJob plus Orpaille's counts and a page of per-event results. */
export const captureJobSchema = {
  type: 'object',
  required: ['captureID', 'createdAt', 'running', 'success', 'captureErrorBehaviour', 'errors'],
  properties: {
    captureID: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    running: { type: 'boolean' },
    success: { type: 'boolean' },
    captureErrorBehaviour: { type: 'string', enum: ['rollback', 'proceed'] },
    errors: { type: 'array', items: problemSchema },
    format: { type: 'string', enum: ['json', 'xml'] },
    eventCount: { type: 'integer' },
    accepted: { type: 'integer' },
    duplicates: { type: 'integer' },
    rejected: { type: 'integer' },
    rolledBack: { type: 'integer' },
    resultsOffset: { type: 'integer' },
    results: { type: 'array', items: eventResultSchema },
  },
} as const;

export const jobListSchema = { type: 'array', items: captureJobSchema } as const;

export const captureJobsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    perPage: { type: 'integer', minimum: 1, maximum: 1000, default: 30 },
    nextPageToken: { type: 'string' },
  },
} as const;

export const captureJobQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    resultsOffset: { type: 'integer', minimum: 0, default: 0 },
    resultsLimit: { type: 'integer', minimum: 1, maximum: 10_000, default: 1000 },
  },
} as const;

/** The captured event as stored (normalised), with its eventID (the CBV 2.0 hash when it came without one). */
export const capturedEventSchema = { type: 'object', required: ['type', 'eventID'], additionalProperties: true, properties: { type: { type: 'string' }, eventID: { type: 'string' } } } as const;
