import type { CaptureJob, EventResult } from './job.js';

/** A page of a job's per-event results. */
export interface ResultsPage {
  offset: number;
  results: EventResult[];
}

/**
 * A job as the EPCIS 2.0 REST binding's CaptureJob (captureID, createdAt, finishedAt, running, success,
 * captureErrorBehaviour, errors) plus Orpaille's counts and, when given, a page of per-event results.
 */
export function captureJobView(job: CaptureJob, page?: ResultsPage): Record<string, unknown> {
  return {
    captureID: job.captureId,
    createdAt: new Date(job.createdAt).toISOString(),
    ...(job.finishedAt === undefined ? {} : { finishedAt: new Date(job.finishedAt).toISOString() }),
    running: job.status === 'running',
    success: job.status !== 'failed',
    captureErrorBehaviour: job.behaviour,
    errors: job.errors,
    format: job.format,
    eventCount: job.eventCount,
    accepted: job.accepted,
    duplicates: job.duplicates,
    rejected: job.rejected,
    rolledBack: job.rolledBack,
    ...(page ? { resultsOffset: page.offset, results: page.results } : {}),
  };
}
