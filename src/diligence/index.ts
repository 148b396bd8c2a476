export * from './redflags/index.js';
