/**
 * The EPCIS 2.0 codec: reads JSON-LD and XML documents and events into normalised events
 * (docs/epcis.md), and writes normalised events back as either syntax.
 */
import { ORPAILLE_CONTEXT } from './context.js';
import { eventHash } from './hash.js';
import { readJsonDocument, readJsonEvent, type DocumentContent } from './json-read.js';
import type { NormalisedEvent } from './normalise.js';
import { problem, type EpcisProblem } from './problems.js';
import { readXmlDocument, readXmlEvent } from './xml-read.js';

export type { NormalisedEvent } from './normalise.js';
export type { EpcisProblem } from './problems.js';

export type EpcisFormat = 'json' | 'xml';

/** A document read and normalised. */
export interface EpcisDocumentRead {
  documentType: 'EPCISDocument' | 'EPCISQueryDocument';
  schemaVersion: string;
  creationDate?: string;
  /** In document order. */
  events: NormalisedEvent[];
  /** GS1 company prefix → its length, learned from the EPC URNs of the input. */
  gcpLengths: Map<string, number>;
}

const JSON_TYPE = /^application\/(?:(?:ld\+)?json|[\w.+-]+\+json)$/;
const XML_TYPE = /^(?:application|text)\/(?:xml|[\w.+-]+\+xml)$/;

/**
 * Detects the format from a Content-Type header (application/ld+json, application/json,
 * application/xml, text/xml) or, if absent or neither, from the text: XML starts with `<`.
 */
export function detectEpcisFormat(contentType: string | undefined, text: string): EpcisFormat {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (JSON_TYPE.test(mediaType)) return 'json';
  if (XML_TYPE.test(mediaType)) return 'xml';
  return /^\uFEFF?\s*</.test(text) ? 'xml' : 'json';
}

const toRead = (c: DocumentContent): EpcisDocumentRead => ({
  documentType: c.documentType,
  schemaVersion: c.schemaVersion,
  ...(c.creationDate === undefined ? {} : { creationDate: c.creationDate }),
  events: c.events,
  gcpLengths: c.gcpLengths,
});

/** Parses, validates (JSON Schema 2.0.1 / XML structure + CBV checks) and normalises a whole document. */
export function readEpcisDocument(
  text: string,
  format: EpcisFormat,
): { ok: true; document: EpcisDocumentRead } | { ok: false; problems: EpcisProblem[] } {
  const read = format === 'json' ? readJsonDocument(text) : readXmlDocument(text);
  if (read.problems.length > 0 || !read.content) return { ok: false, problems: read.problems };
  return { ok: true, document: toRead(read.content) };
}

/** Same for one bare event (POST /events body), JSON-LD object or XML event element. */
export function readEpcisEvent(
  text: string,
  format: EpcisFormat,
): { ok: true; event: NormalisedEvent; gcpLengths: Map<string, number> } | { ok: false; problems: EpcisProblem[] } {
  const read = format === 'json' ? readJsonEvent(text) : readXmlEvent(text);
  return read.ok ? { ok: true, event: read.value.event, gcpLengths: read.value.gcpLengths } : read;
}

/**
 * CBV 2.0 event hashes of every event of an XML document, in document order, honouring its
 * `ignoreFields`. The events need not pass validation, only be readable: hashing is not checking.
 * (JSON-LD documents are hashed as given by `documentEventHashes`.)
 */
export function xmlDocumentEventHashes(text: string): { hashes: string[]; problems: EpcisProblem[] } {
  const read = readXmlDocument(text);
  const content = read.content;
  if (!content) return { hashes: [], problems: read.problems };
  const unreadable = content.events.findIndex((e) => typeof e['type'] !== 'string');
  if (unreadable >= 0) return { hashes: [], problems: read.problems.length > 0 ? read.problems : [problem(`events[${unreadable}]`, 'not an EPCIS event')] };
  const options = { ignoreFields: content.ignoreFields };
  return { hashes: content.events.map((e) => eventHash(e, ORPAILLE_CONTEXT, 'sha-256', options)), problems: read.problems };
}
