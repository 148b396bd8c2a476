export * from './context.js';
export { eventHash, eventPreHash, documentEventHashes, documentEventPreHashes, documentEvents, type EventHashAlgorithm } from './hash.js';
