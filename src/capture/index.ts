export * from './job.js';
export * from './results.js';
export * from './limits.js';
export { captureEvents, countsOf, appendMode, type AppendEntries, type CaptureOutcome } from './capture.js';
export { runCaptureJob, INTERRUPTED, type CaptureJobWriter, type JobEnd } from './jobs.js';
export { captureJobView, type ResultsPage } from './view.js';
