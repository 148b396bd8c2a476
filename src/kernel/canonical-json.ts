/**
 * Canonical JSON bytes (RFC 8785 style: keys sorted by UTF-16 code units, no whitespace,
 * ECMAScript number form). Ledger hashes and signatures cover these bytes, which are stored
 * as they are: PostgreSQL jsonb would reorder keys and rewrite numbers.
 */
export function canonicalJson(value: unknown): string {
  try {
    const text = writeValue(value, 0);
    if (text !== undefined) return text;
  } catch (err) {
    if (err !== NOT_PLAIN) throw err;
  }
  return canonicalJsonNative(value); // also what throws for input that has no canonical form
}

/**
 * The reference serialisation: the native serialiser does the escaping and number form, the
 * replacer only re-orders keys. {@link writeValue} gives the same bytes for plain JSON data,
 * faster; anything else (toJSON, class instances, numeric-looking keys, …) comes here.
 */
function canonicalJsonNative(value: unknown): string {
  const text = JSON.stringify(value, sortKeys);
  if (text === undefined) throw new TypeError(`cannot canonicalise ${typeof value}`);
  return text;
}

function sortKeys(_key: string, v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new TypeError('non-finite number in canonical JSON');
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  let sorted = true;
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return v;
  const out: Record<string, unknown> = {};
  for (const k of keys.sort()) out[k] = obj[k];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fast path for plain JSON data
// ---------------------------------------------------------------------------------------------

/** Thrown by the fast writer for input it does not handle exactly like {@link canonicalJsonNative}. */
const NOT_PLAIN = Symbol('not plain JSON data');

/** Deeper structures (or cycles) are left to the native serialiser and its errors. */
const MAX_DEPTH = 100;

/**
 * Serialises plain JSON data (null, booleans, finite numbers, strings, arrays and plain objects)
 * exactly as `JSON.stringify(value, sortKeys)` does. Returns `undefined` where JSON.stringify
 * would leave a member out (undefined, functions, symbols).
 *
 * @throws NOT_PLAIN for anything else: objects with `toJSON` or another prototype (Date, boxed
 *   primitives, class instances), BigInt, non-finite numbers, array-index-like or `__proto__`
 *   keys (whose order or effect the native path decides), or nesting deeper than
 *   {@link MAX_DEPTH}. The native path then gives the result, or the error.
 */
function writeValue(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw NOT_PLAIN;
      return String(value); // JSON's number form is Number::toString (-0 gives "0")
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      if (value === null) return 'null';
      if (depth >= MAX_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') throw NOT_PLAIN;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) throw NOT_PLAIN;
        return writeArray(value, depth + 1);
      }
      {
        const proto: unknown = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
      }
      return writeObject(value as Record<string, unknown>, depth + 1);
    default:
      throw NOT_PLAIN; // bigint
  }
}

function writeArray(array: readonly unknown[], depth: number): string {
  let out = '[';
  for (let i = 0; i < array.length; i++) {
    if (i > 0) out += ',';
    out += writeValue(array[i], depth) ?? 'null';
  }
  return out + ']';
}

function writeObject(obj: Record<string, unknown>, depth: number): string {
  let out = '{';
  for (const key of sortedKeys(Object.keys(obj))) {
    const text = writeValue(obj[key], depth);
    if (text === undefined) continue;
    out += out.length === 1 ? quotedKey(key) : `,${quotedKey(key)}`;
    out += text;
  }
  return out + '}';
}

/** Keys sorted by UTF-16 code units (the default sort), usually as they come: already sorted. */
function sortedKeys(keys: string[]): readonly string[] {
  let sorted = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    // Array-index keys are always listed first, whatever the order, and `__proto__` cannot be
    // copied as a plain member: the native path decides what these give.
    const first = key.charCodeAt(0);
    if ((first >= 0x30 && first <= 0x39) || key === '__proto__') throw NOT_PLAIN;
    if (i > 0 && keys[i - 1]! > key) sorted = false;
  }
  return sorted ? keys : sortedKeyOrder(keys);
}

/**
 * Sorted key lists by original key sequence (a trie over the keys in member order): records of
 * one kind share their member order, so each order is sorted once. Bounded; cleared when full.
 */
interface KeyOrderNode {
  readonly next: Map<string, KeyOrderNode>;
  sorted?: readonly string[];
}

const MAX_KEY_ORDER_NODES = 10_000;
let keyOrderRoot: KeyOrderNode = { next: new Map() };
let keyOrderNodes = 0;

function sortedKeyOrder(keys: string[]): readonly string[] {
  let node = keyOrderRoot;
  for (const key of keys) {
    let child = node.next.get(key);
    if (child === undefined) {
      if (keyOrderNodes >= MAX_KEY_ORDER_NODES) {
        keyOrderRoot = { next: new Map() };
        keyOrderNodes = 0;
        return keys.sort();
      }
      child = { next: new Map() };
      node.next.set(key, child);
      keyOrderNodes++;
    }
    node = child;
  }
  return (node.sorted ??= [...keys].sort());
}

/** Characters JSON.stringify escapes: `"`, `\\`, controls and (lone) surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A JSON string literal; the native serialiser escapes the rare strings that need it. */
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** `"key":` for a member name; names repeat, so their quoted form is kept. */
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${quote(key)}:`;
    if (quotedKeys.size >= 10_000) quotedKeys.clear();
    quotedKeys.set(key, quoted);
  }
  return quoted;
}

const quotedKeys = new Map<string, string>();
