export * from './authorisations.js';
