export * from './risks.js';
export * from './register.js';
export * from './kyc.js';
export * from './indicators.js';
export * from './redflags/index.js';
