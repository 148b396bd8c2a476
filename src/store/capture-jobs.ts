import type { Selectable } from 'kysely';
import { resultsPage, seqRange, type CaptureJob, type CaptureJobWriter, type CaptureProblem, type EventResult, type JobEnd, type ResultRun } from '../capture/index.js';
import type { Db } from './db.js';

/** The table of migration 0004_capture_jobs (kept apart from schema.ts; used through `withTables`). */
export interface CaptureJobsTable {
  capture_id: string;
  org_id: string;
  recorder: string;
  error_behaviour: string;
  format: string;
  status: string;
  event_count: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  rolled_back: number;
  created_at: number;
  finished_at: number | null;
  errors: string;
  results: string | null;
}

type Row = Omit<Selectable<CaptureJobsTable>, 'results'>;
const JOB_COLUMNS = [
  'capture_id',
  'org_id',
  'recorder',
  'error_behaviour',
  'format',
  'status',
  'event_count',
  'accepted',
  'duplicates',
  'rejected',
  'rolled_back',
  'created_at',
  'finished_at',
  'errors',
] as const;

function jobFromRow(r: Row): CaptureJob {
  const job: CaptureJob = {
    captureId: r.capture_id,
    org: r.org_id,
    recorder: r.recorder,
    behaviour: r.error_behaviour as CaptureJob['behaviour'],
    format: r.format as CaptureJob['format'],
    status: r.status as CaptureJob['status'],
    eventCount: Number(r.event_count),
    accepted: Number(r.accepted),
    duplicates: Number(r.duplicates),
    rejected: Number(r.rejected),
    rolledBack: Number(r.rolled_back),
    createdAt: Number(r.created_at),
    errors: JSON.parse(r.errors) as CaptureProblem[],
  };
  if (r.finished_at !== null) job.finishedAt = Number(r.finished_at);
  return job;
}

/** A position in an organisation's job list, newest first. */
export interface JobCursor {
  createdAt: number;
  captureId: string;
}

export type CaptureJobStore = ReturnType<typeof captureJobStore>;

/** Capture jobs: created running, finished once, read by their organisation only. */
export function captureJobStore(db: Db) {
  const k = db.kysely.withTables<{ capture_jobs: CaptureJobsTable }>();
  const store = {
    async create(job: CaptureJob): Promise<void> {
      await k
        .insertInto('capture_jobs')
        .values({
          capture_id: job.captureId,
          org_id: job.org,
          recorder: job.recorder,
          error_behaviour: job.behaviour,
          format: job.format,
          status: job.status,
          event_count: job.eventCount,
          accepted: job.accepted,
          duplicates: job.duplicates,
          rejected: job.rejected,
          rolled_back: job.rolledBack,
          created_at: job.createdAt,
          finished_at: job.finishedAt ?? null,
          errors: JSON.stringify(job.errors),
          results: null,
        })
        .execute();
    },

    async finish(captureId: string, end: JobEnd): Promise<void> {
      await k
        .updateTable('capture_jobs')
        .set({
          status: end.status,
          event_count: end.eventCount,
          accepted: end.accepted,
          duplicates: end.duplicates,
          rejected: end.rejected,
          rolled_back: end.rolledBack,
          finished_at: end.finishedAt,
          errors: JSON.stringify(end.errors),
          results: JSON.stringify(end.results),
        })
        .where('capture_id', '=', captureId)
        .execute();
    },

    /** A job of the organisation `org`, or undefined (also when it belongs to another organisation). */
    async job(captureId: string, org: string): Promise<CaptureJob | undefined> {
      const r = await k.selectFrom('capture_jobs').select(JOB_COLUMNS).where('capture_id', '=', captureId).where('org_id', '=', org).executeTakeFirst();
      return r ? jobFromRow(r) : undefined;
    },

    /** An organisation's jobs, newest first, `limit` after `after`. */
    async jobs(org: string, limit: number, after?: JobCursor): Promise<CaptureJob[]> {
      let q = k.selectFrom('capture_jobs').select(JOB_COLUMNS).where('org_id', '=', org);
      if (after) {
        q = q.where((eb) =>
          eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('capture_id', '<', after.captureId)])]),
        );
      }
      const rows = await q.orderBy('created_at', 'desc').orderBy('capture_id', 'desc').limit(limit).execute();
      return rows.map(jobFromRow);
    },

    /** The results of events `offset` .. `offset + limit - 1` of a finished job, accepted ones with their event ids from the ledger. */
    async results(captureId: string, offset: number, limit: number): Promise<EventResult[]> {
      const r = await k.selectFrom('capture_jobs').select('results').where('capture_id', '=', captureId).executeTakeFirst();
      if (!r?.results) return [];
      const page = resultsPage(JSON.parse(r.results) as ResultRun[], offset, limit);
      const range = seqRange(page);
      const ids = new Map<number, string>();
      if (range) {
        const rows = await db.kysely.selectFrom('events').select(['seq', 'event_id']).where('seq', '>=', range.from).where('seq', '<=', range.to).execute();
        for (const row of rows) ids.set(Number(row.seq), row.event_id);
      }
      return page.map(({ seq, ...rest }) => (seq === undefined ? rest : { ...rest, eventId: ids.get(seq)! }));
    },

    /**
     * Ends every job still marked running as failed with `problem`: called at start, when no job of this
     * process can be running, so such a job's server stopped mid-capture and its transaction never committed.
     */
    async failRunning(at: number, problem: CaptureProblem): Promise<string[]> {
      const running = await k.selectFrom('capture_jobs').select(['capture_id', 'event_count']).where('status', '=', 'running').execute();
      for (const r of running) {
        const n = Number(r.event_count);
        await store.finish(r.capture_id, {
          status: 'failed',
          eventCount: n,
          accepted: 0,
          duplicates: 0,
          rejected: 0,
          rolledBack: n,
          finishedAt: at,
          errors: [problem],
          results: n > 0 ? [{ status: 'rolled_back', from: 0, count: n }] : [],
        });
      }
      return running.map((r) => r.capture_id);
    },
  } satisfies CaptureJobWriter & Record<string, unknown>;
  return store;
}
