/**
 * One EPCIS XML event element → the same event in JSON-LD shape, following the XML↔JSON mapping of
 * the EPCIS 2.0 standard (and the OpenEPCIS converter where the standard leaves room):
 *
 * - `<extension>` and `<baseExtension>` wrappers (EPCIS 1.x layout) are flattened away;
 * - list elements become arrays (`<epcList><epc>` → `epcList: [...]`), `type` attributes of
 *   business transactions, sources and destinations become `type` members;
 * - sensor metadata and reports are attributes, which become members (numbers and booleans typed);
 * - extension elements become members named by CURIE (`<ex:a>` → `"ex:a"`, the XML prefix kept
 *   unless it clashes); nested elements become objects, repeated ones arrays, text a string;
 *   attributes of an extension element become members of its object; `xsi:` attributes are dropped.
 *
 * Along the way it checks what the EPCIS 2.0 XML schema checks of an event: known elements only,
 * in schema order, required ones present, `action` one of ADD/OBSERVE/DELETE, timestamps
 * xsd:dateTime with a time zone.
 */
import {
  EPC_LISTS,
  EVENT_FIELD_ORDER,
  EVENT_FIELD_POSITION,
  EVENT_TYPES,
  QUANTITY_LISTS,
  requiredFields,
  SENSOR_BOOLEAN_FIELDS,
  SENSOR_METADATA_FIELDS,
  SENSOR_NUMBER_FIELDS,
  SENSOR_REPORT_FIELDS,
  TIME_FIELDS,
  isEventType,
} from './event-fields.js';
import { curieParts, EventNamespaces, VALUE_PREFIXES } from './namespaces.js';
import { withArticle } from './normalise.js';
import { childPath, problem, shown, type EpcisProblem } from './problems.js';
import { childElements, dataAttributes, isNil, isStandard, lineOf, ownText, type Element } from './xml-dom.js';

type Json = Record<string, unknown>;

/** An event element read: the event in JSON-LD shape, and what the normaliser needs to know. */
export interface XmlEventRead {
  /** Undefined when the element is no EPCIS event at all. */
  readonly raw: Json | undefined;
  /** `prefix → namespace IRI` of the CURIE keys in `raw`. */
  readonly prefixes: ReadonlyMap<string, string>;
  /** Prefixes text values start with (`example:x`): the normalised event must not declare them. */
  readonly reserved: ReadonlySet<string>;
  readonly problems: EpcisProblem[];
}

/** xsd:dateTime with a mandatory time zone (the DateTimeStamp type of the EPCIS 2.0 XML schema). */
const DATE_TIME_STAMP =
  /^\d{4}-(?:1[0-2]|0[1-9])-(?:3[01]|0[1-9]|[12]\d)T(?:2[0-3]|[01]\d):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))$/;
const XSD_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const XSD_DOUBLE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const ACTIONS = ['ADD', 'OBSERVE', 'DELETE'];

/** Standard elements that may repeat inside their parent: a list in JSON, even of one. */
const LISTED: ReadonlySet<string> = new Set(['sensorReport', 'set', 'unset']);
/** `certificationInfo` may repeat too (JSON allows a list of them); one stays a plain value. */
const REPEATABLE: ReadonlySet<string> = new Set([...LISTED, 'certificationInfo']);

const isWrapper = (e: Element): boolean => isStandard(e) && (e.localName === 'extension' || e.localName === 'baseExtension');

/** Reads one event element; problems say what the XML schema would reject. */
class XmlEventReader {
  readonly problems: EpcisProblem[] = [];
  readonly namespaces = new EventNamespaces();
  readonly reserved = new Set<string>();
  /** Arrays built from repeated elements (as opposed to values that are arrays). */
  private readonly repeated = new WeakSet<unknown[]>();

  constructor(private readonly index: number) {}

  private report(path: string, text: string, e?: Element): void {
    this.problems.push(problem(path, e ? `${text}${lineOf(e)}` : text, this.index));
  }

  /** A text value, noting a `prefix:` it starts with (see {@link XmlEventRead.reserved}). */
  private literal(text: string): string {
    const parts = curieParts(text);
    if (parts && !VALUE_PREFIXES.has(parts[0])) this.reserved.add(parts[0]);
    return text;
  }

  /**
   * A value of a CBV vocabulary field. EPCIS 2.0 lets XML write it as a CURIE whose prefix is an
   * XML namespace in scope (`<bizStep>ext1:summarising</bizStep>`), which then stands for the URI;
   * the standard `cbv:`/`gs1:` prefixes are left to the normaliser.
   */
  private vocabularyText(e: Element, text: string): string {
    const parts = curieParts(text);
    if (!parts || VALUE_PREFIXES.has(parts[0])) return text;
    const namespace = e.lookupNamespaceURI(parts[0]);
    return namespace ? namespace + parts[1] : text;
  }

  private text(e: Element, path: string): string {
    if (childElements(e).length > 0) this.report(path, `<${e.localName}> must hold text, not elements`, e);
    return this.literal(ownText(e).trim());
  }

  /** The JSON key of an extension element or attribute: a CURIE, or the bare name without namespace. */
  private key(namespace: string | null, prefix: string | null, localName: string): string {
    return namespace ? `${this.namespaces.prefixFor(namespace, prefix ?? undefined)}:${localName}` : localName;
  }

  event(e: Element, path: string): Json | undefined {
    const type = e.localName ?? '';
    if (!isStandard(e) || !isEventType(type)) {
      this.report(path, `<${e.tagName}> is not an EPCIS 2.0 event (expected one of ${EVENT_TYPES.join(', ')})`, e);
      return undefined;
    }
    const raw: Json = { type };
    this.members(e, path, raw, EVENT_FIELD_ORDER[type], EVENT_FIELD_POSITION[type], withArticle(type), (name, child, p) =>
      this.field(name, child, p),
    );
    for (const field of requiredFields(type)) {
      if (!(field in raw)) this.report(path, `missing <${field}>, which ${withArticle(type)} requires`, e);
    }
    return raw;
  }

  /**
   * Reads the children of `e` into `out`: standard elements (in `order`, at most once unless
   * repeatable) through `field`, others as extension members; `<extension>` wrappers flattened.
   */
  private members(
    e: Element,
    path: string,
    out: Json,
    order: readonly string[],
    position: ReadonlyMap<string, number>,
    holder: string,
    field: (name: string, child: Element, path: string) => unknown,
    ordered = true,
  ): void {
    let last = -1;
    let lastName = '';
    let firstExtension: Element | undefined;
    const visit = (parent: Element): void => {
      for (const child of childElements(parent)) {
        if (isWrapper(child)) {
          visit(child);
          continue;
        }
        if (!isStandard(child)) {
          firstExtension ??= child;
          this.addMember(out, this.key(child.namespaceURI, child.prefix, child.localName ?? ''), this.extension(child, childPath(path, child.tagName)));
          continue;
        }
        const name = child.localName ?? '';
        const p = childPath(path, name);
        const at = position.get(name);
        if (at === undefined) {
          this.report(p, `<${name}> is not an element of ${holder} (the EPCIS 2.0 XML schema allows ${order.join(', ')})`, child);
          continue;
        }
        if (name in out && !REPEATABLE.has(name)) {
          this.report(p, `<${name}> appears more than once`, child);
          continue;
        }
        if (ordered && at < last) this.report(p, `<${name}> must come before <${lastName}>, as in the EPCIS 2.0 XML schema`, child);
        else if (ordered && firstExtension) this.report(p, `<${name}> must come before the extension element <${firstExtension.tagName}>`, child);
        if (at > last) [last, lastName] = [at, name];
        if (isNil(child)) continue;
        const value = field(name, child, p);
        if (LISTED.has(name)) ((out[name] ??= []) as unknown[]).push(value);
        else if (REPEATABLE.has(name)) this.addMember(out, name, value);
        else out[name] = value;
      }
    };
    visit(e);
  }

  /** Adds a member; a repeated element becomes an array. */
  private addMember(out: Json, key: string, value: unknown): void {
    const existing = out[key];
    if (!(key in out)) {
      out[key] = value;
    } else if (Array.isArray(existing) && this.repeated.has(existing)) {
      existing.push(value);
    } else {
      const list = [existing, value];
      this.repeated.add(list);
      out[key] = list;
    }
  }

  private field(name: string, e: Element, path: string): unknown {
    if (EPC_LISTS.has(name)) return this.list(e, path, 'epc', (child, p) => this.text(child, p));
    if (QUANTITY_LISTS.has(name)) return this.list(e, path, 'quantityElement', (child, p) => this.quantityElement(child, p));
    switch (name) {
      case 'action': {
        const action = this.text(e, path);
        if (!ACTIONS.includes(action)) this.report(path, `${shown(action)} is not one of ${ACTIONS.join(', ')}`, e);
        return action;
      }
      case 'readPoint':
      case 'bizLocation':
        return this.structure(e, path, ['id'], name, (_, child, p) => this.text(child, p));
      case 'bizTransactionList':
        return this.list(e, path, 'bizTransaction', (child, p) => this.typed(child, p, 'bizTransaction', false));
      case 'sourceList':
        return this.list(e, path, 'source', (child, p) => this.typed(child, p, 'source', true));
      case 'destinationList':
        return this.list(e, path, 'destination', (child, p) => this.typed(child, p, 'destination', true));
      case 'errorDeclaration':
        // The XML schema makes errorDeclaration a choice: its members may come in any order.
        return this.structure(
          e,
          path,
          ['declarationTime', 'reason', 'correctiveEventIDs'],
          'errorDeclaration',
          (n, child, p) =>
            n === 'correctiveEventIDs'
              ? this.list(child, p, 'correctiveEventID', (id, ip) => this.text(id, ip))
              : n === 'reason'
                ? this.vocabularyText(child, this.text(child, p))
                : this.time(n, child, p),
          false,
        );
      case 'sensorElementList':
        return this.list(e, path, 'sensorElement', (child, p) => this.sensorElement(child, p));
      case 'persistentDisposition':
        return this.structure(e, path, ['unset', 'set'], 'persistentDisposition', (_, child, p) => this.vocabularyText(child, this.text(child, p)));
      case 'bizStep':
      case 'disposition':
        return this.vocabularyText(e, this.text(e, path));
      case 'ilmd':
        return this.structure(e, path, [], 'ilmd', () => undefined);
      default:
        return this.time(name, e, path);
    }
  }

  /** A text field, checked as a timestamp when it is one. */
  private time(name: string, e: Element, path: string): string {
    const text = this.text(e, path);
    if (TIME_FIELDS.has(name) && !DATE_TIME_STAMP.test(text)) {
      this.report(path, `${shown(text)} is not an xsd:dateTime with a time zone (e.g. 2026-03-02T08:15:07.149+02:00)`, e);
    }
    return text;
  }

  /** A list element holding repeated `item` elements (and nothing else but an extension wrapper). */
  private list(e: Element, path: string, item: string, read: (child: Element, path: string) => unknown): unknown[] {
    const items: unknown[] = [];
    for (const child of childElements(e)) {
      if (isWrapper(child)) continue; // e.g. <sensorElementList><extension/>: nothing JSON can carry
      if (isStandard(child) && child.localName === item) items.push(read(child, childPath(path, items.length)));
      else this.report(childPath(path, child.tagName), `<${child.tagName}> is not allowed in <${e.localName}> (expected <${item}>)`, child);
    }
    return items;
  }

  /** A structure of standard children (in `order`) and extension elements. */
  private structure(
    e: Element,
    path: string,
    order: readonly string[],
    holder: string,
    field: (name: string, child: Element, path: string) => unknown,
    ordered = true,
  ): Json {
    const out: Json = {};
    this.members(e, path, out, order, new Map(order.map((n, i) => [n, i])), `<${holder}>`, field, ordered);
    if (order.includes('id') && !('id' in out)) this.report(path, `<${holder}> needs an <id>`, e);
    return out;
  }

  private quantityElement(e: Element, path: string): Json {
    const order = ['epcClass', 'quantity', 'uom'];
    const element = this.structure(e, path, order, 'quantityElement', (name, child, p) => {
      const text = this.text(child, p);
      return name === 'quantity' && XSD_DECIMAL.test(text) ? Number(text) : text;
    });
    if (!('epcClass' in element)) this.report(path, '<quantityElement> needs an <epcClass>', e);
    return element;
  }

  /** `<bizTransaction type="…">id</bizTransaction>` and the like. */
  private typed(e: Element, path: string, member: string, typeRequired: boolean): Json {
    const out: Json = {};
    for (const a of dataAttributes(e)) {
      if (!a.namespace && a.localName === 'type') out['type'] = this.vocabularyText(e, a.value.trim());
      else this.report(path, `<${e.localName}> has an unexpected attribute ${a.prefix ? `${a.prefix}:` : ''}${a.localName}`, e);
    }
    if (typeRequired && !('type' in out)) this.report(path, `<${e.localName}> needs a type attribute`, e);
    out[member] = this.text(e, path);
    return out;
  }

  private sensorElement(e: Element, path: string): Json {
    const out = this.structure(e, path, ['sensorMetadata', 'sensorReport'], 'sensorElement', (name, child, p) =>
      this.sensorAttributes(child, p, name === 'sensorMetadata' ? SENSOR_METADATA_FIELDS : SENSOR_REPORT_FIELDS),
    );
    if (!('sensorReport' in out)) this.report(path, '<sensorElement> needs at least one <sensorReport>', e);
    return out;
  }

  /** `sensorMetadata` / `sensorReport`: standard attributes typed, others as extension members. */
  private sensorAttributes(e: Element, path: string, fields: readonly string[]): Json {
    const out: Json = {};
    const known = new Set(fields);
    for (const a of dataAttributes(e)) {
      const p = childPath(path, a.localName);
      if (a.namespace) {
        this.addMember(out, this.key(a.namespace, a.prefix, a.localName), this.literal(a.value));
        continue;
      }
      if (!known.has(a.localName)) {
        this.report(p, `${a.localName} is not an attribute of <${e.localName}> (expected ${fields.join(', ')})`, e);
        continue;
      }
      const value = a.value.trim();
      if (TIME_FIELDS.has(a.localName) && !DATE_TIME_STAMP.test(value)) {
        this.report(p, `${shown(value)} is not an xsd:dateTime with a time zone`, e);
      }
      out[a.localName] = SENSOR_NUMBER_FIELDS.has(a.localName) && XSD_DOUBLE.test(value)
        ? Number(value)
        : SENSOR_BOOLEAN_FIELDS.has(a.localName) && /^(?:true|false|1|0)$/.test(value)
          ? value === 'true' || value === '1'
          : this.literal(value);
    }
    for (const child of childElements(e)) {
      if (isWrapper(child)) continue;
      this.addMember(out, this.key(child.namespaceURI, child.prefix, child.localName ?? ''), this.extension(child, childPath(path, child.tagName)));
    }
    return out;
  }

  /**
   * An extension element: its text when it has nothing else; otherwise an object of its attributes
   * and child elements. An unqualified attribute takes the element's namespace, since JSON-LD has
   * no name without one.
   */
  private extension(e: Element, path: string): unknown {
    const attributes = dataAttributes(e);
    const children = childElements(e);
    const text = ownText(e).trim();
    if (attributes.length === 0 && children.length === 0) return this.literal(text);
    if (text !== '') {
      this.report(path, `<${e.tagName}> mixes text with ${children.length > 0 ? 'elements' : 'attributes'}, which JSON-LD cannot carry`, e);
    }
    const out: Json = {};
    for (const a of attributes) {
      const namespace = a.namespace ?? e.namespaceURI;
      this.addMember(out, this.key(namespace, a.namespace ? a.prefix : e.prefix, a.localName), this.literal(a.value));
    }
    for (const child of children) {
      this.addMember(out, this.key(child.namespaceURI, child.prefix, child.localName ?? ''), this.extension(child, childPath(path, child.tagName)));
    }
    return out;
  }
}

/**
 * Reads one XML event element into the JSON-LD shape (not yet normalised).
 */
export function readXmlEventElement(e: Element, path: string, index: number): XmlEventRead {
  const reader = new XmlEventReader(index);
  const raw = reader.event(e, path);
  return {
    raw,
    prefixes: reader.namespaces.prefixMap(),
    reserved: reader.reserved,
    problems: reader.problems,
  };
}
