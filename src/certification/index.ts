export * from './authorisations.js';
export * from './rules.js';
export * from './quote.js';
