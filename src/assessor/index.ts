export * from './resolve.js';
export * from './risks.js';
export * from './kyc.js';
export * from './indicators.js';
export * from './craft.js';
