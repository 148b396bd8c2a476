/**
 * The query index of one EPCIS event: what the ledger writes next to the event so that the EPCIS
 * query interface (docs/query.md) answers from indexed columns and tables, never from the JSON body.
 *
 * It reads a normalised event (identifiers already canonical, CBV values bare names, extension keys
 * CURIEs declared in the event's own `@context`), so it does no canonicalisation of its own: the
 * index holds exactly the values a parsed query is canonicalised to.
 */
import { GOLD_NS } from './context.js';
import { STANDARD_PREFIXES } from './hash.js';

/** Where an identifier occurs in an event (MATCH_* parameters select roles). */
export type EpcRole = 'epc' | 'parent' | 'child' | 'input' | 'output' | 'class' | 'child_class' | 'input_class' | 'output_class';

/**
 * Where an extension field sits: `ilmd` and `ext` (top level) for the fields directly there, the
 * `_inner` scopes for fields nested at any depth below them (EQ_INNER_* parameters).
 */
export type FieldScope = 'ilmd' | 'ext' | 'ilmd_inner' | 'ext_inner';

/** One extension field value: scope, full IRI of its name, its text and, when it is a number or a date, its numeric value (epoch ms for dates). */
export type FieldRow = [scope: FieldScope, name: string, text: string | null, num: number | null];

/** Everything the query interface looks up about one event. Plain arrays, so it crosses to and from worker threads cheaply. */
export interface EventIndex {
  action: string | null;
  disposition: string | null;
  readPoint: string | null;
  bizLocation: string | null;
  epcs: [role: EpcRole, epc: string][];
  bizTransactions: [type: string | null, id: string][];
  sourcesDestinations: [dir: 'source' | 'destination', type: string, id: string][];
  fields: FieldRow[];
  /** Parties that may see the event: the recorder, `gold:recorder` and every owning or possessing party named as source or destination. */
  parties: string[];
}

/** Prefixes every event may use without declaring them (the EPCIS 2.0 context's own, and Orpaille's gold). */
const IMPLIED_PREFIXES: Readonly<Record<string, string>> = { ...STANDARD_PREFIXES, gold: GOLD_NS };

/** Fields of the EPCIS 2.0 event model; any other top-level CURIE key is a user extension. */
const STANDARD_FIELDS: ReadonlySet<string> = new Set([
  'type', 'eventTime', 'eventTimeZoneOffset', 'recordTime', 'eventID', 'certificationInfo', 'errorDeclaration',
  'epcList', 'parentID', 'childEPCs', 'inputEPCList', 'outputEPCList', 'quantityList', 'childQuantityList',
  'inputQuantityList', 'outputQuantityList', 'action', 'bizStep', 'disposition', 'persistentDisposition',
  'readPoint', 'bizLocation', 'bizTransactionList', 'sourceList', 'destinationList', 'sensorElementList',
  'ilmd', 'transformationID',
]);

const EPC_LISTS: readonly (readonly [field: string, role: EpcRole])[] = [
  ['epcList', 'epc'],
  ['childEPCs', 'child'],
  ['inputEPCList', 'input'],
  ['outputEPCList', 'output'],
];

const QUANTITY_LISTS: readonly (readonly [field: string, role: EpcRole])[] = [
  ['quantityList', 'class'],
  ['childQuantityList', 'child_class'],
  ['inputQuantityList', 'input_class'],
  ['outputQuantityList', 'output_class'],
];

const PARTY_TYPES: ReadonlySet<string> = new Set(['owning_party', 'possessing_party']);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const idOf = (v: unknown): string | null => (isObject(v) ? text(v['id']) : null);

/**
 * The prefix map of an event: the implied prefixes plus those its `@context` declares. Events
 * without a `@context` (every gold event) share one map.
 */
export function eventPrefixes(event: Json): Readonly<Record<string, string>> {
  const context = event['@context'];
  if (context === undefined) return IMPLIED_PREFIXES;
  const prefixes: Record<string, string> = { ...IMPLIED_PREFIXES };
  for (const entry of asArray(context)) {
    if (!isObject(entry)) continue;
    for (const [prefix, ns] of Object.entries(entry)) if (typeof ns === 'string' && !prefix.startsWith('@')) prefixes[prefix] = ns;
  }
  return prefixes;
}

/** The full IRI a CURIE key stands for; a key whose prefix is not declared is kept as it is. */
export function expandCurie(key: string, prefixes: Readonly<Record<string, string>>): string {
  const colon = key.indexOf(':');
  if (colon <= 0) return key;
  const ns = prefixes[key.slice(0, colon)];
  return ns === undefined || key.startsWith('//', colon + 1) ? key : ns + key.slice(colon + 1);
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The numeric reading of a field's text, so that GT_/GE_/LT_/LE_ compare numbers and instants
 * rather than strings: a decimal number, or an ISO 8601 date-time or date as epoch ms.
 */
export function numericValue(value: string): number | null {
  if (DECIMAL.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  if (DATE_TIME.test(value) || DATE.test(value)) {
    const ms = Date.parse(DATE.test(value) ? `${value}T00:00:00Z` : value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

/** Appends the rows of one extension field (and, below it, its children in the inner scope). */
function addField(out: FieldRow[], scope: FieldScope, name: string, value: unknown, prefixes: Readonly<Record<string, string>>): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) addField(out, scope, name, item, prefixes);
    return;
  }
  if (typeof value === 'string') out.push([scope, name, value, numericValue(value)]);
  else if (typeof value === 'number') out.push([scope, name, String(value), value]);
  else if (typeof value === 'boolean') out.push([scope, name, String(value), null]);
  else if (isObject(value)) {
    out.push([scope, name, null, null]);
    const inner: FieldScope = scope === 'ilmd' || scope === 'ilmd_inner' ? 'ilmd_inner' : 'ext_inner';
    for (const [key, child] of Object.entries(value)) {
      if (key.includes(':') && !key.startsWith('@')) addField(out, inner, expandCurie(key, prefixes), child, prefixes);
    }
  }
}

/**
 * The index of one normalised EPCIS event recorded by `recorder`. Pure and cheap: it runs once
 * per captured event, in the preparing worker threads.
 */
export function eventIndex(event: Json, recorder: string): EventIndex {
  const epcs: EventIndex['epcs'] = [];
  const parent = text(event['parentID']);
  if (parent !== null) epcs.push(['parent', parent]);
  for (const [field, role] of EPC_LISTS) {
    const list = event[field];
    if (Array.isArray(list)) for (const epc of list) if (typeof epc === 'string') epcs.push([role, epc]);
  }
  for (const [field, role] of QUANTITY_LISTS) {
    const list = event[field];
    if (!Array.isArray(list)) continue;
    for (const q of list) {
      const cls = isObject(q) ? text(q['epcClass']) : null;
      if (cls !== null) epcs.push([role, cls]);
    }
  }

  const bizTransactions: EventIndex['bizTransactions'] = [];
  for (const bt of asArray(event['bizTransactionList'])) {
    const id = isObject(bt) ? text(bt['bizTransaction']) : null;
    if (id !== null) bizTransactions.push([text((bt as Json)['type']), id]);
  }

  const parties = new Set<string>([recorder]);
  const goldRecorder = text(event['gold:recorder']);
  if (goldRecorder !== null) parties.add(goldRecorder);
  const sourcesDestinations: EventIndex['sourcesDestinations'] = [];
  for (const dir of ['source', 'destination'] as const) {
    for (const sd of asArray(event[`${dir}List`])) {
      if (!isObject(sd)) continue;
      const type = text(sd['type']);
      const id = text(sd[dir]);
      if (type === null || id === null) continue;
      sourcesDestinations.push([dir, type, id]);
      if (PARTY_TYPES.has(type)) parties.add(id);
    }
  }

  const fields: FieldRow[] = [];
  let prefixes: Readonly<Record<string, string>> | undefined;
  const ilmd = event['ilmd'];
  if (isObject(ilmd)) {
    prefixes = eventPrefixes(event);
    for (const [key, value] of Object.entries(ilmd)) {
      if (key.includes(':') && !key.startsWith('@')) addField(fields, 'ilmd', expandCurie(key, prefixes), value, prefixes);
    }
  }
  for (const key of Object.keys(event)) {
    if (STANDARD_FIELDS.has(key) || key.startsWith('@') || !key.includes(':')) continue;
    prefixes ??= eventPrefixes(event);
    addField(fields, 'ext', expandCurie(key, prefixes), event[key], prefixes);
  }

  return {
    action: text(event['action']),
    disposition: text(event['disposition']),
    readPoint: idOf(event['readPoint']),
    bizLocation: idOf(event['bizLocation']),
    epcs,
    bizTransactions,
    sourcesDestinations,
    fields,
    parties: [...parties],
  };
}
