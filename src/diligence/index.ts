export * from './risks.js';
export * from './register.js';
export * from './gating/index.js';
export * from './kyc.js';
export * from './indicators.js';
export * from './craft.js';
export * from './redflags/index.js';
export * from './evidence.js';
