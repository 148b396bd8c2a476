export * from './decisions.js';
export type { GatingStore, FlaggedLot } from './store.js';
