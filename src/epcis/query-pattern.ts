/**
 * Identifier patterns of MATCH_ parameters, as prefixes of canonical Digital Links (the form the
 * event index holds):
 *
 *  - EPC pure identity patterns (GS1 TDS), `urn:epc:idpat:sgtin:0614141.112345.*`: every field after
 *    the first `*` must be `*` too. A Digital Link does not say where the company prefix ends, so a
 *    company-prefix pattern matches the keys starting with those digits (for a GTIN or SSCC, after
 *    any indicator or extension digit).
 *  - Digital Link prefixes ending in `*`: `https://id.gs1.org/01/09506000134352/21/*`.
 */
import { CANONICAL_DL_DOMAIN, canonicalDigitalLink, canonicalIdentifier } from './digital-link.js';

/** Exact canonical values and prefixes a pattern stands for. */
export interface PatternMatch {
  values: string[];
  prefixes: string[];
}

const DIGITS = /^\d{6,12}$/;
const INDICATORS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * Per scheme of EPC patterns: the AI of its key and whether the key starts with an indicator or
 * extension digit before the company prefix (GTIN, SSCC) or a fixed `0` (GRAI).
 */
const SCHEMES: Readonly<Record<string, { ai: string; lead: readonly string[] }>> = {
  sgtin: { ai: '01', lead: INDICATORS },
  sscc: { ai: '00', lead: INDICATORS },
  sgln: { ai: '414', lead: [''] },
  grai: { ai: '8003', lead: ['0'] },
  giai: { ai: '8004', lead: [''] },
  gsrn: { ai: '8018', lead: [''] },
  gsrnp: { ai: '8017', lead: [''] },
  gdti: { ai: '253', lead: [''] },
  pgln: { ai: '417', lead: [''] },
};

const key = (ai: string) => `${CANONICAL_DL_DOMAIN}/${ai}/`;

/** A key pattern with its serial (or extension) wildcarded: the key itself, or anything below it. */
function keyAndBelow(dl: string): PatternMatch {
  return { values: [dl], prefixes: [`${dl}/`] };
}

function epcIdPattern(value: string): PatternMatch | 'invalid' {
  const m = /^urn:epc:idpat:([a-z0-9]+):(.+)$/.exec(value);
  const scheme = m ? SCHEMES[m[1]!] : undefined;
  if (!m || !scheme) {
    // Other schemes convert only with their serial wildcarded (canonicalIdentifier knows which).
    const dl = canonicalIdentifier(value);
    return dl ? keyAndBelow(dl) : 'invalid';
  }
  const fields = m[2]!.split('.');
  const star = fields.indexOf('*');
  if (star < 0 || fields.slice(star).some((f) => f !== '*')) return 'invalid';
  if (star === 0) return { values: [], prefixes: [key(scheme.ai)] };
  if (star === 1) {
    const cp = fields[0]!;
    if (!DIGITS.test(cp)) return 'invalid';
    return { values: [], prefixes: scheme.lead.map((d) => `${key(scheme.ai)}${d}${cp}`) };
  }
  // Company prefix and reference given: an SGLN without extension is its GLN; others have a DL key class.
  const dl = m[1] === 'sgln' ? canonicalIdentifier(`urn:epc:id:sgln:${fields.slice(0, 2).join('.')}.0`) : canonicalIdentifier(value);
  return dl ? keyAndBelow(dl) : 'invalid';
}

function digitalLinkPrefix(value: string): PatternMatch | 'invalid' {
  const prefix = value.slice(0, -1);
  if (prefix.startsWith(`${CANONICAL_DL_DOMAIN}/`)) return { values: [], prefixes: [prefix] };
  // A custom domain: canonicalise the complete key, then put back a trailing `/` or `/AI/`.
  const m = /^(.*?)(\/(?:\d{2,4}\/)?)$/.exec(prefix);
  const dl = m ? canonicalDigitalLink(m[1]!) : null;
  return dl ? { values: [], prefixes: [dl + m![2]!] } : 'invalid';
}

/**
 * The canonical values and prefixes a MATCH_ value stands for when it is a pattern; undefined when
 * it is a plain identifier; 'invalid' for a pattern that cannot be matched.
 */
export function epcPattern(value: string): PatternMatch | 'invalid' | undefined {
  if (value.startsWith('urn:epc:idpat:')) return epcIdPattern(value);
  if (/^https?:\/\//.test(value) && value.endsWith('*')) return digitalLinkPrefix(value);
  return undefined;
}
