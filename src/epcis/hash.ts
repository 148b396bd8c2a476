/**
 * EPCIS Event Hash ID (GS1 CBV 2.0, section "EPCIS Event Hash"; algorithm by Ralph Tröger).
 *
 * The hash is computed in two stages so that every syntax feeds the same canonicalisation:
 *
 *  1. a reader turns one event into a {@link CanonicalNode} tree shaped like the EPCIS XML
 *     binding (element names, Clark-notation `{namespace}local` names for extensions, list items
 *     as repeated child elements, attributes as children). {@link jsonEventToCanonical} is the
 *     JSON/JSON-LD reader; an XML reader only has to produce the same tree.
 *  2. {@link canonicalPreHash} serialises the tree into the pre-hash string (canonical property
 *     order, normalised values, sorted lists and extensions) and {@link preHashToEventHash}
 *     digests it into `ni:///sha-256;<hex>?ver=CBV2.0`.
 *
 * Where the standard text leaves room, this follows the reference implementation
 * (RalphTro/epcis-event-hash-generator) at the state of the vectors in
 * test/fixtures/epcis/hash-vectors, because a hash is only useful if other parties compute the
 * same one. Those choices are commented where they are made.
 */
import { createHash } from 'node:crypto';
import { canonicalIdentifier } from './digital-link.js';

/** Version tag appended to every hash: the CBV release that specifies the algorithm. */
export const CBV_HASH_VERSION = 'CBV2.0';

/**
 * One element of an event in the syntax-neutral model: a name (EPCIS field name, or Clark
 * notation `{namespace}local` for extension elements), an optional text value and child elements.
 * List items are repeated children (`epcList` → `epc`, `quantityList` → `quantityElement`,
 * `bizTransactionList` → `bizTransaction` carrying its `type` as a child), as in EPCIS XML.
 */
export interface CanonicalNode {
  readonly name: string;
  readonly value?: string;
  readonly children: readonly CanonicalNode[];
}

/** Options shared by the pre-hash functions. */
export interface PreHashOptions {
  /**
   * Event-level fields to leave out of the hash, as CURIEs (`repository-x:hash`), Clark names
   * (`{https://…/}hash`) or plain names. Repositories declare them in an `ignoreFields` element
   * of the document (see {@link documentEventHashes}) for fields they add after capture.
   */
  readonly ignoreFields?: readonly string[];
}

// =============================================================================================
// Stage 1: JSON / JSON-LD reader
// =============================================================================================

/**
 * Prefixes the normative EPCIS 2.0 context (https://ref.gs1.org/standards/epcis/2.0.0/
 * epcis-context.jsonld) defines. Remote contexts are never fetched, so these are built in; a
 * document's own context entries override them.
 */
const STANDARD_PREFIXES: Readonly<Record<string, string>> = {
  gs1: 'https://gs1.org/voc/',
  cbv: 'https://ref.gs1.org/cbv/',
  epcis: 'https://ref.gs1.org/epcis/',
  cbvmda: 'urn:epcglobal:cbv:mda:',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  dcterms: 'http://purl.org/dc/terms/',
};

type Prefixes = ReadonlyMap<string, string>;

/** Collects `prefix → namespace IRI` from a JSON-LD `@context` (string, object or array). */
function prefixesFromContext(context: unknown, into = new Map(Object.entries(STANDARD_PREFIXES))): Map<string, string> {
  if (Array.isArray(context)) {
    for (const c of context) prefixesFromContext(c, into);
  } else if (isObject(context)) {
    for (const [key, value] of Object.entries(context)) {
      if (key.startsWith('@')) continue;
      const iri = typeof value === 'string' ? value : isObject(value) ? value['@id'] : undefined;
      // Only entries mapping to an absolute IRI can serve as a prefix.
      if (typeof iri === 'string' && /^[A-Za-z][\w+.-]*:/.test(iri)) into.set(key, iri);
    }
  }
  return into;
}

const prefixCache = new WeakMap<object, Map<string, string>>();

/**
 * Prefixes of a document context plus an event's own; documents share one context object across
 * thousands of events, so its prefixes are worked out once.
 */
function contextPrefixes(context: unknown, eventContext: unknown): Map<string, string> {
  if (eventContext !== undefined || typeof context !== 'object' || context === null) {
    return prefixesFromContext([context, eventContext]);
  }
  let cached = prefixCache.get(context);
  if (!cached) {
    cached = prefixesFromContext(context);
    prefixCache.set(context, cached);
  }
  return cached;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Splits `prefix:local` when prefix is a declared prefix (not `https://…` or `urn:…`). */
function splitCurie(text: string, prefixes: Prefixes): [string, string] | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = text.slice(0, colon);
  const local = text.slice(colon + 1);
  const ns = prefixes.get(prefix);
  return ns !== undefined && !local.startsWith('//') ? [ns, local] : undefined;
}

/** A JSON key as an element name: CURIEs become Clark notation, like XML namespaces do. */
function elementName(key: string, prefixes: Prefixes): string {
  const curie = splitCurie(key, prefixes);
  return curie ? `{${curie[0]}}${curie[1]}` : key;
}

/**
 * Vocabulary a bare-string value is short for (CBV rule 16), keyed by `parent/field`. An empty
 * parent is the event itself. JSON-LD resolves these through the EPCIS context's type-scoped
 * vocabularies; the result is the same IRI.
 */
const BARE_VOCABULARY: Readonly<Record<string, string>> = {
  '/bizStep': 'https://ref.gs1.org/cbv/BizStep-',
  '/disposition': 'https://ref.gs1.org/cbv/Disp-',
  'persistentDisposition/set': 'https://ref.gs1.org/cbv/Disp-',
  'persistentDisposition/unset': 'https://ref.gs1.org/cbv/Disp-',
  'bizTransactionList/type': 'https://ref.gs1.org/cbv/BTT-',
  'sourceList/type': 'https://ref.gs1.org/cbv/SDT-',
  'destinationList/type': 'https://ref.gs1.org/cbv/SDT-',
  'errorDeclaration/reason': 'https://ref.gs1.org/cbv/ER-',
  'sensorReport/type': 'https://gs1.org/voc/',
  'sensorReport/exception': 'https://gs1.org/voc/SensorAlertType-',
  'sensorReport/component': 'https://ref.gs1.org/cbv/Comp-',
};

/** Event-level JSON lists and the element name their items have in the XML binding. */
const LIST_ITEM_NAMES: Readonly<Record<string, string>> = {
  epcList: 'epc',
  inputEPCList: 'epc',
  outputEPCList: 'epc',
  childEPCs: 'epc',
  quantityList: 'quantityElement',
  childQuantityList: 'quantityElement',
  inputQuantityList: 'quantityElement',
  outputQuantityList: 'quantityElement',
  sensorElementList: 'sensorElement',
  bizTransactionList: 'bizTransaction',
  sourceList: 'source',
  destinationList: 'destination',
};

/** Lists whose items carry their identifier as a value and a `type` attribute (XML binding). */
const TYPED_LISTS: ReadonlySet<string> = new Set(['bizTransactionList', 'sourceList', 'destinationList']);

/** Comments are annotations, not event data (the reference implementation drops them too). */
const COMMENT_NAMES: ReadonlySet<string> = new Set([
  'comment',
  'rdfs:comment',
  '{http://www.w3.org/2000/01/rdf-schema#}comment',
]);

class JsonReader {
  constructor(private readonly prefixes: Prefixes) {}

  /** Text of a JSON scalar, with bare vocabulary words and CURIEs expanded. */
  scalar(value: string | number | boolean, parent: string, key: string): string {
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number') return String(value);
    const trimmed = value.trim();
    const vocabulary = BARE_VOCABULARY[`${parent}/${key}`];
    if (vocabulary && trimmed !== '' && !trimmed.includes(':')) return vocabulary + trimmed;
    const curie = splitCurie(trimmed, this.prefixes);
    return curie ? curie[0] + curie[1] : value;
  }

  /** Nodes for one JSON member; arrays give one node per item, as repeated XML elements do. */
  field(key: string, value: unknown, parent: string): CanonicalNode[] {
    if (key === '@context' || COMMENT_NAMES.has(key)) return [];
    const name = elementName(key, this.prefixes);
    if (COMMENT_NAMES.has(name)) return [];
    if (value === null || value === undefined) return [];
    const itemName = parent === '' ? LIST_ITEM_NAMES[key] : undefined;
    if (itemName !== undefined) {
      const items = Array.isArray(value) ? value : [value];
      return [{ name, children: items.flatMap((item) => this.listItem(key, itemName, item)) }];
    }
    if (Array.isArray(value)) return value.flatMap((item) => this.field(key, item, parent));
    if (isObject(value)) return [{ name, children: this.members(value, key) }];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      return [{ name, value: this.scalar(value, parent, key), children: [] }];
    }
    return [];
  }

  members(object: Record<string, unknown>, parent: string): CanonicalNode[] {
    return Object.entries(object).flatMap(([k, v]) => this.field(k, v, parent));
  }

  listItem(listKey: string, itemName: string, item: unknown): CanonicalNode[] {
    if (item === null || item === undefined) return [];
    if (Array.isArray(item)) return item.flatMap((i) => this.listItem(listKey, itemName, i));
    if (!isObject(item)) {
      return typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean'
        ? [{ name: itemName, value: this.scalar(item, listKey, itemName), children: [] }]
        : [];
    }
    if (TYPED_LISTS.has(listKey)) {
      // {"type": "po", "bizTransaction": "…"} is <bizTransaction type="po">…</bizTransaction>.
      const { [itemName]: id, ...rest } = item;
      const value =
        typeof id === 'string' || typeof id === 'number' || typeof id === 'boolean'
          ? this.scalar(id, listKey, itemName)
          : undefined;
      return [{ name: itemName, ...(value === undefined ? {} : { value }), children: this.members(rest, listKey) }];
    }
    return [{ name: itemName, children: this.members(item, itemName) }];
  }
}

/**
 * Reads one JSON/JSON-LD EPCIS event into the canonical model.
 *
 * @param event the event object (as in `epcisBody.eventList`).
 * @param context the enclosing document's `@context`; an event-level `@context` is added to it.
 * @throws TypeError when the event has no `type`.
 */
export function jsonEventToCanonical(event: Record<string, unknown>, context?: unknown): CanonicalNode {
  const type = event['type'];
  if (typeof type !== 'string' || type.trim() === '') {
    throw new TypeError('EPCIS event has no "type" (e.g. "ObjectEvent")');
  }
  const reader = new JsonReader(contextPrefixes(context, event['@context']));
  const { type: _eventType, ...fields } = event;
  return { name: type.trim(), children: reader.members(fields, '') };
}

// =============================================================================================
// Stage 2: canonical model -> pre-hash string
// =============================================================================================

/** A property order: field names in sequence, each with the order of its own children. */
type PropertyOrder = readonly (readonly [name: string, children: PropertyOrder | null])[];

const EPC: PropertyOrder = [['epc', null]];
const QUANTITY: PropertyOrder = [['quantityElement', [['epcClass', null], ['quantity', null], ['uom', null]]]];

/**
 * Canonical property order (CBV 2.0, sequence 2–23). `bizTransactionList`, `sourceList` and
 * `destinationList` (sequence 20–22) are deliberately absent: the reference implementation, and
 * therefore every published vector, serialises them among the trailing, lexically sorted
 * elements (so after `sensorElementList`, and `destinationList` before `sourceList`).
 */
const EVENT_ORDER: PropertyOrder = [
  ['eventTime', null],
  ['eventTimeZoneOffset', null],
  ['epcList', EPC],
  ['parentID', null],
  ['inputEPCList', EPC],
  ['childEPCs', EPC],
  ['quantityList', QUANTITY],
  ['childQuantityList', QUANTITY],
  ['inputQuantityList', QUANTITY],
  ['outputEPCList', EPC],
  ['outputQuantityList', QUANTITY],
  ['action', null],
  ['transformationID', null],
  ['bizStep', null],
  ['disposition', null],
  ['persistentDisposition', [['set', null], ['unset', null]]],
  ['readPoint', [['id', null]]],
  ['bizLocation', [['id', null]]],
  [
    'sensorElementList',
    [
      [
        'sensorElement',
        [
          [
            'sensorMetadata',
            ['time', 'startTime', 'endTime', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'bizRules'].map(
              (n) => [n, null] as const,
            ),
          ],
          [
            'sensorReport',
            [
              'type', 'exception', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'time',
              'microorganism', 'chemicalSubstance', 'value', 'component', 'stringValue', 'booleanValue',
              'hexBinaryValue', 'uriValue', 'minValue', 'maxValue', 'meanValue', 'sDev', 'percRank', 'percValue',
              'uom', 'coordinateReferenceSystem',
            ].map((n) => [n, null] as const),
          ],
        ],
      ],
    ],
  ],
];

/**
 * Event fields that never enter the hash: the event's own identity and bookkeeping
 * (`eventID`, `recordTime`), `errorDeclaration` (so that declaring an error keeps the hash of the
 * event it corrects), and `certificationInfo` (not part of the CBV 2.0 canonical property order).
 */
const IGNORED_EVENT_FIELDS: readonly string[] = ['eventID', 'recordTime', 'errorDeclaration', 'certificationInfo'];

/**
 * Case-sensitive lexical order on Unicode code points, i.e. on UTF-8 bytes (CBV rule 10).
 * JavaScript's own string order compares UTF-16 code units, which differs in one case only: a
 * surrogate (part of a character above U+FFFF) against U+E000–U+FFFF.
 */
function lexicalCompare(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      const xSurrogate = x < 0xe000;
      if (xSurrogate !== y < 0xe000) return xSurrogate ? 1 : -1;
    }
    return x - y;
  }
  return a.length - b.length;
}

const sortedJoin = (parts: string[]): string => parts.sort(lexicalCompare).join('');

/** Extension elements carry a namespace; standard EPCIS fields do not. */
const isExtension = (node: CanonicalNode): boolean => node.name.startsWith('{');

/** Fields whose values are timestamps: `eventTime`, `time`, `startTime`, `endTime`, … */
function isTimeField(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.includes('time') && !lower.includes('offset');
}

const XSD_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * Normalises an xsd:dateTime to UTC at millisecond precision (CBV rules 8–9), e.g.
 * `2005-04-03T20:33:31.116000-06:00` → `2005-04-04T02:33:31.116Z`. A fourth fractional digit of
 * 5–9 rounds the milliseconds up (the rule CBV 2.1 spells out); missing milliseconds become
 * `.000`. A timestamp without a zone is read as UTC.
 *
 * @returns the normalised timestamp, or undefined when `value` is not an xsd:dateTime.
 */
export function normaliseTimestamp(value: string): string | undefined {
  const m = XSD_DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = m[7] ?? '';
  if (year < 1 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC: it maps years 0–99 to 1900–1999
  date.setUTCHours(hour, minute, second, 0);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined; // e.g. 31 Feb
  let millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  if ((fraction[3] ?? '0') >= '5') millis += 1;
  const sign = m[9] === '-' ? -1 : 1;
  const offsetHours = Number(m[10] ?? 0);
  const offsetMinutes = Number(m[11] ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const offsetMs = sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  const utc = new Date(date.getTime() + millis - offsetMs);
  const iso = utc.toISOString();
  return /^\d{4}-/.test(iso) ? iso : undefined; // outside years 0000–9999 there is no xsd form to match
}

/** The numeric literals Python's float() accepts (digits may be grouped with underscores). */
const DECIMAL = /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?$/;

/**
 * Canonical text of a numeric value (CBV rules 6–7: no trailing zeros, no quotes). Numbers are
 * read as IEEE doubles and printed the way the reference implementation does (Python
 * `str(int(x))` for whole numbers, `repr(x)` otherwise): `452.0` → `452`, `0.50` → `0.5`,
 * `1e-5` → `1e-05`, and a long digit string loses what a double cannot hold. Matching that exactly
 * is what makes hashes agree across implementations.
 *
 * @returns the canonical number, or the input unchanged when it is not a decimal literal.
 */
export function canonicalNumber(text: string): string {
  if (!DECIMAL.test(text)) return text;
  const n = Number(text.replaceAll('_', ''));
  if (!Number.isFinite(n)) return text;
  if (Number.isInteger(n)) return BigInt(n).toString();
  // Same shortest round-trip digits as Python's repr; only the exponent style differs.
  const [mantissa = '', exponentText = '0'] = n.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(n);
}

/** Pre-2.0 CBV URNs and their Web URI equivalents (CBV rule 14). */
const CBV_URNS: readonly (readonly [string, string])[] = [
  ['urn:epcglobal:cbv:bizstep:', 'https://ref.gs1.org/cbv/BizStep-'],
  ['urn:epcglobal:cbv:disp:', 'https://ref.gs1.org/cbv/Disp-'],
  ['urn:epcglobal:cbv:btt:', 'https://ref.gs1.org/cbv/BTT-'],
  ['urn:epcglobal:cbv:sdt:', 'https://ref.gs1.org/cbv/SDT-'],
  ['urn:epcglobal:cbv:er:', 'https://ref.gs1.org/cbv/ER-'],
];

/**
 * CURIE prefixes of the standard vocabularies, expanded in every value whatever the syntax
 * declares (CBV rule 15). XML carries them as plain text (`type="gs1:Temperature"`); other
 * prefixes are only known from a JSON-LD context and are expanded by the JSON reader.
 */
const STANDARD_VALUE_PREFIXES: readonly (readonly [string, string])[] = [
  ['gs1:', 'https://gs1.org/voc/'],
  ['cbv:', 'https://ref.gs1.org/cbv/'],
  ['epcis:', 'https://ref.gs1.org/epcis/'],
];

/**
 * Canonical form of a (non-timestamp) value: trimmed, CBV URNs and standard CURIEs as Web URIs,
 * numbers without trailing zeros, EPC URIs and Digital Links as constrained canonical Digital
 * Link URIs.
 */
export function canonicalValue(raw: string): string {
  let cached = valueCache.get(raw);
  if (cached === undefined) {
    cached = computeCanonicalValue(raw);
    // Identifiers repeat across events (parties, sites, vocabulary); a bounded memo keeps them.
    if (valueCache.size >= 50_000) valueCache.clear();
    valueCache.set(raw, cached);
  }
  return cached;
}

const valueCache = new Map<string, string>();

function computeCanonicalValue(raw: string): string {
  let text = raw.trim();
  for (const [from, to] of [...CBV_URNS, ...STANDARD_VALUE_PREFIXES]) {
    if (text.startsWith(from)) text = to + text.slice(from.length);
  }
  text = canonicalNumber(text);
  return canonicalIdentifier(text) ?? text;
}

/** `=value` for a node's text, or '' when it has none. */
function valueSuffix(node: CanonicalNode, asTime: boolean): string {
  const text = node.value?.trim() ?? '';
  if (text === '') return '';
  return `=${asTime ? (normaliseTimestamp(text) ?? text) : canonicalValue(text)}`;
}

/** Generic serialisation (ILMD, extensions, leftovers): `name=value` then children, sorted. */
function renderGeneric(node: CanonicalNode): string {
  return node.name + valueSuffix(node, false) + renderGenericList(node.children);
}

function renderGenericList(nodes: readonly CanonicalNode[]): string {
  return sortedJoin(nodes.map(renderGeneric));
}

/**
 * A typed list (`bizTransactionList`, `sourceList`, `destinationList`): each item is its type
 * followed by its identifier (`type=…BTT-po` `bizTransaction=…`), items sorted.
 */
function renderTypedList(list: CanonicalNode): string {
  const items = list.children.map((item) => {
    const type = item.children.find((c) => c.name === 'type');
    const others = item.children.filter((c) => c !== type);
    const typeText = type ? `type${valueSuffix(type, false)}` : '';
    const idText = item.value?.trim() ? item.name + valueSuffix(item, false) : '';
    return typeText + idText + renderGenericList(others);
  });
  const body = sortedJoin(items.filter((s) => s !== ''));
  return body === '' ? '' : list.name + body;
}

/** Result of serialising children in property order. */
interface Ordered {
  readonly text: string;
  /** Children not named in the order (nor inlined as extensions). */
  readonly unconsumed: readonly CanonicalNode[];
  /** Unknown content found below ordered children, each wrapped in its path of parent names. */
  readonly leftovers: readonly CanonicalNode[];
}

/**
 * Serialises `children` in `order`; same-named siblings are sorted (CBV rules 11–12). Inside a
 * standard field (`inlineExtensions`), extension elements follow the regular fields, sorted
 * (rule 21). Anything else is handed back so the caller can place it in the trailing section.
 */
function renderOrdered(children: readonly CanonicalNode[], order: PropertyOrder, inlineExtensions: boolean): Ordered {
  const consumed = new Set<CanonicalNode>();
  const parts: string[] = [];
  const leftovers: CanonicalNode[] = [];
  for (const [name, childOrder] of order) {
    const rendered: string[] = [];
    for (const child of children.filter((c) => c.name === name)) {
      consumed.add(child);
      const field = renderOrderedField(child, childOrder);
      if (field.text !== '') rendered.push(field.text);
      if (field.leftover) leftovers.push(field.leftover);
    }
    parts.push(sortedJoin(rendered));
  }
  let unconsumed = children.filter((c) => !consumed.has(c));
  if (inlineExtensions) {
    parts.push(renderGenericList(unconsumed.filter(isExtension)));
    unconsumed = unconsumed.filter((c) => !isExtension(c));
  }
  return { text: parts.join(''), unconsumed, leftovers };
}

function renderOrderedField(node: CanonicalNode, order: PropertyOrder | null): { text: string; leftover?: CanonicalNode } {
  const value = valueSuffix(node, isTimeField(node.name));
  let childText = '';
  let rest: readonly CanonicalNode[] = node.children;
  if (order) {
    const inner = renderOrdered(node.children, order, true);
    childText = inner.text;
    rest = [...inner.unconsumed, ...inner.leftovers];
  }
  const text = value !== '' || childText !== '' ? node.name + value + childText : '';
  // Unknown, non-extension content keeps its path (e.g. sensorElementList/sensorElement/
  // sensorReport/bizRules) and goes to the end, as in the reference implementation.
  return rest.length > 0 ? { text, leftover: { name: node.name, children: rest } } : { text };
}

/** Resolves ignore-field names (CURIE, Clark or plain) against a context. */
function ignoredNames(names: readonly string[], context: unknown): Set<string> {
  if (names.length === 0) return new Set();
  const prefixes = prefixesFromContext(context);
  return new Set(names.map((n) => elementName(n.trim(), prefixes)));
}

/**
 * The pre-hash string of an event in the canonical model: `eventType=…`, the fields in canonical
 * property order, then — lexically sorted — the typed lists, `ilmd`, event-level extensions and
 * any unknown content.
 *
 * @param event event node as produced by a reader (name = event type).
 * @param ignoreFields further event-level element names (Clark notation) to leave out.
 */
export function canonicalPreHash(event: CanonicalNode, ignoreFields: Iterable<string> = []): string {
  const ignored = new Set([...IGNORED_EVENT_FIELDS, ...ignoreFields]);
  const fields = event.children.filter((c) => !ignored.has(c.name));
  const ordered = renderOrdered(fields, EVENT_ORDER, false);
  const trailing = [
    ...ordered.unconsumed.map((node) => (TYPED_LISTS.has(node.name) ? renderTypedList(node) : renderGeneric(node))),
    ...ordered.leftovers.map(renderGeneric),
  ];
  return `eventType=${event.name}${ordered.text}${sortedJoin(trailing)}`;
}

// =============================================================================================
// Public API: pre-hash strings and hashes for JSON / JSON-LD events and documents
// =============================================================================================

/** Named Information hash names (RFC 6920 registry) and the node:crypto digest behind each. */
const NI_DIGESTS = {
  'sha-256': 'sha256',
  'sha-384': 'sha384',
  'sha-512': 'sha512',
  'sha3-224': 'sha3-224',
  'sha3-256': 'sha3-256',
  'sha3-384': 'sha3-384',
  'sha3-512': 'sha3-512',
} as const;

/** Digest algorithms accepted for the event hash, named as in the RFC 6920 registry. */
export type EventHashAlgorithm = keyof typeof NI_DIGESTS;

/**
 * Canonical pre-hash string of one JSON/JSON-LD EPCIS event.
 *
 * @param event the event object (from `epcisBody.eventList`, `queryResults.resultsBody.eventList`,
 *   or a lone event).
 * @param context the document's `@context`, so that CURIEs (`example:myField`,
 *   `cbv:BizStep-shipping`) expand to the namespaces the document declares.
 * @param options e.g. repository fields to ignore.
 */
export function eventPreHash(event: Record<string, unknown>, context?: unknown, options: PreHashOptions = {}): string {
  const node = jsonEventToCanonical(event, context);
  return canonicalPreHash(node, ignoredNames(options.ignoreFields ?? [], [context, event['@context']]));
}

/**
 * Digests a pre-hash string into an EPCIS Event Hash ID: `ni:///sha-256;<hex>?ver=CBV2.0`.
 *
 * @throws RangeError for an algorithm outside {@link EventHashAlgorithm}.
 */
export function preHashToEventHash(preHash: string, hashAlgorithm: EventHashAlgorithm = 'sha-256'): string {
  const digest = (NI_DIGESTS as Readonly<Record<string, string>>)[hashAlgorithm];
  if (digest === undefined) throw new RangeError(`Unsupported event hash algorithm "${String(hashAlgorithm)}"`);
  const hex = createHash(digest).update(preHash, 'utf8').digest('hex');
  return `ni:///${hashAlgorithm};${hex}?ver=${CBV_HASH_VERSION}`;
}

/**
 * EPCIS Event Hash ID of one JSON/JSON-LD event (CBV 2.0), e.g.
 * `ni:///sha-256;6ae96341…?ver=CBV2.0`.
 *
 * @param event the event object.
 * @param context the document's `@context`.
 * @param hashAlgorithm digest algorithm (RFC 6920 name), `sha-256` by default.
 */
export function eventHash(
  event: Record<string, unknown>,
  context?: unknown,
  hashAlgorithm: EventHashAlgorithm = 'sha-256',
  options: PreHashOptions = {},
): string {
  return preHashToEventHash(eventPreHash(event, context, options), hashAlgorithm);
}

/** The events of a document together with what is needed to hash them. */
export interface DocumentEvents {
  readonly events: readonly Record<string, unknown>[];
  readonly context: unknown;
  /** Names declared in the document's `ignoreFields` element(s). */
  readonly ignoreFields: readonly string[];
}

/** Values of any `ignoreFields` / `<prefix>:ignoreFields` member of `holder`. */
function declaredIgnoreFields(holder: unknown): string[] {
  if (!isObject(holder)) return [];
  return Object.entries(holder)
    .filter(([key]) => key === 'ignoreFields' || key.endsWith(':ignoreFields'))
    .flatMap(([, value]) => (Array.isArray(value) ? value : [value]))
    .filter((v): v is string => typeof v === 'string');
}

/**
 * Finds the events of an EPCIS document (`epcisBody.eventList` or `epcisBody.event`), of an EPCIS
 * query document (`epcisBody.queryResults.resultsBody.eventList`), of a lone event, or of an array
 * of events, in document order.
 *
 * @throws TypeError when `doc` is none of these.
 */
export function documentEvents(doc: unknown): DocumentEvents {
  if (Array.isArray(doc)) return { events: doc.filter(isObject), context: undefined, ignoreFields: [] };
  if (!isObject(doc)) throw new TypeError('Not an EPCIS document: expected a JSON object');
  const context = doc['@context'];
  const body = doc['epcisBody'];
  const queryResults = isObject(body) ? body['queryResults'] : undefined;
  const ignoreFields = [doc, body, queryResults].flatMap(declaredIgnoreFields);
  const resultsBody = isObject(queryResults) ? queryResults['resultsBody'] : undefined;
  const list = isObject(resultsBody)
    ? resultsBody['eventList']
    : isObject(body)
      ? (body['eventList'] ?? (body['event'] === undefined ? undefined : [body['event']]))
      : undefined;
  if (Array.isArray(list)) return { events: list.filter(isObject), context, ignoreFields };
  if (typeof doc['type'] === 'string' && doc['type'].endsWith('Event')) {
    return { events: [doc], context: undefined, ignoreFields: [] };
  }
  throw new TypeError('Not an EPCIS document: no epcisBody.eventList, queryResults or event');
}

/** Pre-hash strings of every event of an EPCIS (query) document, in document order. */
export function documentEventPreHashes(doc: unknown): string[] {
  const { events, context, ignoreFields } = documentEvents(doc);
  return events.map((event) => eventPreHash(event, context, { ignoreFields }));
}

/**
 * EPCIS Event Hash IDs of every event of an EPCIS document or query document, in document order.
 * Fields the document lists in an `ignoreFields` element (at document level or in
 * `queryResults`) are left out, as are `eventID`, `recordTime`, `errorDeclaration` and
 * `certificationInfo`.
 */
export function documentEventHashes(doc: unknown, hashAlgorithm: EventHashAlgorithm = 'sha-256'): string[] {
  return documentEventPreHashes(doc).map((preHash) => preHashToEventHash(preHash, hashAlgorithm));
}
