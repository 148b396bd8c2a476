export * from './authorisations.js';
export * from './inspections.js';
export * from './store.js';
