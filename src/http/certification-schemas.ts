import { AUTHORISATION_KINDS, AUTHORISATION_STATUSES, ICGLR_STATUSES, RMAP_STATUSES, SCHEMES } from '../certification/index.js';

/** JSON schemas of the certification registry routes (src/http/certification.ts). */

const strings = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 500 }, maxItems: 10_000 } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

const scopeProperties = {
  sites: strings,
  products: strings,
  activities: strings,
  ecological: { type: 'boolean' },
  firstAuthorisedBuyer: { type: 'boolean' },
  suppliers: strings,
  assessmentCycleYears: { type: 'integer', enum: [1, 2, 3] },
  lastAssessedOn: date,
  rmapStatus: { type: 'string', enum: [...RMAP_STATUSES] },
} as const;

export const authorisationSchema = {
  type: 'object',
  required: ['id', 'kind', 'scheme', 'holder', 'issuer', 'scope', 'issuedOn', 'validUntil', 'statusChanges', 'standing'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: [...AUTHORISATION_KINDS] },
    scheme: { type: 'string', enum: [...SCHEMES] },
    holder: { type: 'string' },
    issuer: { type: 'string' },
    scope: { type: 'object', properties: scopeProperties },
    issuedOn: { type: 'string' },
    validUntil: { type: 'string', description: 'last valid day (inclusive)' },
    nextAssessmentDue: { type: 'string', description: 'RMAP: last assessment + cycle' },
    statusChanges: {
      type: 'array',
      items: { type: 'object', required: ['status', 'from'], properties: { status: { type: 'string' }, from: { type: 'string' }, reason: { type: 'string' } } },
    },
    standing: {
      type: 'object',
      required: ['on', 'status', 'valid', 'since'],
      properties: {
        on: { type: 'string' },
        status: { type: 'string', enum: [...AUTHORISATION_STATUSES, 'expired', 'not_yet_valid'] },
        valid: { type: 'boolean' },
        since: { type: 'string' },
      },
    },
  },
} as const;

export const newAuthorisationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'scheme', 'holder', 'issuedOn'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200, description: 'certificate number (default: generated)' },
    kind: { type: 'string', enum: [...AUTHORISATION_KINDS] },
    scheme: { type: 'string', enum: [...SCHEMES] },
    holder: { type: 'string', description: 'organisation id or URI' },
    issuer: { type: 'string', description: "organisation id or URI; default the caller's organisation" },
    issuedOn: date,
    validUntil: { ...date, description: 'last valid day; RMAP: defaults to the next assessment date' },
    scope: { type: 'object', additionalProperties: false, properties: scopeProperties },
  },
} as const;

export const statusChangeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: {
    status: { type: 'string', enum: [...AUTHORISATION_STATUSES], description: 'suspended, active (reinstate) or withdrawn' },
    from: { ...date, description: 'first day it applies, today or later (default today)' },
    reason: { type: 'string', maxLength: 2000 },
  },
} as const;

/** A credential is passed through whole: any member may be signed. */
export const credentialSchema = { type: 'object', additionalProperties: true, description: 'W3C Verifiable Credential (VC Data Model 2.0) with an eddsa-jcs-2022 Data Integrity proof' } as const;

export const credentialVerdictSchema = {
  type: 'object',
  required: ['valid', 'problems'],
  properties: {
    valid: { type: 'boolean' },
    problems: { type: 'array', items: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
    id: { type: 'string' },
    issuer: { type: 'string' },
    issuerParty: { type: 'string' },
    subject: { type: 'string' },
    validFrom: { type: 'string' },
    validUntil: { type: 'string' },
  },
} as const;

const inspectionProperties = {
  id: { type: 'string' },
  site: { type: 'string' },
  date: { type: 'string' },
  status: { type: 'integer', minimum: 0, maximum: 3, description: '0 blue, 1 green, 2 yellow, 3 red' },
  report: { type: 'string' },
  purpose: { type: 'string' },
  inspector: { type: 'string' },
  agency: { type: 'string' },
} as const;

export const inspectionSchema = { type: 'object', required: ['id', 'site', 'date', 'status', 'inspector', 'agency'], properties: inspectionProperties } as const;

export const newInspectionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['date', 'status', 'inspector', 'agency'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200 },
    date,
    status: { anyOf: [{ type: 'integer', minimum: 0, maximum: 3 }, { type: 'string', enum: [...ICGLR_STATUSES] }], description: 'ICGLR code 0-3 or blue, green, yellow, red' },
    report: { type: 'string', maxLength: 2000 },
    purpose: { type: 'string', maxLength: 2000 },
    inspector: { type: 'string', minLength: 1, maxLength: 500 },
    agency: { type: 'string', minLength: 1, maxLength: 500 },
  },
} as const;

export const siteStatusSchema = {
  type: 'object',
  required: ['status', 'inspections'],
  properties: {
    status: {
      type: 'object',
      required: ['site', 'date', 'status', 'code', 'exportAllowed', 'reason'],
      properties: {
        site: { type: 'string' },
        date: { type: 'string' },
        status: { type: 'string', enum: [...ICGLR_STATUSES] },
        code: { type: 'integer' },
        since: { type: 'string' },
        until: { type: 'string' },
        inspection: { type: 'string' },
        exportAllowed: { type: 'boolean' },
        reason: { type: 'string' },
      },
    },
    inspections: { type: 'array', items: inspectionSchema },
  },
} as const;
