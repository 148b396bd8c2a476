import { ERROR_STATUS, type ErrorCode } from '../kernel/index.js';
import type { ItemResult, ItemStatus } from '../ledger/index.js';
import type { EpcisFormat, EpcisProblem } from '../epcis/index.js';

/** The `GS1-Capture-Error-Behaviour` of a job: `rollback` writes all or nothing, `proceed` keeps the valid events. */
export type CaptureErrorBehaviour = 'rollback' | 'proceed';
export const CAPTURE_ERROR_BEHAVIOURS: readonly CaptureErrorBehaviour[] = ['rollback', 'proceed'];

/** `succeeded` and `failed` are final; `failed` is the binding's `success: false` (with `proceed`, some events may still be written). */
export type CaptureJobStatus = 'running' | 'succeeded' | 'failed';

/**
 * One entry of a job's `errors`: an RFC 7807 problem as the EPCIS 2.0 REST binding's CaptureJob carries,
 * with Orpaille's members: the event's index in the document, the field's path, the stable ORP_* code.
 */
export interface CaptureProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  event?: number;
  path?: string;
  code?: string;
  details?: Record<string, unknown>;
}

export interface CaptureCounts {
  eventCount: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  rolledBack: number;
}

/** A capture job as stored: who captured what, how, and how it ended. */
export interface CaptureJob extends CaptureCounts {
  captureId: string;
  /** Organisation id of the capturing principal; the job is visible to that organisation only. */
  org: string;
  /** Organisation URI recorded as the recorder of every event. */
  recorder: string;
  behaviour: CaptureErrorBehaviour;
  format: EpcisFormat;
  status: CaptureJobStatus;
  createdAt: number;
  finishedAt?: number;
  errors: CaptureProblem[];
}

/** The per-event result of a job as reported: `eventId` is the CBV 2.0 event hash (absent for rolled-back events). */
export interface EventResult {
  index: number;
  status: ItemStatus;
  eventId?: string;
  error?: ItemResult['error'];
}

export const NO_COUNTS: CaptureCounts = { eventCount: 0, accepted: 0, duplicates: 0, rejected: 0, rolledBack: 0 };

/** Reported problems are capped so a document of 100,000 bad events keeps a readable job; every event keeps its result. */
export const MAX_PROBLEMS = 1000;

const VALIDATION = 'epcisException:ValidationException';
const IMPLEMENTATION = 'epcisException:ImplementationException';

/** A codec problem (which event, which field) as a job error. */
export function codecProblem(p: EpcisProblem): CaptureProblem {
  const where = p.event === undefined ? p.path || 'document' : `event ${p.event}${p.path ? ` (${p.path})` : ''}`;
  return {
    type: VALIDATION,
    title: 'Invalid EPCIS document',
    status: 400,
    detail: `${where}: ${p.message}`,
    ...(p.event === undefined ? {} : { event: p.event }),
    path: p.path,
    code: 'ORP_EPCIS_INVALID',
  };
}

/** A rejected event as a job error, with the rule's code and details. */
export function rejectionProblem(r: ItemResult): CaptureProblem {
  const e = r.error ?? { code: 'ORP_INTERNAL' as const, message: 'rejected', details: {} };
  const status = e.code === 'ORP_INTERNAL' ? 500 : ERROR_STATUS[e.code as ErrorCode];
  return { type: VALIDATION, title: 'Event rejected', status, detail: `event ${r.index}: ${e.message}`, event: r.index, code: e.code, details: e.details };
}

/** A job-level failure (the server stopped, an internal error): nothing of the job was written. */
export function jobFailure(detail: string): CaptureProblem {
  return { type: IMPLEMENTATION, title: 'Capture job failed', status: 500, detail, code: 'ORP_INTERNAL' };
}

/** Caps a problem list, ending it with one problem saying how many more there were. */
export function capped(problems: CaptureProblem[]): CaptureProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const more = problems.length - MAX_PROBLEMS;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    { type: VALIDATION, title: 'More problems', status: 400, detail: `${more} more problems are not listed; every event's result is in the job's results` },
  ];
}
