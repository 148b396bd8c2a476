export * from './risks.js';
export * from './register.js';
export * from './gating/index.js';
