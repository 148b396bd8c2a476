/**
 * Writing normalised events as an EPCIS 2.0 JSON-LD document. The prefixes the events declare are
 * gathered into the document's `@context` when they agree; otherwise each event keeps its own.
 */
import { EPCIS_CONTEXT_URL, GOLD_NS } from './context.js';
import type { NormalisedEvent } from './normalise.js';

/** What a document is besides its events. */
export interface DocumentHead {
  readonly documentType: 'EPCISDocument' | 'EPCISQueryDocument';
  readonly creationDate: string;
  readonly queryName?: string;
  readonly subscriptionID?: string;
}

/** The `{ prefix: iri }` entries of an event's `@context`. */
export function declaredPrefixes(event: NormalisedEvent): [string, string][] {
  const context = event['@context'];
  if (!Array.isArray(context)) return [];
  return context.flatMap((entry) =>
    typeof entry === 'object' && entry !== null ? Object.entries(entry as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string') : [],
  );
}

/**
 * The prefixes of all events when no prefix stands for two namespaces, sorted; undefined when two
 * events disagree (each then declares its own).
 */
export function sharedPrefixes(events: readonly NormalisedEvent[]): Map<string, string> | undefined {
  const shared = new Map<string, string>();
  for (const event of events) {
    for (const [prefix, iri] of declaredPrefixes(event)) {
      const known = shared.get(prefix);
      if (known !== undefined && known !== iri) return undefined;
      shared.set(prefix, iri);
    }
  }
  return new Map([...shared].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Serialises events as a JSON-LD EPCIS document (or query document), one event per line. */
export function writeJsonDocument(events: readonly NormalisedEvent[], head: DocumentHead): string {
  const shared = sharedPrefixes(events);
  const context: unknown[] = [EPCIS_CONTEXT_URL, { gold: GOLD_NS }];
  if (shared) for (const [prefix, iri] of shared) context.push({ [prefix]: iri });
  const eventList = shared ? events.map(({ '@context': _, ...rest }) => rest) : events;
  const document: Record<string, unknown> = {
    '@context': context,
    type: head.documentType,
    schemaVersion: '2.0',
    creationDate: head.creationDate,
  };
  // The event list is spliced in by hand so that a large document is not one endless line.
  const placeholder = '@orpaille:eventList';
  if (head.documentType === 'EPCISDocument') {
    document['epcisBody'] = { eventList: placeholder };
  } else {
    const queryResults: Record<string, unknown> = { queryName: head.queryName ?? 'SimpleEventQuery' };
    if (head.subscriptionID !== undefined) queryResults['subscriptionID'] = head.subscriptionID;
    queryResults['resultsBody'] = { eventList: placeholder };
    document['epcisBody'] = { queryResults };
  }
  const list = eventList.length === 0 ? '[]' : `[\n${eventList.map((e) => JSON.stringify(e)).join(',\n')}\n]`;
  return `${JSON.stringify(document).replace(JSON.stringify(placeholder), () => list)}\n`;
}
