export * from './types.js';
export * from './serials.js';
export * from './stock.js';
export { tagUsesOf } from './uses.js';
export * from './registry.js';
