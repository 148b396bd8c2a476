import { STEP_STATUSES, SUPPLIER_DECISIONS, TARGET_DIRECTIONS } from '../diligence/index.js';

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

/** Why a lot is flagged: a suspension or disengagement in force of the supplier it came from. */
export const lotFlagSchema = {
  type: 'object',
  required: ['organisation', 'supplier', 'decision', 'decidedBy', 'decidedAt', 'reason'],
  properties: {
    organisation: { type: 'string' },
    supplier: { type: 'string' },
    decision: { type: 'string', enum: ['suspend', 'disengage'] },
    decidedBy: { type: 'string' },
    decidedAt: { type: 'string', format: 'date-time' },
    reason: { type: 'string' },
  },
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

const measureSchema = {
  type: 'object',
  required: ['id', 'description', 'indicator', 'baseline', 'target', 'direction'],
  properties: {
    id: { type: 'string' },
    description: { type: 'string' },
    indicator: { type: 'string' },
    baseline: { type: 'number' },
    target: { type: 'number' },
    direction: { type: 'string', enum: [...TARGET_DIRECTIONS] },
    risk: { type: 'string' },
  },
} as const;

const progressSchema = {
  type: 'object',
  required: ['measure', 'reportedOn', 'value', 'reportedBy'],
  properties: { measure: { type: 'string' }, reportedOn: { type: 'string' }, value: { type: 'number' }, reportedBy: { type: 'string' }, note: { type: 'string' } },
} as const;

export const planSchema = {
  type: 'object',
  required: ['id', 'organisation', 'supplier', 'adoptedOn', 'deadline', 'deadlineRule', 'createdBy', 'measures', 'progress', 'review'],
  properties: {
    id: { type: 'string' },
    organisation: { type: 'string' },
    supplier: { type: 'string' },
    adoptedOn: { type: 'string' },
    deadline: { type: 'string' },
    deadlineRule: {
      type: 'object',
      required: ['rule', 'key', 'effectiveFrom', 'source', 'months'],
      properties: { rule: { type: 'string' }, key: { type: 'string' }, effectiveFrom: { type: 'string' }, source: { type: 'string' }, months: { type: 'integer' } },
    },
    createdBy: { type: 'string' },
    measures: { type: 'array', items: measureSchema },
    progress: { type: 'array', items: progressSchema },
    review: {
      type: 'object',
      required: ['on', 'status', 'deadline', 'daysLeft', 'measures', 'explanation'],
      properties: {
        on: { type: 'string' },
        status: { type: 'string', enum: ['in_progress', 'targets_met', 'decision_due'] },
        deadline: { type: 'string' },
        daysLeft: { type: 'integer' },
        explanation: { type: 'string' },
        measures: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'indicator', 'baseline', 'target', 'direction', 'improved', 'met'],
            properties: {
              id: { type: 'string' },
              indicator: { type: 'string' },
              baseline: { type: 'number' },
              target: { type: 'number' },
              direction: { type: 'string' },
              latest: progressSchema,
              improved: { type: 'boolean' },
              met: { type: 'boolean' },
            },
          },
        },
      },
    },
  },
} as const;

export const newPlanSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['supplier', 'measures'],
  properties: {
    id: { type: 'string', minLength: 1 },
    supplier: { type: 'string', minLength: 1 },
    adoptedOn: { type: 'string', description: 'YYYY-MM-DD (default today)' },
    createdBy: { type: 'string', minLength: 1 },
    measures: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['description', 'indicator', 'baseline', 'target', 'direction'],
        properties: { ...measureSchema.properties },
      },
    },
  },
} as const;

export const newProgressSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['measure', 'value'],
  properties: { measure: { type: 'string', minLength: 1 }, value: { type: 'number' }, reportedBy: { type: 'string', minLength: 1 }, reportedOn: { type: 'string' }, note: { type: 'string' } },
} as const;

export const checklistSchema = {
  type: 'object',
  required: ['on', 'version', 'steps', 'complete'],
  properties: {
    on: { type: 'string' },
    version: { type: 'string' },
    complete: { type: 'boolean' },
    steps: {
      type: 'array',
      items: {
        type: 'object',
        required: ['step', 'complete', 'items'],
        properties: {
          step: { type: 'integer' },
          complete: { type: 'boolean' },
          items: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'step', 'title', 'status', 'evidence'],
              properties: {
                id: { type: 'string' },
                step: { type: 'integer' },
                title: { type: 'string' },
                status: { type: 'string', enum: [...STEP_STATUSES] },
                evidence: { type: 'array', items: { type: 'string' } },
                note: { type: 'string' },
                updatedBy: { type: 'string' },
                updatedOn: { type: 'string' },
              },
            },
          },
        },
      },
    },
  },
} as const;

export const newStepSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['item', 'status'],
  properties: {
    item: { type: 'string', minLength: 1 },
    status: { type: 'string', enum: [...STEP_STATUSES] },
    evidence: { type: 'array', items: { type: 'string', minLength: 1 } },
    note: { type: 'string' },
    updatedBy: { type: 'string', minLength: 1 },
    updatedOn: { type: 'string', description: 'YYYY-MM-DD (default today)' },
  },
} as const;
