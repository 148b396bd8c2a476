/**
 * Validation against the EPCIS 2.0.1 JSON Schema (draft-07, ajv with ajv-formats). The schema is
 * compiled once, on first use, into three validators: one event (`EPCIS-Document-Event`), one
 * `@context`, and the document envelope (the schema with `eventList` relaxed to "objects", since
 * events are validated one by one after normalisation). ajv's errors are turned into problems that
 * name the field, the value and what was expected.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import { EPCIS_JSON_SCHEMA, type SchemaNode } from './json-schema-document.js';
import { childPath, problem, shown, type EpcisProblem } from './problems.js';
import { isOpenTerm, MEASUREMENT_TYPE } from './vocabulary.js';

const addFormats = formatsModule.default;

interface Validators {
  readonly event: ValidateFunction;
  readonly context: ValidateFunction;
  readonly envelope: ValidateFunction;
}

let validators: Validators | undefined;

function compile(): Validators {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(EPCIS_JSON_SCHEMA);
  const id = EPCIS_JSON_SCHEMA.$id;
  const envelope = structuredClone(EPCIS_JSON_SCHEMA) as SchemaNode & { $id: string; definitions: Record<string, SchemaNode> };
  envelope.$id = 'urn:orpaille:epcis-json-schema-envelope';
  envelope.definitions['eventList'] = { type: 'array', items: { type: 'object' } };
  return {
    event: ajv.getSchema(`${id}#/definitions/EPCIS-Document-Event`)!,
    context: ajv.getSchema(`${id}#/definitions/@context`)!,
    envelope: ajv.compile(envelope),
  };
}

const compiled = (): Validators => (validators ??= compile());

/** Compiles the schema validators now (about a second) rather than inside the first capture request. */
export function prepareSchemaValidators(): void {
  compiled();
}

/** Problems of one event against the schema (empty when valid). */
export function schemaProblemsOfEvent(event: unknown, path: string, index: number): EpcisProblem[] {
  const validate = compiled().event;
  return validate(event) ? [] : describeErrors(validate.errors ?? [], event, path, index);
}

/** Problems of a document's envelope (everything but the events themselves). */
export function schemaProblemsOfEnvelope(document: unknown): EpcisProblem[] {
  const validate = compiled().envelope;
  return validate(document) ? [] : describeErrors(validate.errors ?? [], document, '', undefined);
}

/** Problems of a JSON-LD `@context` value. */
export function schemaProblemsOfContext(context: unknown, path: string, index: number | undefined): EpcisProblem[] {
  const validate = compiled().context;
  return validate(context) ? [] : describeErrors(validate.errors ?? [], context, path, index);
}

/**
 * Where Orpaille departs from the 2.0.1 JSON Schema (docs/epcis.md, "Where Orpaille departs from
 * the JSON Schema"): a sensorReport may lack `type`, as the XML schema of the same standard allows
 * (an alert report carries an `exception` instead); a measurement type may be a GS1 Web Vocabulary
 * term newer than the schema's list; an identifier list may name an object twice (the XML schema
 * allows it, and an EPC URN and a Digital Link of one object are one canonical value).
 */
function relaxed(e: ErrorObject, value: unknown): boolean {
  const path = e.instancePath;
  if (e.keyword === 'required') return e.params['missingProperty'] === 'type' && /\/sensorReport\/\d+$/.test(path);
  if (e.keyword === 'uniqueItems') return /\/(?:epcList|childEPCs|inputEPCList|outputEPCList)$/.test(path);
  return /\/sensorReport\/\d+\/type$/.test(path) && typeof value === 'string' && isOpenTerm(MEASUREMENT_TYPE, value);
}

/** The value at a JSON Pointer (`/quantityList/0/quantity`). */
function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** A JSON Pointer as a problem path below `base`. */
function pathOf(base: string, pointer: string): string {
  let path = base;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    path = childPath(path, /^\d+$/.test(key) ? Number(key) : key);
  }
  return path;
}

const where = (path: string): string => (path === '' ? 'document' : path);

/** At most `max` allowed values listed, so that a long code list does not drown the message. */
function allowed(values: readonly unknown[], max = 12): string {
  const list = values.slice(0, max).map(String).join(', ');
  return values.length > max ? `${list}, … (${values.length} values)` : list;
}

function formatText(format: string): string {
  switch (format) {
    case 'date-time':
      return 'an ISO 8601 date-time with a time zone (e.g. 2026-03-02T08:15:07.149+02:00)';
    case 'uri':
      return 'an absolute URI';
    default:
      return `a valid ${format}`;
  }
}

/**
 * Turns ajv's errors into one problem per field. An `anyOf` of alternatives reports each failed
 * alternative; they are merged here (a code list or a URI; one of several required lists).
 */
function describeErrors(errors: readonly ErrorObject[], root: unknown, base: string, index: number | undefined): EpcisProblem[] {
  const out = new Map<string, EpcisProblem>(); // by path: the first, most telling problem
  const add = (path: string, text: string, priority = 0): void => {
    const key = where(path);
    const existing = out.get(key);
    if (!existing || priority > ((existing as { priority?: number }).priority ?? 0)) {
      out.set(key, Object.assign(problem(key, text, index), { priority }));
    }
  };
  const enumPaths = new Set(errors.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
  // instancePath + anyOf schemaPath -> branch -> fields it misses
  const alternatives = new Map<string, Map<string, string[]>>();
  const missing = new Map<string, string[]>(); // instancePath -> required fields absent
  for (const e of errors) {
    const path = pathOf(base, e.instancePath);
    const value = valueAt(root, e.instancePath);
    const params = e.params as Record<string, unknown>;
    if (relaxed(e, value)) continue;
    switch (e.keyword) {
      case 'if':
      case 'anyOf':
      case 'oneOf':
      case 'allOf':
        break; // summarised by the errors of their branches
      case 'required': {
        const field = String(params['missingProperty']);
        const anyOf = e.schemaPath.lastIndexOf('/anyOf/');
        if (anyOf >= 0) {
          const key = `${e.instancePath}\u0000${e.schemaPath.slice(0, anyOf)}`;
          const branch = /^\/anyOf\/(\d+)/.exec(e.schemaPath.slice(anyOf))?.[1] ?? '';
          const branches = alternatives.get(key) ?? new Map<string, string[]>();
          alternatives.set(key, branches.set(branch, [...(branches.get(branch) ?? []), field]));
        } else {
          missing.set(e.instancePath, [...(missing.get(e.instancePath) ?? []), field]);
        }
        break;
      }
      case 'enum':
        add(path, `${shown(value)} is not one of ${allowed(params['allowedValues'] as unknown[])}`, 3);
        break;
      case 'pattern':
        if (!enumPaths.has(e.instancePath) && !e.schemaPath.includes('/anyOf/')) {
          add(path, `${shown(value)} does not match the pattern ${String(params['pattern'])}`, 1);
        }
        break;
      case 'format':
        if (!enumPaths.has(e.instancePath)) {
          const name = e.propertyName;
          if (name !== undefined) add(childPath(path, name), `field ${shown(name)} is not ${formatText(String(params['format']))} nor a standard field`, 1);
          else add(path, `${shown(value)} is not ${formatText(String(params['format']))}`, 1);
        }
        break;
      case 'type':
        add(path, `${shown(value)} is not ${/^[aeiou]/.test(String(params['type'])) ? 'an' : 'a'} ${String(params['type'])}`, 2);
        break;
      case 'additionalProperties':
        add(childPath(path, String(params['additionalProperty'])), `unknown field ${shown(params['additionalProperty'])}`, 2);
        break;
      case 'propertyNames':
        add(childPath(path, String(params['propertyName'])), `unknown field ${shown(params['propertyName'])}`, 0);
        break;
      case 'not':
        if (e.instancePath.endsWith('/ilmd')) {
          const action = valueAt(root, `${e.instancePath.slice(0, -'/ilmd'.length)}/action`);
          add(path, `ilmd is only allowed with action ADD (action is ${shown(action)})`, 2);
        } else {
          add(path, `${shown(value)} is not allowed here`, 0);
        }
        break;
      default:
        add(path, `${shown(value)}: ${e.message ?? 'is invalid'}`, 0);
    }
  }
  const quoted = (fields: readonly string[]): string => fields.map((f) => `"${f}"`).join(', ');
  for (const [pointer, fields] of missing) {
    add(pathOf(base, pointer), `missing required field${fields.length > 1 ? 's' : ''} ${quoted(fields)}`, 2);
  }
  for (const [key, branches] of alternatives) {
    const needs = [...branches.values()].map((fields) => fields.map((f) => `"${f}"`).join(' with ')).join(', or ');
    add(pathOf(base, key.split('\u0000')[0]!), `needs ${needs} (none is present)`, 1);
  }
  return [...out.values()].map(({ event, path, message }) => (event === undefined ? { path, message } : { event, path, message }));
}
