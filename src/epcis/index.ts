export * from './context.js';
export { eventHash, eventPreHash, documentEventHashes, documentEventPreHashes, documentEvents, type EventHashAlgorithm } from './hash.js';
export { eventIndex, eventPrefixes, expandCurie, numericValue, type EventIndex, type EpcRole, type FieldRow, type FieldScope } from './event-index.js';
export {
  parseEventQuery,
  perPageOf,
  queryInvalid,
  ALL_EPC_ROLES,
  EVENT_TYPES,
  MAX_PER_PAGE,
  type EventQuery,
  type EventType,
  type EpcMatch,
  type FieldCondition,
  type ParsedEventQuery,
  type QueryParams,
  type TypedIdCondition,
} from './query.js';
