import { badInput, parseIsoDateTime } from '../kernel/index.js';
import { compileSchedule } from './schedule.js';
import type { QuerySchedule, SubscriptionRequest } from './types.js';

/**
 * The query name of ad-hoc subscriptions: EPCIS's predefined event query, whose parameters come in
 * the request's `query` member instead of from a stored named query.
 */
export const ADHOC_QUERY = 'SimpleEventQuery';

const FIELDS = new Set(['dest', 'signatureToken', 'stream', 'schedule', 'reportIfEmpty', 'initialRecordTime', 'query']);
const TOKEN_MIN = 16;
const TOKEN_MAX = 512;

function parseDest(v: unknown): string {
  if (typeof v !== 'string') throw badInput('dest is required: the URL of your webhook', { field: 'dest' });
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw badInput(`dest "${v}" is not an absolute URL`, { field: 'dest' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput(`dest must be an http(s) URL, not ${url.protocol}`, { field: 'dest' });
  if (url.username || url.password) throw badInput('dest must not carry credentials: use signatureToken to authenticate deliveries', { field: 'dest' });
  return url.toString();
}

function parseToken(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length < TOKEN_MIN || v.length > TOKEN_MAX) {
    throw badInput(`signatureToken must be a string of ${TOKEN_MIN} to ${TOKEN_MAX} characters`, { field: 'signatureToken' });
  }
  return v;
}

function parseFlag(body: Record<string, unknown>, field: string): boolean | undefined {
  const v = body[field];
  if (v !== undefined && typeof v !== 'boolean') throw badInput(`${field} must be true or false`, { field });
  return v;
}

/**
 * Validates a subscription request of the REST binding (`POST /queries/{queryName}/subscriptions`):
 * `dest`, an optional `signatureToken`, either `stream: true` or a `schedule` (with `reportIfEmpty`),
 * an optional `initialRecordTime`, and for `SimpleEventQuery` the query parameters in `query`.
 * Throws ORP_BAD_INPUT whose `details.field` names the offending member.
 */
export function parseSubscriptionRequest(body: unknown, queryName: string): SubscriptionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badInput('the request body must be a JSON object', { field: 'body' });
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b)) if (!FIELDS.has(key)) throw badInput(`unknown member "${key}"`, { field: key });

  const stream = parseFlag(b, 'stream');
  const reportIfEmpty = parseFlag(b, 'reportIfEmpty') ?? false;
  if (stream === false) throw badInput('stream must be true when given; leave it out for a scheduled subscription', { field: 'stream' });
  if (stream && b['schedule'] !== undefined) throw badInput('give either stream: true or a schedule, not both', { field: 'schedule' });
  if (!stream && b['schedule'] === undefined) throw badInput('give stream: true or a schedule: the server must know when to report', { field: 'stream' });
  if (stream && reportIfEmpty) throw badInput('reportIfEmpty applies to scheduled subscriptions: a stream reports only captured events', { field: 'reportIfEmpty' });
  if (b['schedule'] !== undefined) compileSchedule(b['schedule']);

  let initialRecordTime: number | undefined;
  if (b['initialRecordTime'] !== undefined) {
    initialRecordTime = typeof b['initialRecordTime'] === 'string' ? parseIsoDateTime(b['initialRecordTime']) : Number.NaN;
    if (Number.isNaN(initialRecordTime)) throw badInput('initialRecordTime must be an ISO 8601 date-time with an offset', { field: 'initialRecordTime' });
  }

  const query = b['query'];
  if (queryName === ADHOC_QUERY) {
    if (typeof query !== 'object' || query === null || Array.isArray(query)) {
      throw badInput(`a ${ADHOC_QUERY} subscription takes its EPCIS query parameters in "query" (an object, {} for every event)`, { field: 'query' });
    }
  } else if (query !== undefined) {
    throw badInput(`"query" is only for ${ADHOC_QUERY}: the named query ${queryName} has its own parameters`, { field: 'query' });
  }

  const signatureToken = parseToken(b['signatureToken']);
  return {
    dest: parseDest(b['dest']),
    ...(signatureToken !== undefined ? { signatureToken } : {}),
    stream: stream === true,
    ...(b['schedule'] !== undefined ? { schedule: b['schedule'] as QuerySchedule } : {}),
    reportIfEmpty,
    ...(initialRecordTime !== undefined ? { initialRecordTime } : {}),
    ...(query !== undefined ? { query: query as Record<string, unknown> } : {}),
  };
}
