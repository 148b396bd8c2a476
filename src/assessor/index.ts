export * from './resolve.js';
export * from './risks.js';
