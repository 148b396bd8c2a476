export * from './risks.js';
export * from './register.js';
