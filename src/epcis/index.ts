export * from './context.js';
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
