export * from './gating/index.js';
