/**
 * Normalisation of one EPCIS 2.0 event (in the JSON-LD shape, whether it came as JSON-LD or was
 * converted from XML) into the one form the rest of Orpaille reads (docs/epcis.md):
 * identifiers as canonical GS1 Digital Links, CBV values as bare names, extension fields under
 * CURIE keys whose prefixes the event declares in its own `@context`.
 *
 * Along the way it checks what the JSON Schema cannot: CBV vocabulary values, UN/ECE Rec. 20 units
 * and namespaced extension fields. Each finding is a problem naming the field, the value and what
 * was expected.
 */
import { canonicalIdentifier } from './digital-link.js';
import {
  EPC_LISTS,
  EVENT_FIELD_ORDER,
  EVENT_FIELD_SET,
  EVENT_TYPES,
  QUANTITY_LISTS,
  SENSOR_METADATA_FIELDS,
  SENSOR_REPORT_FIELDS,
  TIME_FIELDS,
  isEventType,
  type EventType,
} from './event-fields.js';
import { curieParts, EventNamespaces, expandCurie, VALUE_PREFIXES } from './namespaces.js';
import { childPath, problem, shown, type EpcisProblem } from './problems.js';
import {
  BIZ_STEP,
  BIZ_TRANSACTION_TYPE,
  COMPONENT,
  DISPOSITION,
  ERROR_REASON,
  isFullUri,
  MEASUREMENT_TYPE,
  readVocabularyValue,
  SENSOR_ALERT_TYPE,
  SOURCE_DESTINATION_TYPE,
  type Vocabulary,
} from './vocabulary.js';

/** One EPCIS 2.0 event in Orpaille's normalised JSON-LD form (see docs/epcis.md). */
export type NormalisedEvent = Record<string, unknown>;

export interface NormaliseOptions {
  /** Where the event is, for problems: `events[3]`, or `event` for a lone event. */
  readonly path: string;
  /** Index of the event in its document. */
  readonly index: number;
  /** `prefix → namespace IRI` for the CURIE keys of the event (and its values, in JSON-LD). */
  readonly prefixes: ReadonlyMap<string, string>;
  /** The syntax the event came in: JSON-LD reads a `prefix:local` string value as a CURIE, XML text is literal. */
  readonly syntax: 'json-ld' | 'xml';
  /** Prefixes the event must not declare: XML values that would read as CURIEs in JSON-LD. */
  readonly reservedPrefixes?: ReadonlySet<string>;
  /** Receives `company prefix → length` of every EPC URN identifier read. */
  readonly gcpLengths: Map<string, number>;
}

export interface NormaliseResult {
  readonly event: NormalisedEvent;
  readonly problems: EpcisProblem[];
}

type Json = Record<string, unknown>;

/** `an ObjectEvent`, `a TransactionEvent`. */
export const withArticle = (name: string): string => `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** UN/ECE Recommendation 20 unit codes: two or three upper-case letters or digits. */
const REC20 = /^[A-Z0-9]{2,3}$/;

const EPC_URN_COMPANY_PREFIX = /^urn:epc:(?:id|class|idpat):[a-z0-9]+:(\d{6,12})\./;

/** What a member name is, worked out once per name: a JSON-LD keyword, an absolute IRI, a CURIE or a plain name. */
type KeyKind = { readonly kind: 'keyword' | 'iri' | 'plain' } | { readonly kind: 'curie'; readonly prefix: string; readonly local: string };

const keyKinds = new Map<string, KeyKind>();

function keyKind(key: string): KeyKind {
  let kind = keyKinds.get(key);
  if (kind === undefined) {
    const parts = curieParts(key);
    kind = key.startsWith('@')
      ? { kind: 'keyword' }
      : isFullUri(key)
        ? { kind: 'iri' }
        : parts
          ? { kind: 'curie', prefix: parts[0], local: parts[1] }
          : { kind: 'plain' };
    if (keyKinds.size >= 10_000) keyKinds.clear();
    keyKinds.set(key, kind);
  }
  return kind;
}

/** Canonical identifiers already worked out: parties, sites and lots recur across a document. */
const identifierMemo = new Map<string, string | null>();

function memoCanonicalIdentifier(value: string): string | null {
  let canonical = identifierMemo.get(value);
  if (canonical === undefined) {
    canonical = canonicalIdentifier(value);
    if (identifierMemo.size >= 50_000) identifierMemo.clear();
    identifierMemo.set(value, canonical);
  }
  return canonical;
}

/** Normalises one event, collecting problems rather than stopping at the first. */
class EventNormaliser {
  readonly problems: EpcisProblem[] = [];
  private readonly namespaces: EventNamespaces;
  /** Standard-vocabulary CURIEs are read through these; JSON-LD adds the document's prefixes. */
  private readonly vocabularyPrefixes: ReadonlyMap<string, string>;

  constructor(private readonly o: NormaliseOptions) {
    this.namespaces = new EventNamespaces(o.reservedPrefixes);
    this.vocabularyPrefixes = o.syntax === 'json-ld' ? o.prefixes : VALUE_PREFIXES;
  }

  private report(path: string, text: string): void {
    this.problems.push(problem(path, text, this.o.index));
  }

  event(raw: Json): NormalisedEvent {
    const path = this.o.path;
    const type = raw['type'];
    if (typeof type !== 'string' || !isEventType(type)) {
      const text = type === undefined ? 'missing "type"' : `${shown(type)} is not an EPCIS 2.0 event type`;
      this.report(childPath(path, 'type'), `${text} (expected one of ${EVENT_TYPES.join(', ')})`);
      return raw;
    }
    const standard = EVENT_FIELD_SET[type];
    const out: NormalisedEvent = { type };
    for (const field of EVENT_FIELD_ORDER[type]) {
      if (field in raw) out[field] = this.standardField(field, raw[field], childPath(path, field));
    }
    for (const key of Object.keys(raw)) {
      if (key === 'type' || key === '@context' || standard.has(key)) continue;
      this.extensionMember(out, key, raw[key], path, withArticle(type), type);
    }
    const context = this.namespaces.context();
    return context ? { '@context': context, ...out } : out;
  }

  private standardField(field: string, value: unknown, path: string): unknown {
    if (EPC_LISTS.has(field)) return this.list(value, path, (v, p) => this.identifier(v, p));
    if (QUANTITY_LISTS.has(field)) return this.list(value, path, (v, p) => this.quantityElement(v, p));
    switch (field) {
      case 'parentID':
        return this.identifier(value, path);
      case 'bizStep':
        return this.vocabulary(BIZ_STEP, value, path);
      case 'disposition':
        return this.vocabulary(DISPOSITION, value, path);
      case 'persistentDisposition':
        return this.structure(value, path, 'persistentDisposition', (key, v, p) =>
          key === 'set' || key === 'unset' ? this.list(v, p, (d, dp) => this.vocabulary(DISPOSITION, d, dp)) : undefined,
        );
      case 'readPoint':
      case 'bizLocation':
        return this.structure(value, path, field, (key, v, p) => (key === 'id' ? this.identifier(v, p) : undefined));
      case 'bizTransactionList':
        return this.list(value, path, (item, p) =>
          this.structure(item, p, 'bizTransaction', (key, v, vp) =>
            key === 'type' ? this.vocabulary(BIZ_TRANSACTION_TYPE, v, vp) : key === 'bizTransaction' ? this.plain(v) : undefined,
          ),
        );
      case 'sourceList':
      case 'destinationList': {
        const member = field === 'sourceList' ? 'source' : 'destination';
        return this.list(value, path, (item, p) =>
          this.structure(item, p, member, (key, v, vp) =>
            key === 'type' ? this.vocabulary(SOURCE_DESTINATION_TYPE, v, vp) : key === member ? this.identifier(v, vp) : undefined,
          ),
        );
      }
      case 'sensorElementList':
        return this.list(value, path, (item, p) => this.sensorElement(item, p));
      case 'errorDeclaration':
        return this.structure(value, path, 'errorDeclaration', (key, v, p) => {
          if (key === 'reason') return this.vocabulary(ERROR_REASON, v, p);
          if (key === 'declarationTime') return v;
          if (key === 'correctiveEventIDs') return this.list(v, p, (id) => this.plain(id));
          return undefined;
        });
      case 'ilmd':
        return this.structure(value, path, 'ilmd', () => undefined);
      case 'certificationInfo':
        return Array.isArray(value) ? value.map((v) => this.plain(v)) : this.plain(value);
      case 'eventID':
      case 'transformationID':
        return this.plain(value);
      default:
        return value; // times, eventTimeZoneOffset, action: validated by the schema, kept as given
    }
  }

  private sensorElement(value: unknown, path: string): unknown {
    return this.structure(value, path, 'sensorElement', (key, v, p) => {
      if (key === 'sensorMetadata') return this.sensorPart(v, p, 'sensorMetadata', SENSOR_METADATA_FIELDS);
      if (key === 'sensorReport') return this.list(v, p, (r, rp) => this.sensorPart(r, rp, 'sensorReport', SENSOR_REPORT_FIELDS));
      return undefined;
    });
  }

  private sensorPart(value: unknown, path: string, label: string, fields: readonly string[]): unknown {
    const known = new Set(fields);
    return this.structure(value, path, label, (key, v, p) => {
      if (!known.has(key)) return undefined;
      if (key === 'type') return this.vocabulary(MEASUREMENT_TYPE, v, p);
      if (key === 'exception') return this.vocabulary(SENSOR_ALERT_TYPE, v, p);
      if (key === 'component') return this.vocabulary(COMPONENT, v, p);
      if (key === 'uom') return this.unit(v, p);
      return TIME_FIELDS.has(key) ? v : this.plain(v);
    });
  }

  private quantityElement(value: unknown, path: string): unknown {
    if (!isObject(value)) return value;
    const out: Json = {};
    for (const key of Object.keys(value)) {
      const v = value[key];
      const p = childPath(path, key);
      // Any other member is left for the schema, which allows none (additionalProperties: false).
      out[key] = key === 'epcClass' ? this.identifier(v, p) : key === 'uom' ? this.unit(v, p) : v;
    }
    return out;
  }

  /**
   * A standard structure: `member` gives the normalised value of a standard member (undefined for
   * none); other members are extensions.
   */
  private structure(value: unknown, path: string, label: string, member: (key: string, v: unknown, p: string) => unknown): unknown {
    if (!isObject(value)) return value;
    const out: Json = {};
    for (const key of Object.keys(value)) {
      const v = value[key];
      const p = childPath(path, key);
      const standard = member(key, v, p);
      if (standard !== undefined) out[key] = standard;
      else this.extensionMember(out, key, v, path, label);
    }
    return out;
  }

  private list(value: unknown, path: string, item: (v: unknown, p: string) => unknown): unknown {
    return Array.isArray(value) ? value.map((v, i) => item(v, childPath(path, i))) : value;
  }

  /** An extension member of `holder`: renamed to the event's prefix, its value normalised. */
  private extensionMember(out: Json, key: string, value: unknown, holderPath: string, holder: string, type?: EventType): void {
    const path = childPath(holderPath, key);
    const name = this.extensionName(key, path, holder, type);
    out[name] = this.extensionValue(value, path);
  }

  /** The normalised name of an extension key; the key as given (and a problem) when it is no valid one. */
  private extensionName(key: string, path: string, holder: string, type?: EventType): string {
    const kind = keyKind(key);
    if (kind.kind === 'keyword' || kind.kind === 'iri') return key;
    const iri = kind.kind === 'curie' ? this.o.prefixes.get(kind.prefix) : undefined;
    if (kind.kind === 'curie' && iri !== undefined) return `${this.namespaces.prefixFor(iri, kind.prefix)}:${kind.local}`;
    if (kind.kind === 'curie') {
      this.report(path, `field ${shown(key)} uses prefix "${kind.prefix}", which @context does not declare`);
    } else if (type !== undefined && EVENT_TYPES.some((t) => EVENT_FIELD_ORDER[t].includes(key))) {
      this.report(path, `${shown(key)} is not a field of ${withArticle(type)}`);
    } else {
      this.report(
        path,
        `unknown field ${shown(key)} in ${holder}: extension fields need a namespace (a CURIE such as "ex:${key}" with "ex" declared in @context, or an absolute IRI)`,
      );
    }
    return key;
  }

  /**
   * The value of an extension field. Members nested in it need no namespace of their own (XML
   * allows unqualified child elements there), but a CURIE must use a declared prefix.
   */
  private extensionValue(value: unknown, path: string): unknown {
    if (Array.isArray(value)) return value.map((v, i) => this.extensionValue(v, childPath(path, i)));
    if (isObject(value)) {
      const out: Json = {};
      for (const key of Object.keys(value)) {
        const p = childPath(path, key);
        out[keyKind(key).kind === 'plain' ? key : this.extensionName(key, p, 'an extension field')] = this.extensionValue(value[key], p);
      }
      return out;
    }
    return this.plain(value);
  }

  /**
   * A string value that is no identifier nor vocabulary term. In JSON-LD a `prefix:local` value
   * whose prefix is declared reads (and hashes) as the IRI it abbreviates, which XML cannot say,
   * so it is written out as that IRI; the standard value prefixes (`gs1:`, `cbv:`, `epcis:`) mean
   * the same in every syntax and stay.
   */
  private plain(value: unknown): unknown {
    if (typeof value !== 'string' || this.o.syntax !== 'json-ld') return value;
    // Most values hold no colon, or a URI's `://`: no CURIE to look at.
    const colon = value.indexOf(':');
    if (colon <= 0 || value.startsWith('//', colon + 1)) return value;
    const parts = curieParts(value);
    if (!parts || VALUE_PREFIXES.has(parts[0])) return value;
    return expandCurie(value, this.o.prefixes) ?? value;
  }

  private identifier(value: unknown, path: string): unknown {
    if (typeof value !== 'string') return value;
    const gcp = value.startsWith('urn:epc:') ? EPC_URN_COMPANY_PREFIX.exec(value) : null;
    if (gcp) this.o.gcpLengths.set(gcp[1]!, gcp[1]!.length);
    const canonical = memoCanonicalIdentifier(value);
    if (canonical !== null) return canonical;
    if (value.startsWith('urn:epc:')) this.report(path, `${shown(value)} is not a valid EPC URI (GS1 Tag Data Standard)`);
    return this.plain(value);
  }

  private vocabulary(vocabulary: Vocabulary, value: unknown, path: string): unknown {
    if (typeof value !== 'string') return value;
    const read = readVocabularyValue(vocabulary, value, (v) => expandCurie(v, this.vocabularyPrefixes));
    if (read.kind === 'term') return read.term;
    if (read.kind === 'uri') return vocabulary.strict ? read.uri : this.plain(read.uri);
    this.report(path, `${shown(value)} ${read.reason}`);
    return value;
  }

  private unit(value: unknown, path: string): unknown {
    if (typeof value === 'string' && !REC20.test(value)) {
      this.report(path, `${shown(value)} is not a UN/ECE Recommendation 20 unit code (2 or 3 upper-case letters or digits, e.g. KGM, GRM)`);
    }
    return value;
  }
}

/**
 * Normalises one event (JSON-LD shape) and checks its CBV values, units and extension names.
 * The result is always an event; it is only usable when there are no problems.
 */
export function normaliseEvent(raw: Record<string, unknown>, options: NormaliseOptions): NormaliseResult {
  const normaliser = new EventNormaliser(options);
  const event = normaliser.event(raw);
  return { event, problems: normaliser.problems };
}
