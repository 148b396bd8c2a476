/**
 * Checks that a JSON value has the shape of a template (the same kind at every path: object keys present,
 * numbers where numbers were, strings where strings were...). Used to judge a new rule version against the
 * version it follows, so a typo in a threshold ("above": 5000 instead of "5000.00") is refused rather than
 * silently ignored by the rule that reads it. Returns the first mismatch as "path: expected X, got Y".
 */
export function shapeMismatch(template: unknown, value: unknown, path = '$'): string | undefined {
  const kind = kindOf(template);
  const got = kindOf(value);
  if (kind !== got) return `${path}: expected ${kind}, got ${got}`;
  if (kind === 'array') {
    const [first] = template as unknown[];
    if (first === undefined) return undefined;
    const items = value as unknown[];
    for (let i = 0; i < items.length; i++) {
      const m = shapeMismatch(first, items[i], `${path}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  if (kind === 'object') {
    const t = template as Record<string, unknown>;
    const v = value as Record<string, unknown>;
    for (const k of Object.keys(t)) {
      if (!(k in v)) return `${path}.${k}: missing`;
      const m = shapeMismatch(t[k], v[k], `${path}.${k}`);
      if (m) return m;
    }
    for (const k of Object.keys(v)) if (!(k in t)) return `${path}.${k}: not a field of this rule`;
  }
  return undefined;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}
