/**
 * Namespace prefixes of normalised events. An event names its extension fields with CURIEs
 * (`example:temperature`); the standard EPCIS prefixes and `gold` are implied, every other prefix
 * the event uses is declared in its own `@context`.
 */
import { GOLD_NS } from './context.js';
import { STANDARD_PREFIXES } from './hash.js';

/** Prefixes a normalised event may use without declaring them. */
export const IMPLIED_PREFIXES: ReadonlyMap<string, string> = new Map([...Object.entries(STANDARD_PREFIXES), ['gold', GOLD_NS]]);

const IMPLIED_BY_IRI: ReadonlyMap<string, string> = new Map([...IMPLIED_PREFIXES].map(([p, iri]) => [iri, p]));

/**
 * Prefixes whose CURIEs the CBV 2.0 event hash expands in values of any syntax, XML included
 * (`gs1:Temperature`, `cbv:BizStep-shipping`): a value using them means the same in JSON-LD and XML.
 */
export const VALUE_PREFIXES: ReadonlyMap<string, string> = new Map(
  ['gs1', 'cbv', 'epcis'].map((p) => [p, STANDARD_PREFIXES[p]!]),
);

/** A name usable as a prefix (an XML NCName without dots, which JSON-LD terms allow too). */
const PREFIX_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const CURIE = /^([A-Za-z_][A-Za-z0-9_.-]*):(?!\/\/)(.*)$/s;

/** `[prefix, local]` of a `prefix:local` string (not `scheme://…`), without checking the prefix. */
export function curieParts(text: string): [prefix: string, local: string] | undefined {
  const m = CURIE.exec(text);
  return m ? [m[1]!, m[2]!] : undefined;
}

/** Expands `prefix:local` when `prefixes` declares the prefix. */
export function expandCurie(text: string, prefixes: ReadonlyMap<string, string>): string | undefined {
  const parts = curieParts(text);
  if (!parts) return undefined;
  const iri = prefixes.get(parts[0]);
  return iri === undefined ? undefined : iri + parts[1];
}

/**
 * Hands out the prefixes of one normalised event: the implied prefix for an implied namespace,
 * else the prefix the input used, renamed (`ext2`, `ns1`, …) when that name is implied, reserved,
 * or already taken by another namespace in this event.
 */
export class EventNamespaces {
  private readonly byIri = new Map<string, string>();
  private readonly declared = new Map<string, string>();

  /** @param reserved names not to declare (an XML value such as `ex:x` would read as a CURIE). */
  constructor(private readonly reserved: ReadonlySet<string> = new Set()) {}

  /** The prefix this event writes `iri` with. */
  prefixFor(iri: string, preferred: string | undefined): string {
    const implied = IMPLIED_BY_IRI.get(iri);
    if (implied !== undefined) return implied;
    const known = this.byIri.get(iri);
    if (known !== undefined) return known;
    const base = preferred !== undefined && PREFIX_NAME.test(preferred) ? preferred : 'ns';
    let n = 1;
    let prefix = base === 'ns' ? 'ns1' : base;
    while (!this.isFree(prefix)) prefix = `${base}${++n}`;
    this.byIri.set(iri, prefix);
    this.declared.set(prefix, iri);
    return prefix;
  }

  private isFree(prefix: string): boolean {
    return !IMPLIED_PREFIXES.has(prefix) && !this.reserved.has(prefix) && !this.declared.has(prefix);
  }

  /** `prefix → IRI` of every prefix handed out, implied ones included. */
  prefixMap(): Map<string, string> {
    const map = new Map(IMPLIED_PREFIXES);
    for (const [prefix, iri] of this.declared) map.set(prefix, iri);
    return map;
  }

  /** The event's `@context`: one `{ prefix: iri }` per declared prefix, by prefix; undefined when none. */
  context(): Record<string, string>[] | undefined {
    if (this.declared.size === 0) return undefined;
    return [...this.declared.keys()].sort().map((p) => ({ [p]: this.declared.get(p)! }));
  }
}
