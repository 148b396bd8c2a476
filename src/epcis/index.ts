export * from './context.js';
export { eventHash, eventPreHash, documentEventHashes, documentEventPreHashes, documentEvents, type EventHashAlgorithm } from './hash.js';
export { eventIndex, eventPrefixes, expandCurie, numericValue, type EventIndex, type EpcRole, type FieldRow, type FieldScope } from './event-index.js';
