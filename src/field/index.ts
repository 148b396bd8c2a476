export * from './types.js';
export * from './blocks.js';
export * from './keys.js';
export * from './miners.js';
export * from './sync.js';
