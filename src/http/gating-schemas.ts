import { SUPPLIER_DECISIONS } from '../diligence/index.js';

/** JSON schemas of the decisions that gate the trade (docs/diligence.md). */

export const supplierDecisionSchema = {
  type: 'object',
  required: ['id', 'organisation', 'supplier', 'decision', 'decidedBy', 'decidedAt', 'reason'],
  properties: {
    id: { type: 'string' },
    organisation: { type: 'string' },
    supplier: { type: 'string' },
    decision: { type: 'string', enum: [...SUPPLIER_DECISIONS] },
    decidedBy: { type: 'string' },
    decidedAt: { type: 'string', format: 'date-time' },
    reason: { type: 'string' },
    planId: { type: 'string' },
    riskRef: { type: 'string' },
    automatic: { type: 'boolean' },
  },
} as const;

export const flaggedLotSchema = {
  type: 'object',
  required: ['lot', 'heldMg', 'fineness', 'status'],
  properties: { lot: { type: 'string' }, site: { type: 'string' }, heldMg: { type: 'integer' }, fineness: { type: 'integer' }, status: { type: 'string' } },
} as const;

export const newDecisionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['supplier', 'decision', 'reason'],
  properties: {
    supplier: { type: 'string', minLength: 1, description: 'Organisation, site or miner: short id or URI' },
    decision: { type: 'string', enum: [...SUPPLIER_DECISIONS] },
    reason: { type: 'string', minLength: 1 },
    decidedBy: { type: 'string', minLength: 1, description: 'Who decided (default: the caller)' },
    decidedAt: { type: 'string', format: 'date-time', description: 'From when it applies (default now)' },
    planId: { type: 'string' },
  },
} as const;

export const decisionRecordedSchema = {
  type: 'object',
  required: ['decision', 'flaggedStock'],
  properties: { decision: supplierDecisionSchema, flaggedStock: { type: 'array', items: flaggedLotSchema } },
} as const;

export const standingSchema = {
  type: 'object',
  required: ['organisation', 'supplier', 'refusesNewLots', 'history', 'flaggedStock'],
  properties: {
    organisation: { type: 'string' },
    supplier: { type: 'string' },
    inForce: supplierDecisionSchema,
    refusesNewLots: { type: 'boolean' },
    history: { type: 'array', items: supplierDecisionSchema },
    flaggedStock: { type: 'array', items: flaggedLotSchema },
  },
} as const;
