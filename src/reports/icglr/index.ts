export * from './certificate.js';
export * from './labels.js';
