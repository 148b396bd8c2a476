/** The normative EPCIS 2.0 JSON-LD context. */
export const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/**
 * Orpaille's gold extension namespace (documented in docs/gold-extension.md). Every extension field
 * an Orpaille event carries is named `gold:<field>` under this IRI.
 */
export const GOLD_NS = 'https://ns.orpaille.org/gold/';

/** The `@context` of every EPCIS document Orpaille writes. */
export const ORPAILLE_CONTEXT: [string, { gold: string }] = [EPCIS_CONTEXT_URL, { gold: GOLD_NS }];

/** A JSON-LD EPCIS event as a plain object (compact form, CBV short names). */
export type EpcisEvent = Record<string, unknown> & { type: string; eventTime: string; eventTimeZoneOffset: string };

/** Builds an EPCIS 2.0 JSON-LD document around events. */
export function epcisDocument(events: EpcisEvent[], creationDate: string): Record<string, unknown> {
  return {
    '@context': ORPAILLE_CONTEXT,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate,
    epcisBody: { eventList: events },
  };
}

/**
 * The opening of an EPCIS 2.0 JSON-LD document whose events follow as stored bodies (see
 * `epcisDocumentOfBodies`): the envelope up to the opening of `eventList`.
 */
export function epcisDocumentOpening(creationDate: string): string {
  const envelope = JSON.stringify({ '@context': ORPAILLE_CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate });
  return `${envelope.slice(0, -1)},"epcisBody":{"eventList":[`;
}

/** What goes before the n-th (0-based) stored body of a document's event list: one event a line. */
export const epcisBodySeparator = (n: number): string => (n === 0 ? '\n' : ',\n');

/** The end of a document opened by `epcisDocumentOpening`. */
export const EPCIS_DOCUMENT_CLOSING = '\n]}}\n';

/**
 * An EPCIS 2.0 JSON-LD document of stored event bodies, written exactly as the events export writes
 * it: each canonical body verbatim (the bytes the ledger hashed and signed), never re-serialised.
 */
export function epcisDocumentOfBodies(bodies: readonly string[], creationDate: string): string {
  return epcisDocumentOpening(creationDate) + bodies.map((b, n) => epcisBodySeparator(n) + b).join('') + EPCIS_DOCUMENT_CLOSING;
}
