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
