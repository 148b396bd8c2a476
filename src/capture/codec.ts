/*
 * INTERIM stand-in for the EPCIS codec of src/epcis (engineer "codec"), implementing its contract for
 * JSON-LD only and with structural checks only, so that capture can be built and tested meanwhile.
 * Once the codec is on main this file becomes a re-export of `../epcis/index.js`.
 */
export type EpcisFormat = 'json' | 'xml';
export type NormalisedEvent = Record<string, unknown>;
export interface EpcisProblem {
  event?: number;
  path: string;
  message: string;
}
export interface EpcisDocumentRead {
  documentType: 'EPCISDocument' | 'EPCISQueryDocument';
  schemaVersion: string;
  creationDate?: string;
  events: NormalisedEvent[];
  gcpLengths: Map<string, number>;
}

const EVENT_TYPES = new Set(['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent']);

/** Detects the format from a Content-Type header or, if absent, from the text. */
export function detectEpcisFormat(contentType: string | undefined, text: string): EpcisFormat {
  if (contentType) return /xml/i.test(contentType) ? 'xml' : 'json';
  return text.trimStart().startsWith('<') ? 'xml' : 'json';
}

function eventProblems(e: unknown, index: number | undefined, path: string): EpcisProblem[] {
  const at = (p: string, message: string): EpcisProblem => ({ ...(index === undefined ? {} : { event: index }), path: `${path}${p}`, message });
  if (!e || typeof e !== 'object' || Array.isArray(e)) return [at('', 'an event must be an object')];
  const ev = e as Record<string, unknown>;
  const out: EpcisProblem[] = [];
  if (typeof ev['type'] !== 'string' || !EVENT_TYPES.has(ev['type'])) out.push(at('/type', `unknown event type ${JSON.stringify(ev['type'])}`));
  if (typeof ev['eventTime'] !== 'string' || Number.isNaN(Date.parse(ev['eventTime']))) out.push(at('/eventTime', 'eventTime must be an ISO 8601 date-time'));
  if (typeof ev['eventTimeZoneOffset'] !== 'string') out.push(at('/eventTimeZoneOffset', 'eventTimeZoneOffset is required'));
  return out;
}

function parse(text: string): { ok: true; value: unknown } | { ok: false; problems: EpcisProblem[] } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: `not JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}

/** Parses and checks a whole document (interim: JSON-LD only). */
export function readEpcisDocument(text: string, format: EpcisFormat): { ok: true; document: EpcisDocumentRead } | { ok: false; problems: EpcisProblem[] } {
  if (format === 'xml') return { ok: false, problems: [{ path: '', message: 'XML is not supported yet' }] };
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const doc = parsed.value as Record<string, unknown>;
  const type = doc?.['type'];
  if (type !== 'EPCISDocument' && type !== 'EPCISQueryDocument') return { ok: false, problems: [{ path: '/type', message: 'type must be EPCISDocument or EPCISQueryDocument' }] };
  const body = doc['epcisBody'] as Record<string, unknown> | undefined;
  const list = type === 'EPCISDocument' ? body?.['eventList'] : (body?.['queryResults'] as Record<string, Record<string, unknown>> | undefined)?.['resultsBody']?.['eventList'];
  if (!Array.isArray(list)) return { ok: false, problems: [{ path: '/epcisBody', message: 'the document has no event list' }] };
  const problems = list.flatMap((e, i) => eventProblems(e, i, `/epcisBody/eventList/${i}`));
  if (problems.length > 0) return { ok: false, problems };
  // Prefixes the document declares travel with each event, as the normalised form requires.
  const ctx = Array.isArray(doc['@context']) ? doc['@context'] : [doc['@context']];
  const declared = ctx.filter((c): c is Record<string, unknown> => Boolean(c) && typeof c === 'object' && !('gold' in (c as object)));
  const events = (list as NormalisedEvent[]).map((e) => (declared.length > 0 ? { ...e, '@context': declared } : e));
  return { ok: true, document: { documentType: type, schemaVersion: String(doc['schemaVersion']), events, gcpLengths: new Map() } };
}

/** Same for one bare event (interim: JSON-LD only). */
export function readEpcisEvent(text: string, format: EpcisFormat): { ok: true; event: NormalisedEvent; gcpLengths: Map<string, number> } | { ok: false; problems: EpcisProblem[] } {
  if (format === 'xml') return { ok: false, problems: [{ path: '', message: 'XML is not supported yet' }] };
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const problems = eventProblems(parsed.value, undefined, '');
  if (problems.length > 0) return { ok: false, problems };
  const { '@context': _, ...event } = parsed.value as NormalisedEvent;
  return { ok: true, event, gcpLengths: new Map() };
}
