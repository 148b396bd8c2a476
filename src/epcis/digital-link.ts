/**
 * Conversion between the two ways EPCIS writes a GS1 identifier: EPC URIs (`urn:epc:id:…`,
 * `urn:epc:class:…`, `urn:epc:idpat:…`, GS1 Tag Data Standard) and GS1 Digital Link URIs
 * (`https://id.gs1.org/…`, GS1 Digital Link URI Syntax 1.2).
 *
 * The canonical form used across Orpaille (and by the CBV 2.0 event hash, rules 17–18) is the
 * *constrained canonical* Digital Link: domain `https://id.gs1.org`, AI numbers instead of short
 * names, no query string or fragment, and only the most fine-grained key qualifier (a serial wins
 * over a lot; CPV is dropped). Everything here is pure string work; nothing is fetched.
 */
import { gs1CheckDigit } from '../kernel/gs1.js';

/** The domain every canonical Digital Link URI uses. */
export const CANONICAL_DL_DOMAIN = 'https://id.gs1.org';

// ---------------------------------------------------------------------------------------------
// Character sets and percent-encoding
// ---------------------------------------------------------------------------------------------

/** GS1 AI encodable character set 82 (the characters an alphanumeric AI value may contain). */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
/** GS1 AI encodable character set 39 (used by CPID, AI 8010). */
const CSET39 = /^[#\-/0-9A-Z]*$/;
/**
 * Characters kept literally in a canonical Digital Link path segment. Everything else from
 * CSET82 (`! " % & ( ) * + , / : < > ?`) is percent-encoded, as GS1 Digital Link table 7-1 (and
 * the reference hash implementation) require.
 */
const DL_LITERAL = /[A-Za-z0-9\-._';=]/;
const DL_ALL_LITERAL = /^[A-Za-z0-9\-._';=]*$/;
/** Characters an EPC URI may carry literally (TDS 2.0 §6.3); the rest of CSET82 is %-escaped. */
const EPC_LITERAL = /[A-Za-z0-9\-_.:;=!'()*+,]/;
const EPC_ALL_LITERAL = /^[A-Za-z0-9\-_.:;=!'()*+,]*$/;

/**
 * Percent-encodes every character of `value` that `literal` (one character) does not match;
 * `allLiteral` (the whole string) lets the common case of nothing to encode return at once.
 */
function percentEncode(value: string, literal: RegExp, allLiteral?: RegExp): string {
  if (allLiteral?.test(value)) return value;
  let out = '';
  for (const ch of value) {
    if (literal.test(ch)) out += ch;
    // ASCII gets an uppercase %XX (encodeURIComponent would leave e.g. ! ( ) * unescaped);
    // anything else is UTF-8 encoded.
    else if (ch.charCodeAt(0) < 0x80) out += `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
    else out += encodeURIComponent(ch);
  }
  return out;
}

/** Percent-decodes, or returns undefined when the escapes are malformed. */
function percentDecode(value: string): string | undefined {
  if (!value.includes('%')) return value; // nothing to decode (and nothing malformed)
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Encodes an AI value for a canonical Digital Link path segment. */
export function encodeDigitalLinkValue(value: string): string {
  return percentEncode(value, DL_LITERAL, DL_ALL_LITERAL);
}

/** Encodes an AI value for an EPC URI component (escapes `" % & / < > ?` and anything non-CSET82). */
export function encodeEpcValue(value: string): string {
  return percentEncode(value, EPC_LITERAL, EPC_ALL_LITERAL);
}

/** Decodes an EPC URI component; undefined if it holds characters an EPC URI may not carry. */
function decodeEpcValue(raw: string): string | undefined {
  if (!/^(?:[A-Za-z0-9\-_.:;=!'()*+,]|%[0-9A-Fa-f]{2})*$/.test(raw)) return undefined;
  return percentDecode(raw);
}

const isDigits = (s: string, min: number, max = min): boolean =>
  s.length >= min && s.length <= max && /^\d*$/.test(s);
const isCset82 = (s: string, min: number, max: number): boolean =>
  s.length >= min && s.length <= max && CSET82.test(s);

/** Appends the GS1 mod-10 check digit to a digit string. */
function withCheckDigit(body: string): string {
  return body + String(gs1CheckDigit(body));
}

// ---------------------------------------------------------------------------------------------
// Digital Link model
// ---------------------------------------------------------------------------------------------

/** One AI/value pair of a Digital Link path, value decoded. */
export interface DigitalLinkElement {
  readonly ai: string;
  readonly value: string;
}

/** Short names (GS1 Digital Link 1.0) still found in the wild, mapped to their AI. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  gtin: '01', itip: '8006', cpid: '8010', gln: '414', party: '417', gsrnp: '8017', gsrn: '8018',
  gcn: '255', sscc: '00', gdti: '253', ginc: '401', gsin: '402', grai: '8003', giai: '8004',
  cpv: '22', lot: '10', ser: '21',
};

/** Validates the value of a primary key AI (after GTIN padding). */
const PRIMARY_KEYS: Readonly<Record<string, (v: string) => boolean>> = {
  '00': (v) => isDigits(v, 18),
  '01': (v) => isDigits(v, 14),
  '253': (v) => isDigits(v.slice(0, 13), 13) && isCset82(v.slice(13), 0, 17),
  '255': (v) => isDigits(v.slice(0, 13), 13) && isDigits(v.slice(13), 0, 12),
  // GINC, GIAI and CPID start with a GS1 Company Prefix; requiring its first digits keeps ordinary
  // web URLs such as https://example.org/8004/about from being taken for identifiers.
  '401': (v) => /^\d{4}/.test(v) && isCset82(v, 1, 30),
  '402': (v) => isDigits(v, 17),
  '414': (v) => isDigits(v, 13),
  '417': (v) => isDigits(v, 13),
  '8003': (v) => isDigits(v.slice(0, 14), 14) && isCset82(v.slice(14), 0, 16),
  '8004': (v) => /^\d{4}/.test(v) && isCset82(v, 1, 30),
  '8006': (v) => isDigits(v, 18),
  '8010': (v) => /^\d{4}/.test(v) && v.length <= 30 && CSET39.test(v),
  '8017': (v) => isDigits(v, 18),
  '8018': (v) => isDigits(v, 18),
};

/** Key qualifiers each primary key admits, in the order the Digital Link path must list them. */
const QUALIFIERS: Readonly<Record<string, readonly string[]>> = {
  '01': ['22', '10', '21', '235'],
  '8006': ['22', '10', '21'],
  '414': ['254'],
  '8010': ['8011'],
};

const QUALIFIER_VALID: Readonly<Record<string, (v: string) => boolean>> = {
  '22': (v) => isCset82(v, 1, 20),
  '10': (v) => isCset82(v, 1, 20),
  '21': (v) => isCset82(v, 1, 20),
  '235': (v) => isCset82(v, 1, 28),
  '254': (v) => isCset82(v, 1, 20),
  '8011': (v) => isDigits(v, 1, 12),
};

/** GTINs may appear as GTIN-8/12/13 in a Digital Link; the canonical form is always GTIN-14. */
function padGtin(value: string): string {
  const { length } = value;
  return (length === 8 || length === 12 || length === 13) && /^\d*$/.test(value) ? value.padStart(14, '0') : value;
}

/** Tries to read `segments[start..]` as primary key + qualifiers; undefined if they do not fit. */
function readElements(segments: readonly string[], start: number): DigitalLinkElement[] | undefined {
  const count = segments.length - start;
  if (count < 2 || count % 2 !== 0) return undefined;
  // elements[0] is the primary key (a GTIN padded to 14 digits), the rest its qualifiers.
  const elements: DigitalLinkElement[] = [];
  for (let i = start; i < segments.length; i += 2) {
    const rawAi = segments[i] ?? '';
    const ai = SHORT_NAMES[rawAi] ?? rawAi;
    const value = percentDecode(segments[i + 1] ?? '');
    if (value === undefined) return undefined;
    elements.push({ ai, value: i === start && ai === '01' ? padGtin(value) : value });
  }
  const key = elements[0]!;
  if (!PRIMARY_KEYS[key.ai]?.(key.value)) return undefined;
  // Qualifiers must be known for this key, valid, and in the prescribed order (no repeats).
  const allowed = QUALIFIERS[key.ai] ?? [];
  let last = -1;
  for (let i = 1; i < elements.length; i++) {
    const q = elements[i]!;
    const pos = allowed.indexOf(q.ai);
    if (pos <= last || !QUALIFIER_VALID[q.ai]?.(q.value)) return undefined;
    last = pos;
  }
  if (key.ai === '01' && elements.length > 2 && elements.some((q, i) => i > 0 && q.ai === '235')) return undefined;
  return elements;
}

/** Key qualifiers from the most to the least fine-grained. */
const QUALIFIER_PRECEDENCE: readonly string[] = ['21', '235', '10', '254', '8011'];

/**
 * Keeps only the most fine-grained identification level (CBV 2.0 rule 18 III): a serial number
 * supersedes a lot, and the consumer product variant (AI 22) never identifies an object.
 */
function mostFineGrained(elements: readonly DigitalLinkElement[]): DigitalLinkElement[] {
  const key = elements[0];
  if (!key) return [];
  for (const ai of QUALIFIER_PRECEDENCE) {
    const pick = elements.find((q, i) => i > 0 && q.ai === ai);
    if (pick) return [key, pick];
  }
  return [key];
}

/**
 * Parses a GS1 Digital Link URI (any domain, optional path prefix before the primary key, short
 * names or AIs, with or without query string) into its AI/value elements, reduced to the most
 * fine-grained level. Returns undefined when the URI is not a valid Digital Link.
 */
export function parseDigitalLink(uri: string): DigitalLinkElement[] | undefined {
  const m = /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?(?:\?[^#\s]*)?(?:#\S*)?$/i.exec(uri.trim());
  if (!m) return undefined;
  const segments = (m[1] ?? '').split('/').slice(1);
  if (segments.at(-1) === '') segments.pop(); // a trailing slash is not a path element
  // The primary key may follow a custom path prefix (e.g. https://brand.example/products/01/…);
  // take the first position from which the remainder reads as a valid key + qualifiers.
  for (let start = 0; start < segments.length; start++) {
    const elements = readElements(segments, start);
    if (elements) return mostFineGrained(elements);
  }
  return undefined;
}

/** Formats Digital Link elements as a canonical `https://id.gs1.org/…` URI. */
export function formatDigitalLink(elements: readonly DigitalLinkElement[]): string {
  let uri = CANONICAL_DL_DOMAIN;
  for (const e of elements) uri += `/${e.ai}/${encodeDigitalLinkValue(e.value)}`;
  return uri;
}

/**
 * Constrained canonical form of a GS1 Digital Link URI (CBV 2.0 rule 18): custom domain replaced
 * by `https://id.gs1.org`, query string and fragment stripped, short names replaced by AIs, GTIN
 * padded to 14 digits, only the most fine-grained key qualifier kept, values percent-encoded
 * canonically.
 *
 * @returns the canonical URI, or null when `uri` is not a valid GS1 Digital Link URI.
 * @example canonicalDigitalLink('https://id.gs1.de/01/4012345999990/10/L1/21/X?17=2501')
 *   // 'https://id.gs1.org/01/04012345999990/21/X'
 */
export function canonicalDigitalLink(uri: string): string | null {
  const elements = parseDigitalLink(uri);
  return elements ? formatDigitalLink(elements) : null;
}

// ---------------------------------------------------------------------------------------------
// EPC URI -> Digital Link
// ---------------------------------------------------------------------------------------------

/** Splits `cp.ref` where cp is a 6–12 digit company prefix and cp+ref has `total` digits. */
function companyAndRef(cp: string, ref: string, total: number): boolean {
  return isDigits(cp, 6, 12) && /^\d*$/.test(ref) && cp.length + ref.length === total;
}

/** GTIN-14 from an EPC company prefix and indicator-digit-plus-item-reference. */
function gtinFromEpc(cp: string, indicatorItem: string): string | undefined {
  if (!companyAndRef(cp, indicatorItem, 13)) return undefined;
  return withCheckDigit(indicatorItem.slice(0, 1) + cp + indicatorItem.slice(1));
}

/** A 13-digit key (GLN, GDTI, GCN, GRAI body) from company prefix + reference (12 digits). */
function key13FromEpc(cp: string, ref: string): string | undefined {
  return companyAndRef(cp, ref, 12) ? withCheckDigit(cp + ref) : undefined;
}

type EpcConverter = (fields: readonly string[]) => DigitalLinkElement[] | undefined;

const el = (ai: string, value: string): DigitalLinkElement => ({ ai, value });

/** Decodes an EPC serial-like component and checks it against CSET82 and a maximum length. */
function epcText(raw: string | undefined, max: number): string | undefined {
  if (raw === undefined) return undefined;
  const value = decodeEpcValue(raw);
  return value !== undefined && isCset82(value, 1, max) ? value : undefined;
}

/** `urn:epc:id:<scheme>:` converters, keyed by scheme; `fields` is the dot-split remainder. */
const EPC_ID: Readonly<Record<string, EpcConverter>> = {
  sgtin: ([cp = '', item = '', ...serial]) => {
    const gtin = gtinFromEpc(cp, item);
    const ser = epcText(serial.join('.'), 20);
    return gtin && ser ? [el('01', gtin), el('21', ser)] : undefined;
  },
  sscc: ([cp = '', ref = '', ...rest]) =>
    rest.length === 0 && companyAndRef(cp, ref, 17)
      ? [el('00', withCheckDigit(ref.slice(0, 1) + cp + ref.slice(1)))]
      : undefined,
  sgln: ([cp = '', loc = '', ...ext]) => {
    const gln = key13FromEpc(cp, loc);
    const extension = epcText(ext.join('.'), 20);
    if (!gln || !extension) return undefined;
    // Extension 0 is TDS's way of saying "no extension".
    return extension === '0' ? [el('414', gln)] : [el('414', gln), el('254', extension)];
  },
  grai: ([cp = '', asset = '', ...serial]) => {
    const body = key13FromEpc(cp, asset);
    const ser = epcText(serial.join('.'), 16);
    return body && ser ? [el('8003', `0${body}${ser}`)] : undefined;
  },
  giai: ([cp = '', ...ref]) => {
    const asset = epcText(ref.join('.'), 30 - cp.length);
    return isDigits(cp, 6, 12) && asset ? [el('8004', cp + asset)] : undefined;
  },
  gsrn: ([cp = '', ref = '', ...rest]) =>
    rest.length === 0 && companyAndRef(cp, ref, 17) ? [el('8018', withCheckDigit(cp + ref))] : undefined,
  gsrnp: ([cp = '', ref = '', ...rest]) =>
    rest.length === 0 && companyAndRef(cp, ref, 17) ? [el('8017', withCheckDigit(cp + ref))] : undefined,
  gdti: ([cp = '', doc = '', ...serial]) => {
    const body = key13FromEpc(cp, doc);
    const ser = epcText(serial.join('.'), 17);
    return body && ser ? [el('253', body + ser)] : undefined;
  },
  cpi: ([cp = '', ref = '', serial = '', ...rest]) => {
    const cpRef = decodeEpcValue(ref);
    if (rest.length > 0 || !isDigits(cp, 6, 12) || cpRef === undefined) return undefined;
    const cpid = cp + cpRef;
    return PRIMARY_KEYS['8010']?.(cpid) && isDigits(serial, 1, 12)
      ? [el('8010', cpid), el('8011', serial)]
      : undefined;
  },
  sgcn: ([cp = '', coupon = '', serial = '', ...rest]) => {
    const body = key13FromEpc(cp, coupon);
    return rest.length === 0 && body && isDigits(serial, 1, 12) ? [el('255', body + serial)] : undefined;
  },
  ginc: ([cp = '', ...ref]) => {
    const consignment = epcText(ref.join('.'), 30 - cp.length);
    return isDigits(cp, 6, 12) && consignment ? [el('401', cp + consignment)] : undefined;
  },
  gsin: ([cp = '', ref = '', ...rest]) =>
    rest.length === 0 && companyAndRef(cp, ref, 16) ? [el('402', withCheckDigit(cp + ref))] : undefined,
  itip: ([cp = '', item = '', piece = '', total = '', ...serial]) => {
    const gtin = gtinFromEpc(cp, item);
    const ser = epcText(serial.join('.'), 20);
    return gtin && isDigits(piece, 2) && isDigits(total, 2) && ser
      ? [el('8006', gtin + piece + total), el('21', ser)]
      : undefined;
  },
  upui: ([cp = '', item = '', ...tpx]) => {
    const gtin = gtinFromEpc(cp, item);
    const value = epcText(tpx.join('.'), 28);
    return gtin && value ? [el('01', gtin), el('235', value)] : undefined;
  },
  pgln: ([cp = '', party = '', ...rest]) => {
    const gln = key13FromEpc(cp, party);
    return rest.length === 0 && gln ? [el('417', gln)] : undefined;
  },
};

/** `urn:epc:class:<scheme>:` converters. */
const EPC_CLASS: Readonly<Record<string, EpcConverter>> = {
  lgtin: ([cp = '', item = '', ...lot]) => {
    const gtin = gtinFromEpc(cp, item);
    const batch = epcText(lot.join('.'), 20);
    return gtin && batch ? [el('01', gtin), el('10', batch)] : undefined;
  },
};

/**
 * `urn:epc:idpat:<scheme>:` converters. Only patterns whose wildcard is the serial component map
 * to a Digital Link (the class of objects sharing the key), exactly as the CBV hash algorithm's
 * reference implementation converts them; other patterns stay EPC pattern URIs.
 */
const EPC_PATTERN: Readonly<Record<string, EpcConverter>> = {
  sgtin: ([cp = '', item = '', star, ...rest]) => {
    const gtin = gtinFromEpc(cp, item);
    return gtin && star === '*' && rest.length === 0 ? [el('01', gtin)] : undefined;
  },
  grai: ([cp = '', asset = '', star, ...rest]) => {
    const body = key13FromEpc(cp, asset);
    return body && star === '*' && rest.length === 0 ? [el('8003', `0${body}`)] : undefined;
  },
  gdti: ([cp = '', doc = '', star, ...rest]) => {
    const body = key13FromEpc(cp, doc);
    return body && star === '*' && rest.length === 0 ? [el('253', body)] : undefined;
  },
  sgcn: ([cp = '', coupon = '', star, ...rest]) => {
    const body = key13FromEpc(cp, coupon);
    return body && star === '*' && rest.length === 0 ? [el('255', body)] : undefined;
  },
  cpi: ([cp = '', ref = '', star, ...rest]) => {
    const cpRef = decodeEpcValue(ref);
    const cpid = cp + (cpRef ?? '');
    return isDigits(cp, 6, 12) && cpRef !== undefined && PRIMARY_KEYS['8010']?.(cpid) && star === '*' && rest.length === 0
      ? [el('8010', cpid)]
      : undefined;
  },
  itip: ([cp = '', item = '', piece = '', total = '', star, ...rest]) => {
    const gtin = gtinFromEpc(cp, item);
    return gtin && isDigits(piece, 2) && isDigits(total, 2) && star === '*' && rest.length === 0
      ? [el('8006', gtin + piece + total)]
      : undefined;
  },
  upui: ([cp = '', item = '', star, ...rest]) => {
    const gtin = gtinFromEpc(cp, item);
    return gtin && star === '*' && rest.length === 0 ? [el('01', gtin)] : undefined;
  },
};

/**
 * Converts an EPC URI (`urn:epc:id:sgtin:…`, `sscc`, `sgln`, `grai`, `giai`, `gsrn`, `gsrnp`,
 * `gdti`, `cpi`, `sgcn`, `ginc`, `gsin`, `itip`, `upui`, `pgln`), an EPC Class URI
 * (`urn:epc:class:lgtin:…`) or an EPC Pattern URI whose only wildcard is the serial
 * (`urn:epc:idpat:sgtin:0614141.107346.*`, …) into its canonical GS1 Digital Link URI.
 *
 * @returns the canonical Digital Link URI, or null when `uri` is not such a (valid) EPC URI.
 * @example epcUriToDigitalLink('urn:epc:id:sgtin:0614141.107346.2017')
 *   // 'https://id.gs1.org/01/10614141073464/21/2017'
 */
export function epcUriToDigitalLink(uri: string): string | null {
  const m = /^urn:epc:(id|class|idpat):([a-z0-9]+):(.+)$/.exec(uri.trim());
  if (!m) return null;
  const [, kind = '', scheme = '', body = ''] = m;
  const table = kind === 'id' ? EPC_ID : kind === 'class' ? EPC_CLASS : EPC_PATTERN;
  const convert = table[scheme];
  const elements = convert?.(body.split('.'));
  return elements ? formatDigitalLink(elements) : null;
}

/**
 * Canonical identifier form used throughout Orpaille and by the CBV event hash: EPC URIs are
 * converted to Digital Link, Digital Link URIs are constrained to their canonical form.
 *
 * @returns the canonical Digital Link URI, or null when `value` is neither a convertible EPC URI
 *   nor a valid GS1 Digital Link URI (callers then keep the value as it is).
 */
export function canonicalIdentifier(value: string): string | null {
  return value.startsWith('urn:epc:') ? epcUriToDigitalLink(value) : canonicalDigitalLink(value);
}

// ---------------------------------------------------------------------------------------------
// Digital Link -> EPC URI
// ---------------------------------------------------------------------------------------------

/**
 * Converts a GS1 Digital Link URI back to its EPC URI. A Digital Link does not say where the GS1
 * Company Prefix ends, so its length (6–12 digits) must be supplied.
 *
 * Mapping: 00 → sscc; 01+21 → sgtin; 01+10 → class lgtin; 01 alone → idpat sgtin; 01+235 →
 * upui; 414(+254) → sgln; 417 → pgln; 8003 → grai (idpat when there is no serial); 8004 → giai;
 * 8017 → gsrnp; 8018 → gsrn; 253 → gdti (idpat without serial); 255 → sgcn (idpat without
 * serial); 401 → ginc; 402 → gsin; 8006+21 → itip (idpat without serial); 8010(+8011) → cpi.
 *
 * @returns the EPC URI, or null when the URI is not a convertible Digital Link or the company
 *   prefix length does not fit the key.
 * @example digitalLinkToEpcUri('https://id.gs1.org/01/10614141073464/21/2017', 7)
 *   // 'urn:epc:id:sgtin:0614141.107346.2017'
 */
export function digitalLinkToEpcUri(uri: string, companyPrefixLength: number): string | null {
  const elements = parseDigitalLink(uri);
  const L = companyPrefixLength;
  if (!elements || !Number.isInteger(L) || L < 6 || L > 12) return null;
  const [key, qualifier] = elements;
  if (!key) return null;
  const v = key.value;
  const q = qualifier?.value;
  const esc = encodeEpcValue;
  // indicator/extension digit moves behind the company prefix; the check digit is dropped.
  const shifted = (digits: string) => `${digits.slice(1, 1 + L)}.${digits.slice(0, 1)}${digits.slice(1 + L, -1)}`;
  const plain = (digits: string) => `${digits.slice(0, L)}.${digits.slice(L, -1)}`;
  switch (key.ai) {
    case '00':
      return `urn:epc:id:sscc:${shifted(v)}`;
    case '01':
      if (qualifier?.ai === '21') return `urn:epc:id:sgtin:${shifted(v)}.${esc(q ?? '')}`;
      if (qualifier?.ai === '10') return `urn:epc:class:lgtin:${shifted(v)}.${esc(q ?? '')}`;
      if (qualifier?.ai === '235') return `urn:epc:id:upui:${shifted(v)}.${esc(q ?? '')}`;
      return `urn:epc:idpat:sgtin:${shifted(v)}.*`;
    case '414':
      return `urn:epc:id:sgln:${plain(v)}.${qualifier?.ai === '254' ? esc(q ?? '') : '0'}`;
    case '417':
      return `urn:epc:id:pgln:${plain(v)}`;
    case '8003': {
      const body = v.slice(1, 14); // drop the leading 0 of the GRAI
      const serial = v.slice(14);
      return serial
        ? `urn:epc:id:grai:${plain(body)}.${esc(serial)}`
        : `urn:epc:idpat:grai:${plain(body)}.*`;
    }
    case '8004':
      return v.length > L && /^\d+$/.test(v.slice(0, L)) ? `urn:epc:id:giai:${v.slice(0, L)}.${esc(v.slice(L))}` : null;
    case '8017':
      return `urn:epc:id:gsrnp:${plain(v)}`;
    case '8018':
      return `urn:epc:id:gsrn:${plain(v)}`;
    case '253': {
      const serial = v.slice(13);
      return serial
        ? `urn:epc:id:gdti:${plain(v.slice(0, 13))}.${esc(serial)}`
        : `urn:epc:idpat:gdti:${plain(v)}.*`;
    }
    case '255': {
      const serial = v.slice(13);
      return serial
        ? `urn:epc:id:sgcn:${plain(v.slice(0, 13))}.${serial}`
        : `urn:epc:idpat:sgcn:${plain(v)}.*`;
    }
    case '401':
      return v.length > L && /^\d+$/.test(v.slice(0, L)) ? `urn:epc:id:ginc:${v.slice(0, L)}.${esc(v.slice(L))}` : null;
    case '402':
      return `urn:epc:id:gsin:${plain(v)}`;
    case '8006': {
      const item = `${shifted(v.slice(0, 14))}.${v.slice(14, 16)}.${v.slice(16, 18)}`;
      return qualifier?.ai === '21' ? `urn:epc:id:itip:${item}.${esc(q ?? '')}` : `urn:epc:idpat:itip:${item}.*`;
    }
    case '8010': {
      if (v.length <= L || !/^\d+$/.test(v.slice(0, L))) return null;
      const cpRef = percentEncode(v.slice(L), /[0-9A-Z-]/);
      return qualifier?.ai === '8011'
        ? `urn:epc:id:cpi:${v.slice(0, L)}.${cpRef}.${q ?? ''}`
        : `urn:epc:idpat:cpi:${v.slice(0, L)}.${cpRef}.*`;
    }
    default:
      return null;
  }
}
