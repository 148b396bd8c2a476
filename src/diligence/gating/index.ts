export * from './decisions.js';
export * from './plans.js';
export * from './steps.js';
export type { GatingStore, FlaggedLot, PlanStore, StepStore } from './store.js';
