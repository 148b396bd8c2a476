export * from './inputs.js';
export * from './records.js';
export * from './pack.js';
export * from './zip.js';
