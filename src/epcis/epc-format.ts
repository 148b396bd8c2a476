/**
 * Identifiers on the way out: normalised events hold canonical GS1 Digital Links; a client that
 * asks for EPC URNs (the `GS1-EPC-Format` header of the EPCIS REST binding) gets them where the
 * length of the GS1 Company Prefix is known, since a Digital Link does not say where it ends.
 */
import { digitalLinkToEpcUri, parseDigitalLink } from './digital-link.js';
import { EPC_LISTS, QUANTITY_LISTS } from './event-fields.js';
import type { NormalisedEvent } from './normalise.js';

/** Where the company prefix starts in the key of each AI: after an indicator or extension digit. */
const PREFIX_OFFSET: Readonly<Record<string, number>> = { '00': 1, '01': 1, '8006': 1, '8003': 1 };

/**
 * The EPC URN of a Digital Link whose company prefix length `companyPrefixLength` knows, else the
 * Digital Link as it is.
 */
export function toEpcUrn(uri: string, companyPrefixLength: (candidate: string) => number | undefined): string {
  if (!uri.startsWith('https://id.gs1.org/')) return uri;
  const key = parseDigitalLink(uri)?.[0];
  if (!key) return uri;
  const start = PREFIX_OFFSET[key.ai] ?? 0;
  for (let length = 6; length <= 12; length++) {
    const candidate = key.value.slice(start, start + length);
    if (candidate.length === length && /^\d+$/.test(candidate) && companyPrefixLength(candidate) === length) {
      return digitalLinkToEpcUri(uri, length) ?? uri;
    }
  }
  return uri;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `event` with every identifier (the fields normalisation makes canonical) passed through `map`. */
export function mapIdentifiers(event: NormalisedEvent, map: (id: string) => string): NormalisedEvent {
  const id = (v: unknown): unknown => (typeof v === 'string' ? map(v) : v);
  const member = (v: unknown, key: string): unknown => (isObject(v) && key in v ? { ...v, [key]: id(v[key]) } : v);
  const items = (v: unknown, f: (item: unknown) => unknown): unknown => (Array.isArray(v) ? v.map(f) : v);
  const out: NormalisedEvent = { ...event };
  for (const key of Object.keys(event)) {
    const v = event[key];
    if (EPC_LISTS.has(key)) out[key] = items(v, id);
    else if (QUANTITY_LISTS.has(key)) out[key] = items(v, (q) => member(q, 'epcClass'));
    else if (key === 'parentID') out[key] = id(v);
    else if (key === 'readPoint' || key === 'bizLocation') out[key] = member(v, 'id');
    else if (key === 'sourceList') out[key] = items(v, (s) => member(s, 'source'));
    else if (key === 'destinationList') out[key] = items(v, (d) => member(d, 'destination'));
  }
  return out;
}
