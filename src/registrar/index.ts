export * from './authorisations.js';
export * from './inspections.js';
