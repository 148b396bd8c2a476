export * from './types.js';
export * from './record.js';
export { captureEntry, pendingCaptureEntry, readPendingGold } from './entry.js';
export { appendEvents, type AppendOptions, type LedgerDeps } from './append.js';
export { prepareEvent, errorOf, type PreparedEvent } from './prepare.js';
export { verifyLedger, checkRecord, type VerifyResult, type VerifyFailure } from './verify.js';
