export * from './context.js';
export { prepareSchemaValidators } from './json-schema.js';
export { eventHash, eventPreHash, documentEventHashes, documentEventPreHashes, documentEvents, type EventHashAlgorithm } from './hash.js';
export {
  detectEpcisFormat,
  readEpcisDocument,
  readEpcisEvent,
  writeEpcisDocument,
  xmlDocumentEventHashes,
  type EpcisDocumentRead,
  type EpcisFormat,
  type EpcisProblem,
  type NormalisedEvent,
  type WriteOptions,
} from './codec.js';
export { canonicalIdentifier, digitalLinkToEpcUri, epcUriToDigitalLink } from './digital-link.js';
export { eventIndex, eventPrefixes, expandCurie, numericValue, type EventIndex, type EpcRole, type FieldRow, type FieldScope } from './event-index.js';
export {
  parseEventQuery,
  andQueries,
  matchesNothing,
  isPageParam,
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
export { encodePageToken, decodePageToken, sameParams, type PageToken } from './query-token.js';
