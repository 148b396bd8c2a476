export * from './types.js';
export * from './site.js';
export * from './identifiers.js';
