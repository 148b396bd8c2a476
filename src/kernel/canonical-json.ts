/**
 * Canonical JSON bytes (RFC 8785 style: keys sorted by UTF-16 code units, no whitespace,
 * ECMAScript number form). Ledger hashes and signatures cover these bytes, which are stored
 * as they are: PostgreSQL jsonb would reorder keys and rewrite numbers.
 */
export function canonicalJson(value: unknown): string {
  // The native serialiser does the escaping and number form; the replacer only re-orders keys.
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
