/**
 * The EPCIS 2.0 query language (SimpleEventQuery parameters, as the REST binding passes them in a
 * query string) parsed into a typed query whose every value is in the canonical form the event
 * index holds (docs/query.md). Pure: the store compiles the typed query to SQL.
 *
 * Errors follow QueryParameterException: an unknown parameter name is an error naming it, and so
 * is a value that does not parse; both are ORP_EPCIS_QUERY_INVALID with `details.parameter`.
 */
import { OrpailleError } from '../kernel/index.js';
import { canonicalIdentifier } from './digital-link.js';
import type { EpcRole, FieldScope } from './event-index.js';
import { expandCurie, eventPrefixes } from './event-index.js';
import { epcPattern } from './query-pattern.js';
import { bareCbvValue } from './query-vocabulary.js';

export const EVENT_TYPES = ['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Identifiers to look for in some roles: exact (canonical) values, and prefixes from patterns. */
export interface EpcMatch {
  roles: EpcRole[];
  values: string[];
  prefixes: string[];
}

/** A typed business transaction, source or destination condition: the type (bare CBV name or URI) and the accepted ids. */
export interface TypedIdCondition {
  type: string;
  ids: string[];
}

export type FieldOp = 'EQ' | 'GT' | 'GE' | 'LT' | 'LE' | 'EXISTS';

/** A condition on an ilmd or extension field, named by full IRI. */
export interface FieldCondition {
  scope: FieldScope;
  name: string;
  op: FieldOp;
  /** EQ: the accepted texts. */
  texts?: string[];
  /** EQ: the accepted numbers (texts that read as numbers or instants); GT/GE/LT/LE: the bound. */
  nums?: number[];
}

export interface TimeRange {
  ge?: number;
  lt?: number;
}

export type OrderKey = 'eventTime' | 'recordTime';
export type OrderDirection = 'ASC' | 'DESC';

/** A parsed SimpleEventQuery: every condition is ANDed; values within one condition are ORed. */
export interface EventQuery {
  eventTypes?: EventType[];
  eventTime?: TimeRange;
  recordTime?: TimeRange;
  actions?: string[];
  bizSteps?: string[];
  dispositions?: string[];
  readPoints?: string[];
  bizLocations?: string[];
  epcs: EpcMatch[];
  bizTransactions: TypedIdCondition[];
  sources: TypedIdCondition[];
  destinations: TypedIdCondition[];
  fields: FieldCondition[];
  orderBy: OrderKey;
  orderDirection: OrderDirection;
  eventCountLimit?: number;
}

/** A query and the page asked for (perPage and nextPageToken are REST binding parameters, not query conditions). */
export interface ParsedEventQuery {
  query: EventQuery;
  perPage?: number;
  nextPageToken?: string;
}

export type QueryParams = Record<string, string | string[] | undefined>;

/** The QueryParameterException of the standard, naming the parameter. */
export function queryInvalid(parameter: string, message: string, details: Record<string, unknown> = {}): OrpailleError {
  return new OrpailleError('ORP_EPCIS_QUERY_INVALID', message, { parameter, ...details });
}

/** Roles each MATCH_ parameter looks in (EPCIS 2.0, SimpleEventQuery). */
const MATCH_ROLES: Readonly<Record<string, EpcRole[]>> = {
  MATCH_epc: ['epc', 'child'],
  MATCH_parentID: ['parent'],
  MATCH_inputEPC: ['input'],
  MATCH_outputEPC: ['output'],
  MATCH_anyEPC: ['epc', 'child', 'parent', 'input', 'output'],
  MATCH_epcClass: ['class', 'child_class'],
  MATCH_inputEPCClass: ['input_class'],
  MATCH_outputEPCClass: ['output_class'],
  MATCH_anyEPCClass: ['class', 'child_class', 'input_class', 'output_class'],
};

/** Every role: what GET /epcs/{epc}/events looks in, so that a lot (an LGTIN class) finds its quantity events too. */
export const ALL_EPC_ROLES: EpcRole[] = ['epc', 'child', 'parent', 'input', 'output', 'class', 'child_class', 'input_class', 'output_class'];

const ACTIONS = new Set(['ADD', 'OBSERVE', 'DELETE']);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 1000;

/** All values of a parameter: repeated parameters and comma-separated lists alike. */
function listOf(raw: string | string[]): string[] {
  const out: string[] = [];
  for (const part of Array.isArray(raw) ? raw : [raw]) for (const v of part.split(',')) if (v.trim() !== '') out.push(v.trim());
  return out;
}

function single(name: string, raw: string | string[]): string {
  if (Array.isArray(raw)) {
    if (raw.length !== 1) throw queryInvalid(name, `${name} takes one value, not ${raw.length}`);
    return raw[0]!;
  }
  return raw;
}

function nonEmpty(name: string, values: string[]): string[] {
  if (values.length === 0) throw queryInvalid(name, `${name} needs at least one value`);
  return values;
}

function time(name: string, raw: string | string[]): number {
  const v = single(name, raw).trim();
  const ms = DATE_TIME.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(ms)) throw queryInvalid(name, `${name} must be an ISO 8601 date-time with a time zone, not "${v}"`, { value: v });
  return ms;
}

function positiveInt(name: string, raw: string | string[], max = Number.MAX_SAFE_INTEGER): number {
  const v = single(name, raw).trim();
  const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!(n >= 1 && n <= max)) throw queryInvalid(name, `${name} must be an integer from 1 to ${max}, not "${v}"`, { value: v });
  return n;
}

/** A value compared with GT_/GE_/LT_/LE_: a number or an instant (epoch ms), as the index keeps them. */
function bound(name: string, raw: string | string[]): number {
  const v = single(name, raw).trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return Number(v);
  const ms = DATE_TIME.test(v) ? Date.parse(v) : /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms)) throw queryInvalid(name, `${name} must be a number or an ISO 8601 date-time, not "${v}"`, { value: v });
  return ms;
}

/** An identifier in canonical form (GS1 URN or Digital Link -> canonical Digital Link; other URIs as given). */
const canonical = (v: string): string => canonicalIdentifier(v) ?? v;

/** The MATCH_ condition of one parameter: exact values and pattern prefixes. */
function epcMatch(name: string, roles: EpcRole[], raw: string | string[]): EpcMatch {
  const values: string[] = [];
  const prefixes: string[] = [];
  for (const v of nonEmpty(name, listOf(raw))) {
    const pattern = epcPattern(v);
    if (pattern === 'invalid') throw queryInvalid(name, `${name}: "${v}" is not a pattern this repository can match`, { value: v });
    if (pattern) {
      values.push(...pattern.values);
      prefixes.push(...pattern.prefixes);
    } else values.push(canonical(v));
  }
  return { roles, values, prefixes };
}

function cbvList(name: string, raw: string | string[], vocabulary: 'bizStep' | 'disposition'): string[] {
  return nonEmpty(name, listOf(raw)).map((v) => bareCbvValue(vocabulary, v));
}

const FIELD_PARAM = /^(EQ|GT|GE|LT|LE|EXISTS)_(INNER_)?(ILMD_)?(.+)$/;

/** The full IRI a field name of a parameter stands for, or undefined when it is not a field name. */
function fieldIri(name: string, field: string, prefixes: Readonly<Record<string, string>>): string | undefined {
  const colon = field.indexOf(':');
  if (colon <= 0) return undefined;
  if (field.startsWith('//', colon + 1) || field.startsWith('urn:')) return field;
  const iri = expandCurie(field, prefixes);
  if (iri === field) throw queryInvalid(name, `${name}: the prefix "${field.slice(0, colon)}" is not declared (GS1-Extensions header)`, { prefix: field.slice(0, colon) });
  return iri;
}

/** EQ_/GT_/.../EXISTS_ on an ilmd or extension field, or undefined when `name` is no such parameter. */
function fieldCondition(name: string, raw: string | string[], prefixes: Readonly<Record<string, string>>): FieldCondition | undefined {
  const m = FIELD_PARAM.exec(name);
  if (!m) return undefined;
  const [, op = '', inner, ilmd, field = ''] = m;
  const iri = fieldIri(name, field, prefixes);
  if (iri === undefined) return undefined;
  const scope: FieldScope = ilmd ? (inner ? 'ilmd_inner' : 'ilmd') : inner ? 'ext_inner' : 'ext';
  const condition: FieldCondition = { scope, name: iri, op: op as FieldOp };
  if (op === 'EQ') {
    const texts = nonEmpty(name, listOf(raw));
    const nums = texts.flatMap((t) => {
      try {
        return [bound(name, t)];
      } catch {
        return [];
      }
    });
    condition.texts = texts;
    if (nums.length > 0) condition.nums = nums;
  } else if (op !== 'EXISTS') {
    condition.nums = [bound(name, raw)];
  }
  return condition;
}

/** EQ_bizTransaction_{type}, EQ_source_{type}, EQ_destination_{type}. */
const TYPED_PARAM = /^EQ_(bizTransaction|source|destination)_(.+)$/;

function typedCondition(name: string, raw: string | string[]): { kind: string; condition: TypedIdCondition } | undefined {
  const m = TYPED_PARAM.exec(name);
  if (!m) return undefined;
  const [, kind = '', type = ''] = m;
  const values = nonEmpty(name, listOf(raw));
  const bare = bareCbvValue(kind === 'bizTransaction' ? 'bizTransactionType' : 'sourceDestinationType', type);
  // Business transaction ids are kept as captured, so a GS1 key given in the other form is looked for in both.
  const ids = kind === 'bizTransaction' ? [...new Set(values.flatMap((v) => [v, canonical(v)]))] : values.map(canonical);
  return { kind, condition: { type: bare, ids } };
}

/** Parameters that are not query conditions: handled here, by the REST layer or both. */
const PAGE_PARAMS = new Set(['perPage', 'nextPageToken']);

/**
 * Parses SimpleEventQuery parameters (REST binding query string; repeated or comma-separated
 * values) into a typed query with canonical values.
 *
 * @param params parameter name to raw value(s).
 * @param prefixes CURIE prefixes for extension field names (the GS1-Extensions header), besides the
 *   standard ones and `gold`.
 * @throws OrpailleError ORP_EPCIS_QUERY_INVALID naming the unknown parameter or the bad value.
 */
export function parseEventQuery(params: QueryParams, prefixes: Record<string, string> = {}): ParsedEventQuery {
  const known = eventPrefixes({ '@context': [prefixes] });
  const q: EventQuery = { epcs: [], bizTransactions: [], sources: [], destinations: [], fields: [], orderBy: 'eventTime', orderDirection: 'ASC' };
  const out: ParsedEventQuery = { query: q };
  let orderBy: OrderKey | undefined;
  let orderDirection: OrderDirection | undefined;
  for (const [name, raw] of Object.entries(params)) {
    if (raw === undefined) continue;
    const roles = MATCH_ROLES[name];
    if (roles) {
      q.epcs.push(epcMatch(name, roles, raw));
      continue;
    }
    switch (name) {
      case 'eventType':
        q.eventTypes = nonEmpty(name, listOf(raw)).map((t) => {
          if (!(EVENT_TYPES as readonly string[]).includes(t)) throw queryInvalid(name, `eventType "${t}" is not an EPCIS 2.0 event type`, { value: t });
          return t as EventType;
        });
        continue;
      case 'GE_eventTime':
        q.eventTime = { ...q.eventTime, ge: time(name, raw) };
        continue;
      case 'LT_eventTime':
        q.eventTime = { ...q.eventTime, lt: time(name, raw) };
        continue;
      case 'GE_recordTime':
        q.recordTime = { ...q.recordTime, ge: time(name, raw) };
        continue;
      case 'LT_recordTime':
        q.recordTime = { ...q.recordTime, lt: time(name, raw) };
        continue;
      case 'EQ_action':
        q.actions = nonEmpty(name, listOf(raw)).map((a) => {
          if (!ACTIONS.has(a)) throw queryInvalid(name, `EQ_action "${a}" is not ADD, OBSERVE or DELETE`, { value: a });
          return a;
        });
        continue;
      case 'EQ_bizStep':
        q.bizSteps = cbvList(name, raw, 'bizStep');
        continue;
      case 'EQ_disposition':
        q.dispositions = cbvList(name, raw, 'disposition');
        continue;
      case 'EQ_readPoint':
        q.readPoints = nonEmpty(name, listOf(raw)).map(canonical);
        continue;
      case 'EQ_bizLocation':
        q.bizLocations = nonEmpty(name, listOf(raw)).map(canonical);
        continue;
      case 'orderBy': {
        const v = single(name, raw);
        if (v !== 'eventTime' && v !== 'recordTime') throw queryInvalid(name, `orderBy "${v}" is not supported (eventTime or recordTime)`, { value: v });
        orderBy = v;
        continue;
      }
      case 'orderDirection': {
        const v = single(name, raw);
        if (v !== 'ASC' && v !== 'DESC') throw queryInvalid(name, `orderDirection must be ASC or DESC, not "${v}"`, { value: v });
        orderDirection = v;
        continue;
      }
      case 'eventCountLimit':
        q.eventCountLimit = positiveInt(name, raw);
        continue;
      case 'perPage':
        out.perPage = positiveInt(name, raw, MAX_PER_PAGE);
        continue;
      case 'nextPageToken':
        out.nextPageToken = single(name, raw);
        continue;
      default:
        break;
    }
    const typed = typedCondition(name, raw);
    if (typed) {
      (typed.kind === 'bizTransaction' ? q.bizTransactions : typed.kind === 'source' ? q.sources : q.destinations).push(typed.condition);
      continue;
    }
    const field = fieldCondition(name, raw, known);
    if (field) {
      q.fields.push(field);
      continue;
    }
    throw queryInvalid(name, `unknown query parameter "${name}"`);
  }
  // The standard: with orderBy and no orderDirection, newest first; with neither, any order (ours: oldest first).
  q.orderBy = orderBy ?? 'eventTime';
  q.orderDirection = orderDirection ?? (orderBy ? 'DESC' : 'ASC');
  return out;
}

/** perPage when the request gives none (the REST binding's default). */
export function perPageOf(parsed: ParsedEventQuery): number {
  return parsed.perPage ?? DEFAULT_PER_PAGE;
}

/** True for perPage and nextPageToken, the binding's paging parameters. */
export function isPageParam(name: string): boolean {
  return PAGE_PARAMS.has(name);
}
