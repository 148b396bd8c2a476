/**
 * Writing normalised events as an EPCIS 2.0 XML document: elements in the order of the EPCIS 2.0
 * XML schema, CBV values as their Web URIs, extension fields as elements of their namespaces
 * (declared once on the root when the events agree on prefixes, else on each event).
 */
import { EPC_LISTS, EVENT_FIELD_ORDER, isEventType, QUANTITY_LISTS, SENSOR_METADATA_FIELDS, SENSOR_REPORT_FIELDS } from './event-fields.js';
import { declaredPrefixes, sharedPrefixes, type DocumentHead } from './json-write.js';
import { curieParts, IMPLIED_PREFIXES } from './namespaces.js';
import type { NormalisedEvent } from './normalise.js';
import {
  BIZ_STEP,
  BIZ_TRANSACTION_TYPE,
  COMPONENT,
  DISPOSITION,
  ERROR_REASON,
  MEASUREMENT_TYPE,
  SENSOR_ALERT_TYPE,
  SOURCE_DESTINATION_TYPE,
  type Vocabulary,
} from './vocabulary.js';
import { EPCIS_NS, EPCIS_QUERY_NS } from './xml-dom.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeXml = (text: string): string => text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);

/** A number as xsd:decimal / xsd:double text (never in exponent notation, which xsd:decimal lacks). */
function numberText(n: number): string {
  const text = String(n);
  return /e/i.test(text) && Number.isFinite(n) ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : text;
}

function scalarText(value: unknown): string {
  if (typeof value === 'number') return numberText(value);
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

/** A CBV value as XML writes it: a standard term as its Web URI, anything else as it is. */
function vocabularyUri(vocabulary: Vocabulary, value: unknown): string {
  const text = scalarText(value);
  return text !== '' && !text.includes(':') ? vocabulary.web + text : text;
}

const SENSOR_VOCABULARY: Readonly<Record<string, Vocabulary>> = {
  type: MEASUREMENT_TYPE,
  exception: SENSOR_ALERT_TYPE,
  component: COMPONENT,
};

/** Writes one event element; `out` collects the text. */
class XmlEventWriter {
  private readonly out: string[] = [];
  /** Prefixes this event needs declared on its own element (absolute-IRI keys, or all when not shared). */
  private readonly local = new Map<string, string>();

  constructor(
    private readonly prefixes: ReadonlyMap<string, string>,
    private readonly declareAll: boolean,
  ) {}

  /** The XML name of a JSON key: a CURIE as is, a bare name unqualified, an absolute IRI under a new prefix. */
  private name(key: string): string | undefined {
    if (key.startsWith('@')) return undefined;
    const parts = curieParts(key);
    if (parts && this.prefixes.has(parts[0])) {
      if (this.declareAll) this.local.set(parts[0], this.prefixes.get(parts[0])!);
      return key;
    }
    // An absolute IRI (or a CURIE of no known prefix) is split into a namespace and a local name.
    const split = /^(.*[/#:])([A-Za-z_][\w.-]*)$/.exec(key);
    if (!split) return key;
    const [, ns = '', local = ''] = split;
    let prefix = [...this.local].find(([, iri]) => iri === ns)?.[0];
    for (let n = 1; prefix === undefined; n++) if (!this.prefixes.has(`ns${n}`) && !this.local.has(`ns${n}`)) this.local.set((prefix = `ns${n}`), ns);
    return `${prefix}:${local}`;
  }

  private leaf(indent: string, name: string, text: string): void {
    this.out.push(text === '' ? `${indent}<${name}/>` : `${indent}<${name}>${escapeXml(text)}</${name}>`);
  }

  private open(indent: string, name: string, attributes = ''): void {
    this.out.push(`${indent}<${name}${attributes}>`);
  }

  private close(indent: string, name: string): void {
    this.out.push(`${indent}</${name}>`);
  }

  /** An extension member: repeated elements for an array, nested ones for an object, else text. */
  private extension(indent: string, key: string, value: unknown): void {
    const name = this.name(key);
    if (name === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) this.extension(indent, key, item);
    } else if (isObject(value)) {
      const keys = Object.keys(value);
      if (keys.length === 0) return this.leaf(indent, name, '');
      this.open(indent, name);
      for (const k of keys) this.extension(`${indent}  `, k, value[k]);
      this.close(indent, name);
    } else {
      this.leaf(indent, name, scalarText(value));
    }
  }

  /** The members of `object` not in `standard`, as extension elements. */
  private extensions(indent: string, object: Json, standard: readonly string[]): void {
    for (const key of Object.keys(object)) if (!standard.includes(key)) this.extension(indent, key, object[key]);
  }

  event(event: NormalisedEvent, indent: string): string {
    const type = String(event['type']);
    const order = isEventType(type) ? EVENT_FIELD_ORDER[type] : [];
    const inner = `${indent}  `;
    for (const field of order) if (field in event) this.field(inner, field, event[field]);
    this.extensions(inner, event, [...order, 'type', '@context']);
    const declarations = [...this.local].map(([p, iri]) => ` xmlns:${p}="${escapeXml(iri)}"`).join('');
    return [`${indent}<${type}${declarations}>`, ...this.out, `${indent}</${type}>`].join('\n');
  }

  private field(indent: string, name: string, value: unknown): void {
    const inner = `${indent}  `;
    if (EPC_LISTS.has(name) || QUANTITY_LISTS.has(name)) {
      const items = Array.isArray(value) ? value : [];
      if (items.length === 0) return this.leaf(indent, name, '');
      this.open(indent, name);
      for (const item of items) {
        if (EPC_LISTS.has(name)) this.leaf(inner, 'epc', scalarText(item));
        else this.structure(inner, 'quantityElement', item, ['epcClass', 'quantity', 'uom'], (k, v) => scalarText(v));
      }
      return this.close(indent, name);
    }
    switch (name) {
      case 'bizStep':
        return this.leaf(indent, name, vocabularyUri(BIZ_STEP, value));
      case 'disposition':
        return this.leaf(indent, name, vocabularyUri(DISPOSITION, value));
      case 'certificationInfo':
        for (const v of Array.isArray(value) ? value : [value]) this.leaf(indent, name, scalarText(v));
        return;
      case 'readPoint':
      case 'bizLocation':
        return this.structure(indent, name, value, ['id'], (_, v) => scalarText(v));
      case 'persistentDisposition': {
        const p = isObject(value) ? value : {};
        this.open(indent, name);
        for (const key of ['unset', 'set']) {
          for (const d of Array.isArray(p[key]) ? (p[key] as unknown[]) : []) this.leaf(inner, key, vocabularyUri(DISPOSITION, d));
        }
        return this.close(indent, name);
      }
      case 'errorDeclaration':
        return this.structure(indent, name, value, ['declarationTime', 'reason', 'correctiveEventIDs'], (k, v) =>
          k === 'reason' ? vocabularyUri(ERROR_REASON, v) : k === 'correctiveEventIDs' ? (Array.isArray(v) ? v.map(scalarText) : []) : scalarText(v),
        );
      case 'bizTransactionList':
        return this.typedList(indent, name, value, 'bizTransaction', BIZ_TRANSACTION_TYPE);
      case 'sourceList':
        return this.typedList(indent, name, value, 'source', SOURCE_DESTINATION_TYPE);
      case 'destinationList':
        return this.typedList(indent, name, value, 'destination', SOURCE_DESTINATION_TYPE);
      case 'sensorElementList':
        this.open(indent, name);
        for (const element of Array.isArray(value) ? value : []) this.sensorElement(inner, element);
        return this.close(indent, name);
      case 'ilmd':
        return this.structure(indent, name, value, [], () => '');
      default:
        return this.leaf(indent, name, scalarText(value));
    }
  }

  /**
   * A structure: its standard members in `order` (text from `text`; a list of texts gives a list
   * element of singular items, as `correctiveEventIDs`), then its extension members.
   */
  private structure(indent: string, name: string, value: unknown, order: readonly string[], text: (key: string, v: unknown) => string | string[]): void {
    const object = isObject(value) ? value : {};
    const inner = `${indent}  `;
    if (Object.keys(object).length === 0) return this.leaf(indent, name, '');
    this.open(indent, name);
    for (const key of order) {
      if (!(key in object)) continue;
      const t = text(key, object[key]);
      if (typeof t === 'string') {
        this.leaf(inner, key, t);
      } else {
        this.open(inner, key);
        for (const item of t) this.leaf(`${inner}  `, key.replace(/s$/, ''), item);
        this.close(inner, key);
      }
    }
    this.extensions(inner, object, order);
    this.close(indent, name);
  }

  /** `<bizTransaction type="…">id</bizTransaction>` items. */
  private typedList(indent: string, name: string, value: unknown, item: string, vocabulary: Vocabulary): void {
    this.open(indent, name);
    for (const entry of Array.isArray(value) ? value : []) {
      const object = isObject(entry) ? entry : {};
      const type = 'type' in object ? ` type="${escapeXml(vocabularyUri(vocabulary, object['type']))}"` : '';
      this.out.push(`${indent}  <${item}${type}>${escapeXml(scalarText(object[item]))}</${item}>`);
    }
    this.close(indent, name);
  }

  private sensorElement(indent: string, value: unknown): void {
    const element = isObject(value) ? value : {};
    const inner = `${indent}  `;
    this.open(indent, 'sensorElement');
    if (isObject(element['sensorMetadata'])) this.sensorPart(inner, 'sensorMetadata', element['sensorMetadata'], SENSOR_METADATA_FIELDS);
    for (const report of Array.isArray(element['sensorReport']) ? element['sensorReport'] : []) {
      this.sensorPart(inner, 'sensorReport', isObject(report) ? report : {}, SENSOR_REPORT_FIELDS);
    }
    this.extensions(inner, element, ['sensorMetadata', 'sensorReport']);
    this.close(indent, 'sensorElement');
  }

  /** Sensor metadata and reports are attributes; an extension member that is no scalar becomes a child element. */
  private sensorPart(indent: string, name: string, part: Json, fields: readonly string[]): void {
    let attributes = '';
    const nested: string[] = [];
    for (const key of Object.keys(part)) {
      const value = part[key];
      if (isObject(value) || Array.isArray(value)) {
        nested.push(key);
        continue;
      }
      const attribute = fields.includes(key) ? key : this.name(key);
      if (attribute === undefined) continue;
      const vocabulary = fields.includes(key) ? SENSOR_VOCABULARY[key] : undefined;
      attributes += ` ${attribute}="${escapeXml(vocabulary ? vocabularyUri(vocabulary, value) : scalarText(value))}"`;
    }
    if (nested.length === 0) return void this.out.push(`${indent}<${name}${attributes}/>`);
    this.open(indent, name, attributes);
    for (const key of nested) this.extension(`${indent}  `, key, part[key]);
    this.close(indent, name);
  }
}

/** `prefix → IRI` of the prefixes an event may use: its own and the implied ones. */
function eventPrefixes(event: NormalisedEvent): Map<string, string> {
  const prefixes = new Map(IMPLIED_PREFIXES);
  for (const [p, iri] of declaredPrefixes(event)) prefixes.set(p, iri);
  return prefixes;
}

/** Prefixes used in the keys of a value (only these are declared on the root). */
function usedPrefixes(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) usedPrefixes(v, into);
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const parts = curieParts(k);
      if (parts) into.add(parts[0]);
      usedPrefixes(v, into);
    }
  }
  return into;
}

/** Serialises events as an XML EPCIS document (or query document). */
export function writeXmlDocument(events: readonly NormalisedEvent[], head: DocumentHead): string {
  const shared = sharedPrefixes(events);
  const isQuery = head.documentType === 'EPCISQueryDocument';
  let declarations = isQuery ? ` xmlns:epcisq="${EPCIS_QUERY_NS}"` : ` xmlns:epcis="${EPCIS_NS}"`;
  if (shared) {
    const used = new Set<string>();
    for (const event of events) usedPrefixes(event, used);
    const all = new Map([...IMPLIED_PREFIXES, ...shared]);
    for (const prefix of [...used].sort()) {
      const iri = all.get(prefix);
      if (iri !== undefined) declarations += ` xmlns:${prefix}="${escapeXml(iri)}"`;
    }
  }
  const root = isQuery ? 'epcisq:EPCISQueryDocument' : 'epcis:EPCISDocument';
  const depth = isQuery ? '          ' : '      ';
  const eventsXml = events.map((e) => new XmlEventWriter(eventPrefixes(e), !shared).event(e, depth));
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<${root}${declarations} schemaVersion="2.0" creationDate="${escapeXml(head.creationDate)}">`, '  <EPCISBody>'];
  if (isQuery) {
    lines.push('    <epcisq:QueryResults>', `      <queryName>${escapeXml(head.queryName ?? 'SimpleEventQuery')}</queryName>`);
    if (head.subscriptionID !== undefined) lines.push(`      <subscriptionID>${escapeXml(head.subscriptionID)}</subscriptionID>`);
    lines.push('      <resultsBody>', '        <EventList>', ...eventsXml, '        </EventList>', '      </resultsBody>', '    </epcisq:QueryResults>');
  } else {
    lines.push('    <EventList>', ...eventsXml, '    </EventList>');
  }
  lines.push('  </EPCISBody>', `</${root}>`, '');
  return lines.join('\n');
}
