import { FIELD_ITEM_KINDS } from '../field/index.js';
import { GENDERS } from '../parties/index.js';
import { errorSchema } from './schemas.js';

/** JSON schemas of the field capture routes (src/http/field.ts). */

export const denials = { 401: errorSchema, 403: errorSchema };
export const inputDenials = { 400: errorSchema, 422: errorSchema, ...denials };

export const siteSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'uri', 'name', 'country', 'icglrId', 'licenceType', 'owner', 'own'],
  properties: {
    id: { type: 'string' },
    uri: { type: 'string' },
    name: { type: 'string' },
    country: { type: 'string', description: 'ISO 3166-1 alpha-2' },
    icglrId: { type: 'string' },
    licenceType: { type: 'string' },
    owner: { type: 'string', description: 'the organisation the site belongs to: its party URI (GS1 Digital Link of its GLN)' },
    own: { type: 'boolean', description: "true for the caller's organisation's own sites; false for a site it may buy from" },
  },
} as const;

export const minerSchema = {
  type: 'object',
  required: ['id', 'uri', 'displayName', 'gender', 'birthYear', 'registeredOn'],
  properties: {
    id: { type: 'string' },
    uri: { type: 'string', description: 'GSRN Digital Link: the only thing of the miner that appears in events' },
    displayName: { type: 'string' },
    gender: { type: 'string', enum: [...GENDERS] },
    birthYear: { type: 'integer' },
    registeredOn: { type: 'string' },
    site: { type: 'string', description: 'mine site URI' },
  },
} as const;

export const minerBody = {
  type: 'object',
  additionalProperties: false,
  required: ['displayName', 'gender', 'birthYear'],
  properties: {
    displayName: { type: 'string', minLength: 1, maxLength: 200 },
    gender: { type: 'string', enum: [...GENDERS] },
    birthYear: { type: 'integer', minimum: 1900, maximum: 2200 },
    registeredOn: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'default today' },
    site: { type: 'string', description: 'URI of one of the organisation’s mine sites' },
  },
} as const;

const jwkSchema = {
  type: 'object',
  required: ['kty', 'crv', 'x', 'y'],
  properties: { kty: { type: 'string', enum: ['EC'] }, crv: { type: 'string', enum: ['P-256'] }, x: { type: 'string' }, y: { type: 'string' } },
} as const;

export const deviceBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'publicKey'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    publicKey: { type: 'object', additionalProperties: true, description: 'ECDSA P-256 public key as a JWK (kty EC, crv P-256, x, y)' },
  },
} as const;

export const deviceSchema = {
  type: 'object',
  required: ['id', 'name', 'number', 'publicKey', 'thumbprint', 'block', 'lotPrefix', 'registeredBy', 'registeredAt', 'identifiers'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    number: { type: 'integer' },
    publicKey: jwkSchema,
    thumbprint: { type: 'string', description: 'RFC 7638 JWK thumbprint, SHA-256, base64url' },
    block: {
      type: 'object',
      required: ['from', 'size'],
      description: 'miner (GSRN) and bag (SSCC) serials this device allocates offline: from .. from + size - 1',
      properties: { from: { type: 'integer' }, size: { type: 'integer' } },
    },
    lotPrefix: { type: 'string', description: 'prefix of the lot and purchase numbers this device makes up' },
    registeredBy: { type: 'string' },
    registeredAt: { type: 'string' },
    revokedAt: { type: 'string' },
    identifiers: {
      type: 'object',
      required: ['organisation', 'companyPrefix', 'lotGtins'],
      description: 'what the device needs to make GS1 identifiers offline',
      properties: { organisation: { type: 'string' }, companyPrefix: { type: 'string' }, lotGtins: { type: 'object', additionalProperties: { type: 'string' } } },
    },
  },
} as const;

export const syncBody = {
  type: 'object',
  additionalProperties: false,
  required: ['device', 'items'],
  properties: {
    device: { type: 'string' },
    items: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['localId', 'kind', 'body', 'signature'],
        properties: {
          localId: { type: 'string', minLength: 1, maxLength: 200 },
          kind: { type: 'string', enum: [...FIELD_ITEM_KINDS] },
          body: { type: 'string', minLength: 2, description: 'the exact JSON text signed: a miner registration or an EPCIS 2.0 JSON-LD document' },
          signature: { type: 'string', description: 'base64url ECDSA P-256 / SHA-256 over the UTF-8 body (r || s)' },
        },
      },
    },
  },
} as const;

export const syncResultSchema = {
  type: 'object',
  required: ['device', 'results'],
  properties: {
    device: { type: 'string' },
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['localId', 'status'],
        properties: {
          localId: { type: 'string' },
          status: { type: 'string', enum: ['accepted', 'duplicate', 'rejected'] },
          eventIds: { type: 'array', items: { type: 'string' } },
          miner: { type: 'object', required: ['id', 'uri'], properties: { id: { type: 'string' }, uri: { type: 'string' } } },
          error: errorSchema,
        },
      },
    },
  },
} as const;
