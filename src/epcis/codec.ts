/**
 * The EPCIS 2.0 codec: reads JSON-LD and XML documents and events into normalised events
 * (docs/epcis.md), and writes normalised events back as either syntax.
 */
import { ORPAILLE_CONTEXT } from './context.js';
import { mapIdentifiers, toEpcUrn } from './epc-format.js';
import { eventHash } from './hash.js';
import { writeJsonDocument } from './json-write.js';
import { writeXmlDocument } from './xml-write.js';
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

export interface WriteOptions {
  format: EpcisFormat;
  /** GS1-EPC-Format header of the REST binding; default no-preference = canonical Digital Link. */
  epcFormat?: 'digital-link' | 'urn' | 'no-preference';
  /** For Digital Link → EPC URN: a Digital Link whose company prefix length is unknown stays a Digital Link. */
  gcpLengths?: (companyPrefixCandidate: string) => number | undefined;
  documentType?: 'EPCISDocument' | 'EPCISQueryDocument';
  queryName?: string;
  subscriptionID?: string;
  creationDate: string;
}

/** Serialises normalised events as a complete EPCIS 2.0 document (JSON-LD with @context incl. gold, or XML with namespaces). */
export function writeEpcisDocument(events: NormalisedEvent[], options: WriteOptions): string {
  const head = {
    documentType: options.documentType ?? 'EPCISDocument',
    creationDate: options.creationDate,
    ...(options.queryName === undefined ? {} : { queryName: options.queryName }),
    ...(options.subscriptionID === undefined ? {} : { subscriptionID: options.subscriptionID }),
  };
  const lengths = options.gcpLengths;
  const written = options.epcFormat === 'urn' && lengths ? events.map((e) => mapIdentifiers(e, (id) => toEpcUrn(id, lengths))) : events;
  return options.format === 'json' ? writeJsonDocument(written, head) : writeXmlDocument(written, head);
}
