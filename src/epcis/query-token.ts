/**
 * The nextPageToken of the REST binding: opaque to clients, it carries the query's own parameters
 * (re-parsed, hence re-validated, on every page), the sort key of the last event served and how many
 * events were served so far (for eventCountLimit). Visibility is never in the token: it comes from
 * the caller of each page.
 */
import { queryInvalid, type QueryParams } from './query.js';

export interface PageToken {
  /** The query parameters, without perPage and nextPageToken. */
  params: Record<string, string | string[]>;
  /** Extension prefixes the parameters were given with (GS1-Extensions). */
  prefixes: Record<string, string>;
  /** Sort key of the last event served: event time (epoch ms) and ledger sequence number. */
  after: { eventTime: number; seq: number };
  /** Events served on the pages before. */
  served: number;
}

/** Encodes a page token (base64url JSON). */
export function encodePageToken(token: PageToken): string {
  return Buffer.from(JSON.stringify([token.params, token.prefixes, token.after.eventTime, token.after.seq, token.served])).toString('base64url');
}

const isStringRecord = (v: unknown, allowArrays: boolean): boolean =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => typeof x === 'string' || (allowArrays && Array.isArray(x) && x.every((y) => typeof y === 'string')));

/**
 * Decodes a page token.
 *
 * @throws OrpailleError ORP_EPCIS_QUERY_INVALID naming nextPageToken when it is not one of ours.
 */
export function decodePageToken(text: string): PageToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 5) {
    const [params, prefixes, eventTime, seq, served] = parsed as unknown[];
    if (isStringRecord(params, true) && isStringRecord(prefixes, false) && [eventTime, seq, served].every(Number.isSafeInteger)) {
      return {
        params: params as PageToken['params'],
        prefixes: prefixes as PageToken['prefixes'],
        after: { eventTime: eventTime as number, seq: seq as number },
        served: served as number,
      };
    }
  }
  throw queryInvalid('nextPageToken', 'nextPageToken is not a token this repository issued');
}

/** Whether the parameters sent with a token are the token's own (or none at all, as in the next link). */
export function sameParams(sent: QueryParams, token: PageToken): boolean {
  const keys = Object.keys(sent).filter((k) => sent[k] !== undefined);
  if (keys.length === 0) return true;
  const norm = (p: QueryParams) =>
    JSON.stringify(
      Object.keys(p)
        .filter((k) => p[k] !== undefined)
        .sort()
        .map((k) => [k, p[k]]),
    );
  return norm(sent) === norm(token.params);
}
