export * from './errors.js';
export * from './units.js';
export * from './canonical-json.js';
export * from './clock.js';
export * from './gs1.js';
export * from './ids.js';
export * from './iso-codes.js';
export * from './money.js';
