import { ADHOC_QUERY } from './request.js';
import type { Subscription } from './types.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/**
 * A subscription as the API shows it: the REST binding's subscription response (subscriptionID,
 * queryName, dest, createdAt, lastNotifiedAt, initialRecordTime, stream or schedule and reportIfEmpty)
 * plus its delivery state. The signatureToken is a secret and never shown.
 */
export function subscriptionView(s: Subscription): Record<string, unknown> {
  const view: Record<string, unknown> = {
    subscriptionID: s.id,
    queryName: s.queryName,
    dest: s.dest,
    createdAt: iso(s.createdAt),
    lastNotifiedAt: iso(s.lastNotifiedAt),
    initialRecordTime: iso(s.initialRecordTime),
    ...(s.stream ? { stream: true } : { schedule: s.schedule, reportIfEmpty: s.reportIfEmpty }),
    ...(s.queryName === ADHOC_QUERY ? { query: s.query } : {}),
    signed: s.signatureToken !== undefined,
    status: s.status,
    pausedReason: s.pausedReason,
    pausedSince: iso(s.pausedAt),
    failingSince: iso(s.failingSince),
    failedAttempts: s.failedAttempts,
    lastError: s.lastError,
    nextAttemptAt: s.failedAttempts > 0 || !s.stream ? iso(s.dueAt) : undefined,
  };
  for (const k of Object.keys(view)) if (view[k] === undefined) delete view[k];
  return view;
}
