export * from './roles.js';
export * from './secrets.js';
export * from './types.js';
export * from './disclosure.js';
