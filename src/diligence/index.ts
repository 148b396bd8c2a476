export * from './risks.js';
export * from './register.js';
export * from './redflags/index.js';
