export * from './users.js';
export * from './tokens.js';
export * from './grants.js';
export * from './disclosures.js';
