export * from './types.js';
export * from './rules.js';
export * from './areas.js';
export * from './incidents.js';
export { scanEvents } from './engine.js';
export { scanMiners } from './rule-miner-age.js';
export { TagTracker, tagHits, tagStockHits, type TagFacts } from './rule-tags.js';
