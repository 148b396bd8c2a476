export * from './authorisations.js';
export * from './inspections.js';
export * from './gating.js';
export * from './plans.js';
export * from './steps.js';
