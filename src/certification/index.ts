export * from './authorisations.js';
export * from './inspections.js';
export * from './store.js';
export * from './rules.js';
export * from './quote.js';
