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
import * as crypto from 'node:crypto';
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
export const STANDARD_PREFIXES: Readonly<Record<string, string>> = {
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
  if (colon <= 0 || text.startsWith('//', colon + 1)) return undefined;
  const ns = prefixes.get(text.slice(0, colon));
  return ns !== undefined ? [ns, text.slice(colon + 1)] : undefined;
}

/** A JSON key as an element name: CURIEs become Clark notation, like XML namespaces do. */
function elementName(key: string, prefixes: Prefixes): string {
  const curie = splitCurie(key, prefixes);
  return curie ? `{${curie[0]}}${curie[1]}` : key;
}

/** Element names already worked out, per prefix map (documents repeat the same keys). */
const elementNameCache = new WeakMap<Prefixes, Map<string, string>>();

function elementNames(prefixes: Prefixes): Map<string, string> {
  let names = elementNameCache.get(prefixes);
  if (!names) {
    names = new Map();
    elementNameCache.set(prefixes, names);
  }
  return names;
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

/** {@link BARE_VOCABULARY} as parent → field → vocabulary, so a lookup builds no key string. */
const BARE_VOCABULARY_BY_PARENT: ReadonlyMap<string, ReadonlyMap<string, string>> = (() => {
  const byParent = new Map<string, Map<string, string>>();
  for (const [path, vocabulary] of Object.entries(BARE_VOCABULARY)) {
    const slash = path.indexOf('/');
    const parent = path.slice(0, slash);
    if (!byParent.has(parent)) byParent.set(parent, new Map());
    byParent.get(parent)!.set(path.slice(slash + 1), vocabulary);
  }
  return byParent;
})();

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

/**
 * `vocabulary + word`, memoised: the same few words recur in every event, and handing out one
 * string per term keeps later lookups of it (see canonicalValue) cheap.
 */
function vocabularyTerm(vocabulary: string, word: string): string {
  let terms = vocabularyTerms.get(vocabulary);
  if (!terms) vocabularyTerms.set(vocabulary, (terms = new Map()));
  let term = terms.get(word);
  if (term === undefined) {
    term = vocabulary + word;
    if (terms.size >= 1_000) terms.clear();
    terms.set(word, term);
  }
  return term;
}

const vocabularyTerms = new Map<string, Map<string, string>>();

const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Reads JSON members into canonical nodes, appending them to an output list (no intermediate arrays). */
class JsonReader {
  private readonly names: Map<string, string>;

  constructor(readonly prefixes: Prefixes) {
    this.names = elementNames(prefixes);
  }

  /** {@link elementName}, memoised per prefix map (bounded: keys are vocabulary, not data). */
  name(key: string): string {
    let name = this.names.get(key);
    if (name === undefined) {
      name = elementName(key, this.prefixes);
      if (this.names.size >= 10_000) this.names.clear();
      this.names.set(key, name);
    }
    return name;
  }

  /** Text of a JSON scalar, with bare vocabulary words and CURIEs expanded. */
  scalar(value: string | number | boolean, parent: string, key: string): string {
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number') return String(value);
    const trimmed = value.trim();
    const vocabulary = BARE_VOCABULARY_BY_PARENT.get(parent)?.get(key);
    if (vocabulary && trimmed !== '' && !trimmed.includes(':')) return vocabularyTerm(vocabulary, trimmed);
    const curie = splitCurie(trimmed, this.prefixes);
    return curie ? curie[0] + curie[1] : value;
  }

  /** Nodes for one JSON member; arrays give one node per item, as repeated XML elements do. */
  field(key: string, value: unknown, parent: string, out: CanonicalNode[]): void {
    if (key === '@context' || COMMENT_NAMES.has(key)) return;
    const name = this.name(key);
    if (COMMENT_NAMES.has(name)) return;
    if (value === null || value === undefined) return;
    const itemName = parent === '' ? LIST_ITEM_NAMES[key] : undefined;
    if (itemName !== undefined) {
      const children: CanonicalNode[] = [];
      if (Array.isArray(value)) for (const item of value) this.listItem(key, itemName, item, children);
      else this.listItem(key, itemName, value, children);
      out.push({ name, children });
    } else if (Array.isArray(value)) {
      for (const item of value) this.field(key, item, parent, out);
    } else if (isObject(value)) {
      out.push({ name, children: this.members(value, key) });
    } else if (isScalar(value)) {
      out.push({ name, value: this.scalar(value, parent, key), children: [] });
    }
  }

  /** Nodes for the members of `object` (all but `except`), in member order. */
  members(object: Record<string, unknown>, parent: string, except?: string): CanonicalNode[] {
    const out: CanonicalNode[] = [];
    for (const key of Object.keys(object)) {
      if (key !== except) this.field(key, object[key], parent, out);
    }
    return out;
  }

  listItem(listKey: string, itemName: string, item: unknown, out: CanonicalNode[]): void {
    if (item === null || item === undefined) return;
    if (Array.isArray(item)) {
      for (const i of item) this.listItem(listKey, itemName, i, out);
    } else if (!isObject(item)) {
      if (isScalar(item)) out.push({ name: itemName, value: this.scalar(item, listKey, itemName), children: [] });
    } else if (TYPED_LISTS.has(listKey)) {
      // {"type": "po", "bizTransaction": "…"} is <bizTransaction type="po">…</bizTransaction>.
      const id = item[itemName];
      const children = this.members(item, listKey, itemName);
      out.push(isScalar(id) ? { name: itemName, value: this.scalar(id, listKey, itemName), children } : { name: itemName, children });
    } else {
      out.push({ name: itemName, children: this.members(item, itemName) });
    }
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
  return { name: type.trim(), children: reader.members(event, '', 'type') };
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
const IGNORED_EVENT_FIELD_SET: ReadonlySet<string> = new Set(IGNORED_EVENT_FIELDS);

/** A property order prepared for lookup: each name's position, and the order of its children. */
interface CompiledOrder {
  readonly position: ReadonlyMap<string, number>;
  readonly children: readonly (CompiledOrder | null)[];
}

function compileOrder(order: PropertyOrder): CompiledOrder {
  return {
    position: new Map(order.map(([name], i) => [name, i])),
    children: order.map(([, children]) => (children ? compileOrder(children) : null)),
  };
}

const COMPILED_EVENT_ORDER = compileOrder(EVENT_ORDER);

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

/** Code units from U+D800 up: only strings holding one can sort differently by UTF-16 unit. */
const HIGH_CODE_UNIT = /[\ud800-\uffff]/;

/**
 * Runs a pre-hash writer optimistically with `narrow` sorting (by UTF-16 code unit, the fast
 * default sort), which is {@link lexicalCompare} order unless a sorted string holds a code unit
 * from U+D800 up. Every sorted string ends up in the result, so if the result holds none, the
 * order was right; otherwise the writer runs again with the exact comparison.
 */
function writeNarrowFirst<T extends string | undefined>(write: (narrow: boolean) => T): T {
  const text = write(true);
  return text !== undefined && HIGH_CODE_UNIT.test(text) ? write(false) : text;
}

/** Sorts `parts` in {@link lexicalCompare} order (in place) and concatenates them (see {@link writeNarrowFirst}). */
function sortedJoin(parts: string[], narrow: boolean): string {
  if (parts.length < 2) return parts.length === 0 ? '' : parts[0]!;
  parts.sort(narrow ? undefined : lexicalCompare);
  return parts.join('');
}

/**
 * {@link sortedJoin} for sibling elements, `texts[i]` being the serialisation of an element named
 * `names[i]` (so starting with it). Where no name is a prefix of another (nor equal to one), two
 * texts first differ inside their names, so the order of the names is the order of the texts:
 * names are short and the same sequences of names recur (the members of an `ilmd`, of an event),
 * so that order is looked up rather than sorted.
 */
function sortedJoinSiblings(names: readonly string[], texts: string[], narrow: boolean): string {
  if (texts.length < 2) return texts.length === 0 ? '' : texts[0]!;
  const order = narrow ? cachedNameOrder(names) : nameOrder(names, lexicalCompare);
  if (order === null) return sortedJoin(texts, narrow);
  let text = '';
  for (const i of order) text += texts[i]!;
  return text;
}

/** UTF-16 code unit order, as the default sort uses. */
const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Indexes of `names` in sorted order, or null when a name is a prefix of (or equal to) another,
 * where the order of the names does not decide the order of the texts.
 */
function nameOrder(names: readonly string[], compare: (a: string, b: string) => number): readonly number[] | null {
  const order = names.map((_, i) => i).sort((i, j) => compare(names[i]!, names[j]!));
  // In sorted order, a name that prefixes another also prefixes the one right after it.
  for (let k = 1; k < order.length; k++) {
    if (names[order[k]!]!.startsWith(names[order[k - 1]!]!)) return null;
  }
  return order;
}

/** {@link nameOrder} by code unit, memoised per name sequence (a trie over the names). */
interface NameOrderNode {
  readonly next: Map<string, NameOrderNode>;
  order?: readonly number[] | null;
}

const MAX_NAME_ORDER_NODES = 10_000;
let nameOrderRoot: NameOrderNode = { next: new Map() };
let nameOrderNodes = 0;

function cachedNameOrder(names: readonly string[]): readonly number[] | null {
  let node = nameOrderRoot;
  for (const name of names) {
    let child = node.next.get(name);
    if (child === undefined) {
      if (nameOrderNodes >= MAX_NAME_ORDER_NODES) {
        nameOrderRoot = { next: new Map() };
        nameOrderNodes = 0;
        return nameOrder(names, compareCodeUnits);
      }
      child = { next: new Map() };
      node.next.set(name, child);
      nameOrderNodes++;
    }
    node = child;
  }
  if (node.order === undefined) node.order = nameOrder(names, compareCodeUnits);
  return node.order;
}

/** Extension elements carry a namespace; standard EPCIS fields do not. */
const isExtension = (node: CanonicalNode): boolean => node.name.startsWith('{');

/** Fields whose values are timestamps: `eventTime`, `time`, `startTime`, `endTime`, … */
function isTimeField(name: string): boolean {
  let answer = timeFieldCache.get(name);
  if (answer === undefined) {
    const lower = name.toLowerCase();
    answer = lower.includes('time') && !lower.includes('offset');
    if (timeFieldCache.size >= 10_000) timeFieldCache.clear();
    timeFieldCache.set(name, answer);
  }
  return answer;
}

const timeFieldCache = new Map<string, boolean>();

const CANONICAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Whether `value` is already a normalised timestamp (`2026-03-02T06:15:07.149Z`, as Orpaille
 * writes them): UTC, milliseconds, and a real instant (year 0001 on, no 31 February, no 24:00).
 * Such a value is its own normal form, so the fast path of {@link normaliseTimestamp} gives it back.
 */
function isCanonicalTimestamp(value: string): boolean {
  if (!CANONICAL_DATE_TIME.test(value)) return false;
  const digits = (from: number, to: number): number => Number(value.slice(from, to));
  const year = digits(0, 4);
  const month = digits(5, 7);
  const day = digits(8, 10);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (
    year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= monthDays &&
    digits(11, 13) <= 23 && digits(14, 16) <= 59 && digits(17, 19) <= 59
  );
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
  if (isCanonicalTimestamp(value)) return value;
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
  const n = Number(text.includes('_') ? text.replaceAll('_', '') : text);
  if (!Number.isFinite(n)) return text;
  // Up to 2^53 String(n) prints every digit of an integer, as BigInt does beyond.
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  // A non-integer double is below 2^52 < 1e16, and String(n) writes it like Python does from
  // 1e-4 on (in fixed notation, shortest round-trip digits).
  if (Math.abs(n) >= 1e-4) return String(n);
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

/**
 * {@link canonicalValue} of a non-empty, trimmed text, asking the memo only for what may be an
 * identifier or a vocabulary URI. The first character decides: a number starts with a digit, a
 * sign or a point (and nothing else that does changes); every prefix {@link computeCanonicalValue}
 * rewrites starts with `u` (urn:…), `g`, `c`, `e` (gs1:, cbv:, epcis:) or `h`/`H` (http…); any
 * other text is its own canonical form. The memo is large; skipping it for codes, units, actions,
 * quantities and dates keeps the hot entries in the CPU's caches.
 */
function canonicalTrimmedValue(text: string): string {
  switch (text.charCodeAt(0)) {
    case 0x75: // u
    case 0x67: // g
    case 0x63: // c
    case 0x65: // e
    case 0x68: // h
    case 0x48: // H
      return canonicalValue(text);
    case 0x2b: // +
    case 0x2d: // -
    case 0x2e: // .
    case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: // 0-4
    case 0x35: case 0x36: case 0x37: case 0x38: case 0x39: // 5-9
      return canonicalNumber(text);
    default:
      return text;
  }
}

const VALUE_PREFIXES: readonly (readonly [string, string])[] = [...CBV_URNS, ...STANDARD_VALUE_PREFIXES];

function computeCanonicalValue(raw: string): string {
  let text = raw.trim();
  for (const [from, to] of VALUE_PREFIXES) {
    if (text.startsWith(from)) text = to + text.slice(from.length);
  }
  text = canonicalNumber(text);
  return canonicalIdentifier(text) ?? text;
}

/** Result of serialising children in property order. */
interface Ordered {
  readonly text: string;
  /** Children not named in the order (nor inlined as extensions). */
  readonly unconsumed: readonly CanonicalNode[];
  /** Unknown content found below ordered children, each wrapped in its path of parent names. */
  readonly leftovers: readonly CanonicalNode[];
}

/** Serialises one event tree; one instance per event and sort mode (see {@link writeNarrowFirst}). */
class PreHashWriter {
  constructor(private readonly narrow: boolean) {}

  private sortedJoin(parts: string[]): string {
    return sortedJoin(parts, this.narrow);
  }

  private name(node: CanonicalNode): string {
    return node.name;
  }

  /** `=value` for a node's text, or '' when it has none. */
  private valueSuffix(node: CanonicalNode, asTime: boolean): string {
    const text = node.value?.trim() ?? '';
    if (text === '') return '';
    return `=${asTime ? (normaliseTimestamp(text) ?? text) : canonicalTrimmedValue(text)}`;
  }

  /**
   * The pre-hash string of an event: `eventType=…`, the fields in canonical property order,
   * then — lexically sorted — the typed lists, `ilmd`, event-level extensions and any unknown
   * content.
   */
  event(event: CanonicalNode, ignored: ReadonlySet<string>): string {
    const type = this.name(event);
    const fields = event.children.filter((c) => !ignored.has(c.name));
    const ordered = this.ordered(fields, COMPILED_EVENT_ORDER, false);
    const trailing: string[] = [];
    for (const node of ordered.unconsumed) trailing.push(TYPED_LISTS.has(node.name) ? this.typedList(node) : this.generic(node));
    for (const node of ordered.leftovers) trailing.push(this.generic(node));
    return `eventType=${type}${ordered.text}${this.sortedJoin(trailing)}`;
  }

  /** Generic serialisation (ILMD, extensions, leftovers): `name=value` then children, sorted. */
  generic(node: CanonicalNode): string {
    const text = this.name(node) + this.valueSuffix(node, false);
    return node.children.length === 0 ? text : text + this.genericList(node.children);
  }

  genericList(nodes: readonly CanonicalNode[]): string {
    return this.sortedJoin(nodes.map((node) => this.generic(node)));
  }

  /**
   * A typed list (`bizTransactionList`, `sourceList`, `destinationList`): each item is its type
   * followed by its identifier (`type=…BTT-po` `bizTransaction=…`), items sorted.
   */
  typedList(list: CanonicalNode): string {
    const items: string[] = [];
    for (const item of list.children) {
      let type: CanonicalNode | undefined;
      const others: CanonicalNode[] = [];
      for (const child of item.children) {
        if (type === undefined && child.name === 'type') type = child;
        else others.push(child);
      }
      const typeText = type ? `type${this.valueSuffix(type, false)}` : '';
      const idText = item.value?.trim() ? this.name(item) + this.valueSuffix(item, false) : '';
      const text = typeText + idText + this.genericList(others);
      if (text !== '') items.push(text);
    }
    const body = this.sortedJoin(items);
    return body === '' ? '' : this.name(list) + body;
  }

  /**
   * Serialises `children` in `order`; same-named siblings are sorted (CBV rules 11–12). Inside a
   * standard field (`inlineExtensions`), extension elements follow the regular fields, sorted
   * (rule 21). Anything else is handed back so the caller can place it in the trailing section
   * (where everything is sorted, so the order of `unconsumed` and `leftovers` does not matter).
   */
  ordered(children: readonly CanonicalNode[], order: CompiledOrder, inlineExtensions: boolean): Ordered {
    // One pass: each child goes to the slot of its name in the order; texts in a slot are sorted.
    const slots: (string[] | undefined)[] = new Array(order.children.length);
    const unconsumed: CanonicalNode[] = [];
    const extensions: string[] = [];
    const leftovers: CanonicalNode[] = [];
    for (const child of children) {
      const position = order.position.get(child.name);
      if (position === undefined) {
        if (inlineExtensions && isExtension(child)) extensions.push(this.generic(child));
        else unconsumed.push(child);
        continue;
      }
      const text = this.orderedField(child, order.children[position] ?? null, leftovers);
      if (text !== '') (slots[position] ??= []).push(text);
    }
    let text = '';
    for (const slot of slots) if (slot !== undefined) text += this.sortedJoin(slot);
    if (extensions.length > 0) text += this.sortedJoin(extensions);
    return { text, unconsumed, leftovers };
  }

  /**
   * `name=value` of one ordered field followed by its children in their own order; unknown,
   * non-extension content below it is added to `leftovers`.
   */
  orderedField(node: CanonicalNode, order: CompiledOrder | null, leftovers: CanonicalNode[]): string {
    const value = this.valueSuffix(node, isTimeField(node.name));
    let childText = '';
    let rest: readonly CanonicalNode[] = node.children;
    if (order) {
      const inner = this.ordered(node.children, order, true);
      childText = inner.text;
      rest = inner.leftovers.length === 0 ? inner.unconsumed : [...inner.unconsumed, ...inner.leftovers];
    }
    // Unknown, non-extension content keeps its path (e.g. sensorElementList/sensorElement/
    // sensorReport/bizRules) and goes to the end, as in the reference implementation.
    if (rest.length > 0) leftovers.push({ name: node.name, children: rest });
    return value !== '' || childText !== '' ? this.name(node) + value + childText : '';
  }
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
  const extra = [...ignoreFields];
  const ignored = extra.length === 0 ? IGNORED_EVENT_FIELD_SET : new Set([...IGNORED_EVENT_FIELDS, ...extra]);
  return writeNarrowFirst((narrow) => new PreHashWriter(narrow).event(event, ignored));
}

// =============================================================================================
// Fast path: JSON events of common shape, written straight into the pre-hash string
// =============================================================================================

/** Standard fields written as `name=value` (no children), in {@link EVENT_ORDER}. */
const SCALAR_FIELDS: ReadonlySet<string> = new Set([
  'eventTime', 'eventTimeZoneOffset', 'parentID', 'action', 'transformationID', 'bizStep', 'disposition',
]);
const EPC_LISTS: ReadonlySet<string> = new Set(['epcList', 'inputEPCList', 'childEPCs', 'outputEPCList']);
const QUANTITY_LISTS: ReadonlySet<string> = new Set(['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList']);
const LOCATION_FIELDS: ReadonlySet<string> = new Set(['readPoint', 'bizLocation']);

/** How the fast path writes an event-level member (see {@link DirectPreHashWriter.member}). */
type EventMember =
  | { readonly kind: 'skip' | 'other' | 'unhandled' }
  | { readonly kind: 'ordered'; readonly position: number }
  | { readonly kind: 'typedList'; readonly itemName: string };

const eventMemberCaches = new WeakMap<Prefixes, Map<string, EventMember>>();

function eventMemberCache(prefixes: Prefixes): Map<string, EventMember> {
  let cache = eventMemberCaches.get(prefixes);
  if (!cache) eventMemberCaches.set(prefixes, (cache = new Map()));
  return cache;
}

/**
 * Writes a JSON event straight into its pre-hash string, without building the canonical tree,
 * when its standard fields have the common shapes: scalars; EPC lists of identifiers; quantity
 * elements of `epcClass`/`quantity`/`uom`; `readPoint`/`bizLocation` with an `id` only;
 * business transaction, source and destination lists of `type` + identifier. That is every event
 * Orpaille writes, and most events anyone writes. Extensions, `ilmd` and unknown members may hold
 * anything. For any other event (sensor data, persistentDisposition, extensions inside standard
 * fields, lists of lists, …) it gives up and the generic path serialises the tree.
 *
 * Each method mirrors what {@link JsonReader} reads and {@link PreHashWriter} then writes for
 * the same JSON, with the same helpers (scalar, canonicalValue, normaliseTimestamp, sortedJoin);
 * src/epcis/hash-equivalence.test.ts checks that both give the same string.
 */
class DirectPreHashWriter {
  constructor(
    private readonly reader: JsonReader,
    /** Sort mode, see {@link writeNarrowFirst}. */
    private readonly narrow: boolean,
  ) {}

  private sortedJoin(parts: string[]): string {
    return sortedJoin(parts, this.narrow);
  }

  /** `=value` for the text of a scalar as the reader gives it, or '' ({@link PreHashWriter.valueSuffix}). */
  private valueSuffix(text: string, asTime: boolean): string {
    const trimmed = text.trim();
    if (trimmed === '') return '';
    return `=${asTime ? (normaliseTimestamp(trimmed) ?? trimmed) : canonicalTrimmedValue(trimmed)}`;
  }

  /** The pre-hash string of `event` (type already checked), or undefined when its shape is not handled. */
  event(event: Record<string, unknown>, type: string): string | undefined {
    const ordered: string[] = []; // by position in EVENT_ORDER
    const trailingNames: string[] = [];
    const trailing: string[] = [];
    for (const key of Object.keys(event)) {
      const value = event[key];
      if (value === null || value === undefined) continue;
      const member = this.member(key);
      switch (member.kind) {
        case 'skip':
          break;
        case 'ordered': {
          // A standard name is its own key (element names of CURIE keys are Clark names).
          const text = this.orderedField(key, value);
          if (text === undefined) return undefined;
          ordered[member.position] = text;
          break;
        }
        case 'typedList': {
          const text = this.typedList(key, member.itemName, value);
          if (text === undefined) return undefined;
          trailing.push(text);
          trailingNames.push(key);
          break;
        }
        case 'other':
          this.generic(key, value, '', trailingNames, trailing);
          break;
        default:
          return undefined; // other lists (and keys like "constructor" that LIST_ITEM_NAMES[key] finds)
      }
    }
    return `eventType=${type}${ordered.join('')}${sortedJoinSiblings(trailingNames, trailing, this.narrow)}`;
  }

  /** How an event-level member is written; worked out once per key (and prefix map). */
  private member(key: string): EventMember {
    const members = eventMemberCache(this.reader.prefixes);
    let member = members.get(key);
    if (member === undefined) {
      const name = this.reader.name(key);
      const position = COMPILED_EVENT_ORDER.position.get(name);
      const itemName = LIST_ITEM_NAMES[key];
      if (key === 'type' || key === '@context' || COMMENT_NAMES.has(key) || COMMENT_NAMES.has(name) || IGNORED_EVENT_FIELD_SET.has(name)) {
        member = { kind: 'skip' };
      } else if (position !== undefined) {
        member = { kind: 'ordered', position };
      } else if (itemName === undefined) {
        member = { kind: 'other' };
      } else {
        member = TYPED_LISTS.has(key) && typeof itemName === 'string' ? { kind: 'typedList', itemName } : { kind: 'unhandled' };
      }
      if (members.size >= 10_000) members.clear();
      members.set(key, member);
    }
    return member;
  }

  /** A standard field of {@link EVENT_ORDER} ({@link PreHashWriter.orderedField}), or undefined. */
  private orderedField(key: string, value: unknown): string | undefined {
    if (SCALAR_FIELDS.has(key)) {
      if (!isScalar(value)) return undefined;
      const suffix = this.valueSuffix(this.reader.scalar(value, '', key), isTimeField(key));
      return suffix === '' ? '' : key + suffix;
    }
    if (EPC_LISTS.has(key)) return this.epcList(key, value);
    if (QUANTITY_LISTS.has(key)) return this.quantityList(key, value);
    if (LOCATION_FIELDS.has(key)) return this.location(key, value);
    return undefined; // persistentDisposition, sensorElementList
  }

  /** `epcList` and the like: `epc=…` items, sorted. */
  private epcList(key: string, value: unknown): string | undefined {
    if (!Array.isArray(value)) return undefined;
    const items: string[] = [];
    for (const item of value) {
      if (item === null || item === undefined) continue;
      if (!isScalar(item)) return undefined;
      const suffix = this.valueSuffix(this.reader.scalar(item, key, 'epc'), false);
      if (suffix !== '') items.push(`epc${suffix}`);
    }
    const body = this.sortedJoin(items);
    return body === '' ? '' : key + body;
  }

  /** `quantityList` and the like: `quantityElement` items of epcClass, quantity, uom; sorted. */
  private quantityList(key: string, value: unknown): string | undefined {
    if (!Array.isArray(value)) return undefined;
    const items: string[] = [];
    for (const item of value) {
      if (item === null || item === undefined) continue;
      if (!isObject(item)) return undefined;
      let epcClass = '';
      let quantity = '';
      let uom = '';
      for (const field of Object.keys(item)) {
        const fieldValue = item[field];
        if (field !== 'epcClass' && field !== 'quantity' && field !== 'uom') return undefined;
        if (fieldValue === null || fieldValue === undefined) continue;
        if (!isScalar(fieldValue)) return undefined;
        const suffix = this.valueSuffix(this.reader.scalar(fieldValue, 'quantityElement', field), false);
        const text = suffix === '' ? '' : field + suffix;
        if (field === 'epcClass') epcClass = text;
        else if (field === 'quantity') quantity = text;
        else uom = text;
      }
      const body = epcClass + quantity + uom; // QUANTITY order
      if (body !== '') items.push(`quantityElement${body}`);
    }
    const body = this.sortedJoin(items);
    return body === '' ? '' : key + body;
  }

  /** `readPoint` / `bizLocation` holding just an `id`. */
  private location(key: string, value: unknown): string | undefined {
    if (!isObject(value)) return undefined;
    let body = '';
    for (const field of Object.keys(value)) {
      const id = value[field];
      if (field !== 'id') return undefined;
      if (id === null || id === undefined) continue;
      if (!isScalar(id)) return undefined;
      const suffix = this.valueSuffix(this.reader.scalar(id, key, 'id'), false);
      if (suffix !== '') body = `id${suffix}`;
    }
    return body === '' ? '' : key + body;
  }

  /** `bizTransactionList`, `sourceList`, `destinationList` ({@link PreHashWriter.typedList}). */
  private typedList(key: string, itemName: string, value: unknown): string | undefined {
    if (!Array.isArray(value)) return undefined;
    const items: string[] = [];
    for (const item of value) {
      if (item === null || item === undefined) continue;
      if (!isObject(item)) return undefined;
      let typeText = '';
      let idText = '';
      for (const field of Object.keys(item)) {
        const fieldValue = item[field];
        if (field !== 'type' && field !== itemName) return undefined;
        if (fieldValue === null || fieldValue === undefined) continue;
        if (!isScalar(fieldValue)) return undefined;
        const suffix = this.valueSuffix(this.reader.scalar(fieldValue, key, field), false);
        if (field === 'type') typeText = `type${suffix}`;
        else if (suffix !== '') idText = itemName + suffix;
      }
      const text = typeText + idText;
      if (text !== '') items.push(text);
    }
    const body = this.sortedJoin(items);
    return body === '' ? '' : key + body;
  }

  /**
   * Any other member (ilmd, extensions, unknown fields), rendered generically: what
   * {@link JsonReader.field} reads for it, as {@link PreHashWriter.generic} writes each node.
   * Appends one text per node (none, or several for an array) to `texts`, its name to `names`.
   */
  private generic(key: string, value: unknown, parent: string, names: string[], texts: string[]): void {
    if (key === '@context' || COMMENT_NAMES.has(key)) return;
    const name = this.reader.name(key);
    if (COMMENT_NAMES.has(name) || value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) this.generic(key, item, parent, names, texts);
    } else if (isObject(value)) {
      const childNames: string[] = [];
      const children: string[] = [];
      for (const childKey of Object.keys(value)) this.generic(childKey, value[childKey], key, childNames, children);
      names.push(name);
      texts.push(name + sortedJoinSiblings(childNames, children, this.narrow));
    } else if (isScalar(value)) {
      names.push(name);
      texts.push(name + this.valueSuffix(this.reader.scalar(value, parent, key), false));
    }
  }
}

/**
 * Pre-hash string of a JSON event by the fast path ({@link DirectPreHashWriter}), or undefined
 * when the event is not of a shape it handles (or has no type). Exported for the equivalence test.
 */
export function directEventPreHash(event: Record<string, unknown>, context?: unknown): string | undefined {
  const type = event['type'];
  if (typeof type !== 'string' || type.trim() === '') return undefined;
  const reader = new JsonReader(contextPrefixes(context, event['@context']));
  return writeNarrowFirst((narrow) => new DirectPreHashWriter(reader, narrow).event(event, type.trim()));
}

/** Pre-hash string of a JSON event by the generic path: canonical tree, then {@link canonicalPreHash}. */
export function genericEventPreHash(event: Record<string, unknown>, context?: unknown, options: PreHashOptions = {}): string {
  const node = jsonEventToCanonical(event, context);
  return canonicalPreHash(node, ignoredNames(options.ignoreFields ?? [], [context, event['@context']]));
}

// =============================================================================================
// Public API: pre-hash strings and hashes for JSON / JSON-LD events and documents
// =============================================================================================

/** `crypto.hash` (Node 20.12+), the one-shot digest; older Node versions use createHash. */
const oneShotHash: typeof crypto.hash | undefined = typeof crypto.hash === 'function' ? crypto.hash : undefined;

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
  if ((options.ignoreFields ?? []).length === 0) {
    const direct = directEventPreHash(event, context);
    if (direct !== undefined) return direct;
  }
  return genericEventPreHash(event, context, options);
}

/**
 * Digests a pre-hash string into an EPCIS Event Hash ID: `ni:///sha-256;<hex>?ver=CBV2.0`.
 *
 * @throws RangeError for an algorithm outside {@link EventHashAlgorithm}.
 */
export function preHashToEventHash(preHash: string, hashAlgorithm: EventHashAlgorithm = 'sha-256'): string {
  const digest = (NI_DIGESTS as Readonly<Record<string, string>>)[hashAlgorithm];
  if (digest === undefined) throw new RangeError(`Unsupported event hash algorithm "${String(hashAlgorithm)}"`);
  const hex = oneShotHash
    ? oneShotHash(digest, preHash, 'hex') // UTF-8, like update(preHash, 'utf8'), without a Hash object
    : crypto.createHash(digest).update(preHash, 'utf8').digest('hex');
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
