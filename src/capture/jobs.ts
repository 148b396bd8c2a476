import type { Clock } from '../kernel/index.js';
import { captureEvents, type AppendEntries } from './capture.js';
import type { NormalisedEvent } from '../epcis/index.js';
import { jobFailure, NO_COUNTS, type CaptureCounts, type CaptureJob, type CaptureJobStatus, type CaptureProblem } from './job.js';
import { compactResults, type ResultRun } from './results.js';

/** How a job ended, as written to its row once. */
export interface JobEnd extends CaptureCounts {
  status: Exclude<CaptureJobStatus, 'running'>;
  finishedAt: number;
  errors: CaptureProblem[];
  results: ResultRun[];
}

/** What the job runner needs of the store (src/store/capture-jobs.ts implements it). */
export interface CaptureJobWriter {
  create(job: CaptureJob): Promise<void>;
  finish(captureId: string, end: JobEnd): Promise<void>;
}

/** The message of a job found running at start: the ledger writes a job in one transaction, so none of it was written. */
export const INTERRUPTED = 'interrupted; nothing written (the server stopped while the job was running)';

/**
 * Runs a created job to its end: captures its events through the ledger and records the outcome. Never
 * throws: an unexpected failure ends the job as failed (the ledger's transaction rolled back).
 */
export async function runCaptureJob(
  deps: { append: AppendEntries; jobs: CaptureJobWriter; clock: Clock },
  job: CaptureJob,
  events: readonly NormalisedEvent[],
): Promise<void> {
  let end: JobEnd;
  try {
    const o = await captureEvents(deps.append, events, job.recorder, job.behaviour);
    const { committed: _, results, problems, ...counts } = o;
    end = { ...counts, status: problems.length === 0 ? 'succeeded' : 'failed', finishedAt: deps.clock.now().getTime(), errors: problems, results: compactResults(results) };
  } catch (err) {
    const detail = `nothing written: ${err instanceof Error ? err.message : String(err)}`;
    const n = job.eventCount;
    end = {
      ...NO_COUNTS,
      eventCount: n,
      rolledBack: n,
      status: 'failed',
      finishedAt: deps.clock.now().getTime(),
      errors: [jobFailure(detail)],
      results: n > 0 ? [{ status: 'rolled_back', from: 0, count: n }] : [],
    };
  }
  await deps.jobs.finish(job.captureId, end);
}
