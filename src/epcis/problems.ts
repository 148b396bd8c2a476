/**
 * What is wrong with an EPCIS document, said so that its author can fix it: the field or element,
 * the value found, and what was expected (`events[0].action: "ADDD" is not one of ADD, OBSERVE, DELETE`).
 */
export interface EpcisProblem {
  /** Index of the event in the document (document order), when the problem lies in an event. */
  event?: number;
  /** Where: `events[0].quantityList[1].uom`, `@context`, `events[2]`. */
  path: string;
  /** The whole sentence, path included, so that it can be shown on its own. */
  message: string;
}

/** Builds a problem whose message starts with its path. */
export function problem(path: string, text: string, event?: number): EpcisProblem {
  return event === undefined ? { path, message: `${path}: ${text}` } : { event, path, message: `${path}: ${text}` };
}

const MAX_SHOWN = 120;

/** A value as it appears in a message: strings quoted, long values cut. */
export function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** Whether a key can follow a dot in a path; keys are vocabulary, so the answer is kept. */
const plainKeys = new Map<string, boolean>();

function isPlainKey(key: string): boolean {
  let plain = plainKeys.get(key);
  if (plain === undefined) {
    plain = /^[A-Za-z_$@][\w$@:-]*$/.test(key);
    if (plainKeys.size >= 10_000) plainKeys.clear();
    plainKeys.set(key, plain);
  }
  return plain;
}

/** `a.b`, `a[0]`: appends a member name or an index to a path. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const plain = isPlainKey(key);
  if (path === '') return plain ? key : `[${JSON.stringify(key)}]`;
  return plain ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** The path of event `index` of a document, or of a bare event. */
export function eventPath(index: number | undefined): string {
  return index === undefined ? 'event' : `events[${index}]`;
}
