import { CRAFT_ANSWERS, CRAFT_RESULTS, CRAFT_STAGES, EVIDENCE_KINDS, MERCURY_FREE_METHODS, MERCURY_PRACTICES, RESPONSE_CLASSES, RISK_FAMILIES, RISK_IDS, RISK_STATUSES, SUPPLY_TYPES, WATCHLIST_OUTCOMES } from '../diligence/index.js';

/** JSON schemas of the due-diligence assessment routes (src/http/assessments.ts). */

const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const text = { type: 'string', minLength: 1, maxLength: 2000 } as const;
const count = { type: 'integer', minimum: 0 } as const;

export const evidenceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reference'],
  properties: { kind: { type: 'string', enum: [...EVIDENCE_KINDS] }, reference: text, description: text },
} as const;
const evidenceList = { type: 'array', items: evidenceSchema, maxItems: 100 } as const;

export const riskDefinitionSchema = {
  type: 'object',
  required: ['id', 'family', 'title', 'covers', 'response', 'craftModule', 'source', 'confidence'],
  properties: {
    id: { type: 'string' },
    family: { type: 'string', enum: [...RISK_FAMILIES] },
    title: { type: 'string' },
    covers: { type: 'string' },
    response: { type: 'string', enum: [...RESPONSE_CLASSES] },
    craftModule: { type: 'integer' },
    source: { type: 'string' },
    confidence: { type: 'string' },
  },
} as const;

export const riskModelSchema = {
  type: 'object',
  required: ['version', 'effectiveFrom', 'risks'],
  properties: { version: { type: 'string' }, effectiveFrom: { type: 'string' }, risks: { type: 'array', items: riskDefinitionSchema } },
} as const;

export const riskEntrySchema = {
  type: 'object',
  required: ['id', 'owner', 'subject', 'risk', 'catalogueVersion', 'observedOn', 'source', 'evidence', 'recordedBy', 'history', 'status', 'definition'],
  properties: {
    id: { type: 'string' },
    owner: { type: 'string' },
    subject: { type: 'object', required: ['kind', 'uri'], properties: { kind: { type: 'string', enum: ['supplier', 'site'] }, uri: { type: 'string' } } },
    risk: { type: 'string', enum: [...RISK_IDS] },
    catalogueVersion: { type: 'string' },
    observedOn: { type: 'string' },
    source: { type: 'string' },
    evidence: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string' }, reference: { type: 'string' }, description: { type: 'string' } } } },
    note: { type: 'string' },
    recordedBy: { type: 'string' },
    history: {
      type: 'array',
      items: { type: 'object', required: ['status', 'on', 'by'], properties: { status: { type: 'string' }, on: { type: 'string' }, by: { type: 'string' }, reason: { type: 'string' } } },
    },
    status: { type: 'string', enum: [...RISK_STATUSES] },
    definition: riskDefinitionSchema,
  },
} as const;

export const newRiskSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['risk', 'source', 'recordedBy'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200 },
    supplier: { type: 'string', description: 'organisation id or URI (give supplier or site)' },
    site: { type: 'string', description: 'mine site id, URI or ICGLR id' },
    risk: { type: 'string', enum: [...RISK_IDS] },
    observedOn: date,
    source: text,
    evidence: evidenceList,
    note: text,
    recordedBy: text,
    status: { type: 'string', enum: [...RISK_STATUSES] },
  },
} as const;

export const riskChangeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'by'],
  properties: { status: { type: 'string', enum: [...RISK_STATUSES] }, on: date, by: text, reason: text },
} as const;

export const kycRecordSchema = { type: 'object', required: ['id', 'kind', 'owner', 'supplier'], additionalProperties: true, properties: { id: { type: 'string' }, kind: { type: 'string' }, owner: { type: 'string' }, supplier: { type: 'string' } } } as const;

export const newKycSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'supplier', 'recordedBy'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200 },
    kind: { type: 'string', enum: ['beneficial_owner', 'licence', 'watchlist_hit'] },
    supplier: { type: 'string' },
    recordedBy: text,
    evidence: evidenceList,
    name: text,
    sharePercent: { type: 'string', pattern: '^\\d{1,3}(\\.\\d{1,2})?$', description: 'beneficial owner: share in percent ("12.5")' },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    identifiedOn: date,
    licenceType: text,
    number: text,
    issuer: text,
    validFrom: date,
    validUntil: date,
    list: text,
    matchedName: text,
    checkedOn: date,
    outcome: { type: 'string', enum: [...WATCHLIST_OUTCOMES] },
    checkedBy: text,
    note: text,
  },
} as const;

export const kycStandingSchema = {
  type: 'object',
  required: ['supplier', 'date', 'supply', 'threshold', 'beneficialOwners', 'licences', 'watchlist', 'gaps', 'complete', 'records'],
  properties: {
    supplier: { type: 'string' },
    date: { type: 'string' },
    supply: { type: 'string', enum: [...SUPPLY_TYPES] },
    threshold: { type: 'object', properties: { basisPoints: { type: 'integer' }, source: { type: 'string' } } },
    beneficialOwners: { type: 'array', items: kycRecordSchema },
    licences: { type: 'array', items: { type: 'object', properties: { licence: kycRecordSchema, valid: { type: 'boolean' } } } },
    watchlist: {
      type: 'object',
      properties: { pending: { type: 'array', items: kycRecordSchema }, trueMatches: { type: 'array', items: kycRecordSchema }, falsePositives: { type: 'integer' } },
    },
    gaps: { type: 'array', items: { type: 'string' } },
    complete: { type: 'boolean' },
    records: { type: 'array', items: kycRecordSchema },
  },
} as const;

const indicatorProperties = {
  id: { type: 'string' },
  owner: { type: 'string' },
  site: { type: 'string' },
  periodFrom: { type: 'string' },
  periodTo: { type: 'string' },
  mercuryUsedMg: { type: 'integer' },
  mercuryRecoveredMg: { type: 'integer' },
  goldProducedMg: { type: 'integer' },
  practicesObserved: { type: 'array', items: { type: 'string' } },
  retortsInUse: { type: 'integer' },
  fumeHoodsInUse: { type: 'integer' },
  mercuryFreeMethods: { type: 'array', items: { type: 'string' } },
  womenExposed: { type: 'integer' },
  childrenExposed: { type: 'integer' },
  trainingSessions: { type: 'integer' },
  peopleTrained: { type: 'integer' },
  source: { type: 'string' },
  recordedBy: { type: 'string' },
  hgAuRatio: { type: 'string', description: 'mercury used per gold produced, two decimals' },
} as const;

export const indicatorsSchema = { type: 'object', required: ['id', 'owner', 'site', 'periodFrom', 'periodTo'], properties: indicatorProperties } as const;

export const indicatorSeriesSchema = {
  type: 'object',
  required: ['site', 'points', 'practicesInLastPeriod'],
  properties: {
    site: { type: 'string' },
    points: { type: 'array', items: indicatorsSchema },
    trend: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, improving: { type: 'boolean' } } },
    practicesInLastPeriod: { type: 'array', items: { type: 'string' } },
  },
} as const;

const grams = { type: 'string', pattern: '^\\d+(\\.\\d{1,3})?$' } as const;

export const newIndicatorsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['periodFrom', 'periodTo', 'source', 'recordedBy'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200 },
    periodFrom: date,
    periodTo: date,
    mercuryUsedGrams: grams,
    mercuryRecoveredGrams: grams,
    goldProducedGrams: grams,
    practicesObserved: { type: 'array', items: { type: 'string', enum: [...MERCURY_PRACTICES] } },
    retortsInUse: count,
    fumeHoodsInUse: count,
    mercuryFreeMethods: { type: 'array', items: { type: 'string', enum: [...MERCURY_FREE_METHODS] } },
    womenExposed: count,
    childrenExposed: count,
    trainingSessions: count,
    peopleTrained: count,
    source: text,
    recordedBy: text,
  },
} as const;

const craftAnswerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['criterion', 'answer'],
  properties: { criterion: { type: 'string', maxLength: 20 }, answer: { type: 'string', enum: [...CRAFT_ANSWERS] }, evidence: evidenceList, comment: text },
} as const;
const craftAnswers = { type: 'array', items: craftAnswerSchema, maxItems: 500 } as const;

export const craftSchema = {
  type: 'object',
  required: ['id', 'producer', 'buyer', 'questionnaireVersion', 'assessedOn', 'stage', 'answers', 'submittedBy', 'results'],
  properties: {
    id: { type: 'string' },
    producer: { type: 'string' },
    buyer: { type: 'string' },
    questionnaireVersion: { type: 'string' },
    assessedOn: { type: 'string' },
    stage: { type: 'string', enum: [...CRAFT_STAGES] },
    answers: { type: 'array', items: { type: 'object', additionalProperties: true } },
    submittedBy: { type: 'string' },
    review: { type: 'object', additionalProperties: true },
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['module', 'topic', 'result', 'criteria'],
        properties: {
          module: { type: 'integer' },
          topic: { type: 'string' },
          result: { type: 'string', enum: [...CRAFT_RESULTS] },
          response: { type: 'string' },
          criteria: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, answer: { type: 'string' }, reviewed: { type: 'boolean' } } } },
        },
      },
    },
  },
} as const;

export const craftQuestionnaireSchema = {
  type: 'object',
  required: ['version', 'effectiveFrom', 'riskModel', 'source', 'criteria'],
  properties: {
    version: { type: 'string' },
    effectiveFrom: { type: 'string' },
    riskModel: { type: 'string', description: 'the risk-model version its topics refer to' },
    source: { type: 'string' },
    criteria: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'module', 'topic', 'text'],
        properties: { id: { type: 'string' }, module: { type: 'integer' }, topic: { type: 'string' }, text: { type: 'string' } },
      },
    },
  },
} as const;

export const newCraftSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['buyer', 'submittedBy', 'answers'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 }, buyer: { type: 'string' }, assessedOn: date, submittedBy: text, answers: craftAnswers },
} as const;

export const craftReviewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reviewedBy', 'answers'],
  properties: { reviewedOn: date, reviewedBy: text, answers: craftAnswers },
} as const;
