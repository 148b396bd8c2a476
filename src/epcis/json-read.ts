/**
 * Reading EPCIS 2.0 JSON-LD: whole documents (capture and query documents) and lone events.
 * Each event is normalised (src/epcis/normalise.ts), then validated against the JSON Schema.
 */
import { prefixesFromContext } from './hash.js';
import { checkEvent } from './event-check.js';
import { schemaProblemsOfContext, schemaProblemsOfEnvelope } from './json-schema.js';
import type { NormalisedEvent } from './normalise.js';
import { eventPath, problem, shown, type EpcisProblem } from './problems.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export type DocumentType = 'EPCISDocument' | 'EPCISQueryDocument';

/** What reading a document gives, before the public result is assembled. */
export interface DocumentContent {
  readonly documentType: DocumentType;
  readonly schemaVersion: string;
  readonly creationDate?: string;
  readonly events: NormalisedEvent[];
  readonly gcpLengths: Map<string, number>;
  /** Field names (CURIE or Clark notation) the document asks event hashes to leave out. */
  readonly ignoreFields: string[];
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; problems: EpcisProblem[] };

/** Parses JSON text, or says where it is broken. */
export function parseJson(text: string): ReadResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, problems: [problem('document', `not valid JSON: ${err instanceof Error ? err.message : String(err)}`)] };
  }
}

/**
 * Normalises and validates one JSON-LD event.
 *
 * @param lone whether it is a lone event (which must carry its own `@context`).
 * @param documentContext the enclosing document's `@context`.
 */
export function readJsonEventObject(
  raw: unknown,
  index: number,
  lone: boolean,
  documentContext: unknown,
  gcpLengths: Map<string, number>,
): { event: NormalisedEvent; problems: EpcisProblem[] } {
  const path = eventPath(lone ? undefined : index);
  if (!isObject(raw)) return { event: {}, problems: [problem(path, `${shown(raw)} is not an EPCIS event (a JSON object)`, index)] };
  const problems: EpcisProblem[] = [];
  const eventContext = raw['@context'];
  if (eventContext !== undefined) problems.push(...schemaProblemsOfContext(eventContext, `${path}.@context`, index));
  else if (lone) problems.push(problem(`${path}.@context`, 'missing: a JSON-LD event must carry its "@context" (at least the EPCIS 2.0 context)', index));
  const prefixes = contextPrefixes(documentContext, eventContext);
  const event = checkEvent(raw, { path, index, prefixes, syntax: 'json-ld', gcpLengths }, problems);
  return { event, problems };
}

const prefixCache = new WeakMap<object, ReadonlyMap<string, string>>();

/** Prefixes of a document context plus an event's own; the document's are worked out once. */
function contextPrefixes(documentContext: unknown, eventContext: unknown): ReadonlyMap<string, string> {
  if (eventContext !== undefined) return prefixesFromContext([documentContext, eventContext]);
  if (!isObject(documentContext) && !Array.isArray(documentContext)) return prefixesFromContext(documentContext);
  let prefixes = prefixCache.get(documentContext);
  if (!prefixes) prefixCache.set(documentContext, (prefixes = prefixesFromContext(documentContext)));
  return prefixes;
}

/** Values of `ignoreFields` / `prefix:ignoreFields` members (a repository's own hash exclusions). */
function ignoreFieldsOf(...holders: unknown[]): string[] {
  const names: string[] = [];
  for (const holder of holders) {
    if (!isObject(holder)) continue;
    for (const [key, value] of Object.entries(holder)) {
      if (key !== 'ignoreFields' && !key.endsWith(':ignoreFields')) continue;
      for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') names.push(v);
    }
  }
  return names;
}

/** A document read, with what went wrong; `content` is missing only when nothing could be read. */
export interface DocumentRead {
  readonly content?: DocumentContent;
  readonly problems: EpcisProblem[];
}

/** Reads a JSON-LD EPCIS document or query document; its events are returned even when some have problems. */
export function readJsonDocument(text: string): DocumentRead {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  if (!isObject(doc)) return { problems: [problem('document', `${shown(doc)} is not an EPCIS document (a JSON object)`)] };
  const type = doc['type'];
  if (type !== 'EPCISDocument' && type !== 'EPCISQueryDocument') {
    const text =
      typeof type === 'string' && type.endsWith('Event')
        ? `${shown(type)} is a single event, not a document (expected "EPCISDocument" or "EPCISQueryDocument")`
        : `${type === undefined ? 'missing' : shown(type)}: expected "EPCISDocument" or "EPCISQueryDocument"`;
    return { problems: [problem('type', text)] };
  }
  const problems = schemaProblemsOfEnvelope(doc);
  const body = doc['epcisBody'];
  const queryResults = isObject(body) ? body['queryResults'] : undefined;
  const resultsBody = isObject(queryResults) ? queryResults['resultsBody'] : undefined;
  const list = type === 'EPCISDocument' ? (isObject(body) ? body['eventList'] : undefined) : isObject(resultsBody) ? resultsBody['eventList'] : undefined;
  const events: NormalisedEvent[] = [];
  const gcpLengths = new Map<string, number>();
  if (Array.isArray(list)) {
    const context = doc['@context'];
    list.forEach((raw, i) => {
      const read = readJsonEventObject(raw, i, false, context, gcpLengths);
      events.push(read.event);
      problems.push(...read.problems);
    });
  } else if (problems.length === 0) {
    problems.push(problem(type === 'EPCISDocument' ? 'epcisBody.eventList' : 'epcisBody.queryResults.resultsBody.eventList', 'missing: expected the list of events'));
  }
  const creationDate = doc['creationDate'];
  return {
    problems,
    content: {
      documentType: type,
      schemaVersion: String(doc['schemaVersion']),
      ...(typeof creationDate === 'string' ? { creationDate } : {}),
      events,
      gcpLengths,
      ignoreFields: ignoreFieldsOf(doc, body, queryResults),
    },
  };
}

/** Reads one JSON-LD event (the body of `POST /events`). */
export function readJsonEvent(text: string): ReadResult<{ event: NormalisedEvent; gcpLengths: Map<string, number> }> {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const gcpLengths = new Map<string, number>();
  const read = readJsonEventObject(parsed.value, 0, true, undefined, gcpLengths);
  return read.problems.length > 0 ? { ok: false, problems: read.problems } : { ok: true, value: { event: read.event, gcpLengths } };
}
