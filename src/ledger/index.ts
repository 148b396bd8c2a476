export * from './types.js';
export * from './record.js';
export { appendEvents, prepareEvent, type AppendOptions, type LedgerDeps, type PreparedEvent } from './append.js';
export { verifyLedger, checkRecord, type VerifyResult, type VerifyFailure } from './verify.js';
