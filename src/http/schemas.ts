/** JSON schemas shared by routes (responses are validated/serialised by Fastify with these). */

export const errorSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
  },
} as const;

export const lotSchema = {
  type: 'object',
  required: ['id', 'lotNumber', 'form', 'grossGrams', 'heldGrams', 'fineness', 'fineGoldGrams', 'custodian', 'owner', 'status', 'cocModel', 'createdAt', 'lastEventAt'],
  properties: {
    id: { type: 'string' },
    lotNumber: { type: 'string' },
    form: { type: 'string' },
    grossGrams: { type: 'string' },
    heldGrams: { type: 'string' },
    fineness: { type: 'string' },
    fineGoldGrams: { type: 'string' },
    custodian: { type: 'string' },
    owner: { type: 'string' },
    status: { type: 'string' },
    inTransitTo: { type: 'string' },
    bag: { type: 'string' },
    site: { type: 'string' },
    tag: { type: 'string' },
    seal: { type: 'string' },
    cocModel: { type: 'string' },
    scheme: { type: 'string' },
    assay: {
      type: 'object',
      required: ['method', 'date'],
      properties: { method: { type: 'string' }, lab: { type: 'string' }, date: { type: 'string' }, sampleId: { type: 'string' } },
    },
    createdAt: { type: 'string' },
    lastEventAt: { type: 'string' },
  },
} as const;

export const depthListSchema = {
  type: 'array',
  items: { type: 'object', required: ['lot', 'depth'], properties: { lot: { type: 'string' }, depth: { type: 'integer' }, form: { type: 'string' }, site: { type: 'string', description: 'mine site of a production lot' } } },
} as const;

export const traceSchema = {
  type: 'object',
  required: ['direction'],
  properties: {
    direction: { type: 'string', enum: ['backward', 'forward'] },
    lot: { type: 'string' },
    from: { type: 'string' },
    fineGoldGrams: { type: 'string' },
    origins: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          site: { type: 'string' },
          siteName: { type: 'string' },
          country: { type: 'string' },
          sharePercent: { type: 'number' },
          fineGoldGrams: { type: 'string' },
          productionLots: { type: 'integer' },
        },
      },
    },
    unknownSharePercent: { type: 'number' },
    ancestors: depthListSchema,
    descendants: depthListSchema,
    edges: {
      type: 'array',
      description: 'genealogy edges among the traced lots: `input` went into `output`',
      items: { type: 'object', required: ['input', 'output'], properties: { input: { type: 'string' }, output: { type: 'string' } } },
    },
  },
} as const;

export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } as const;

/** An EPCIS 2.0 document (JSON-LD); events are passed through as stored. */
export const epcisDocumentSchema = {
  type: 'object',
  additionalProperties: true,
  required: ['@context', 'type', 'schemaVersion', 'creationDate', 'epcisBody'],
  properties: { type: { type: 'string' }, schemaVersion: { type: 'string' }, creationDate: { type: 'string' } },
} as const;
