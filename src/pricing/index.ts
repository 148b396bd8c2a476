export * from './prices.js';
export * from './assays.js';
export * from './settlements.js';
