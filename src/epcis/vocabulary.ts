/**
 * CBV 2.0 standard vocabularies (business steps, dispositions, business transaction types,
 * source/destination types, error reasons) and the GS1 Web Vocabulary code lists of sensor data.
 *
 * A standard value may come in four forms: the bare name (`shipping`, JSON-LD), the CBV 1.x URN
 * (`urn:epcglobal:cbv:bizstep:shipping`, EPCIS 1.x XML), the Web URI
 * (`https://ref.gs1.org/cbv/BizStep-shipping`) or its CURIE (`cbv:BizStep-shipping`). Orpaille keeps
 * the bare name. Anything else must be a full URI outside the GS1 namespaces: a user-defined value.
 * The term lists are the code lists of the EPCIS 2.0.1 JSON Schema, read from it.
 */
import { definitionEnum } from './json-schema-document.js';

/** One code list and the prefixes its terms are written with. */
export interface Vocabulary {
  /** What a value of it is, for messages: `business step`. */
  readonly label: string;
  readonly terms: ReadonlySet<string>;
  /** Web URI prefix of a term: `https://ref.gs1.org/cbv/BizStep-`. */
  readonly web: string;
  /** CURIE prefix of a term: `cbv:BizStep-`. */
  readonly curie: string;
  /** CBV 1.x URN prefix of a term, where there is one. */
  readonly urn?: string;
  /**
   * Whether any well-formed name in the namespace is accepted as a term. The GS1 Web Vocabulary
   * maintains the measurement types online and adds to them without a new EPCIS schema, so a
   * measurement type the schema's list lacks is still read as a GS1 term (see docs/epcis.md).
   */
  readonly open?: boolean;
  /**
   * Whether a value that is not a term must be a full URI outside the GS1 namespaces. True for the
   * CBV vocabularies of the event's business context; the sensor vocabularies accept any URI or
   * CURIE their own schema definitions accept.
   */
  readonly strict: boolean;
}

const cbv = (label: string, definition: string, web: string, urn: string | undefined): Vocabulary => ({
  label,
  terms: new Set(definitionEnum(definition)),
  web: `https://ref.gs1.org/cbv/${web}`,
  curie: `cbv:${web}`,
  ...(urn === undefined ? {} : { urn: `urn:epcglobal:cbv:${urn}:` }),
  strict: true,
});

export const BIZ_STEP = cbv('CBV 2.0 business step', 'bizStep', 'BizStep-', 'bizstep');
export const DISPOSITION = cbv('CBV 2.0 disposition', 'disposition', 'Disp-', 'disp');
export const BIZ_TRANSACTION_TYPE = cbv('CBV 2.0 business transaction type', 'bizTransaction-type', 'BTT-', 'btt');
export const SOURCE_DESTINATION_TYPE = cbv('CBV 2.0 source/destination type', 'source-dest-type', 'SDT-', 'sdt');
export const ERROR_REASON = cbv('CBV 2.0 error reason', 'error-reason', 'ER-', 'er');
export const COMPONENT: Vocabulary = { ...cbv('CBV 2.0 component', 'component', 'Comp-', undefined), strict: false };

export const MEASUREMENT_TYPE: Vocabulary = {
  label: 'GS1 measurement type',
  terms: new Set(definitionEnum('measurementType')),
  web: 'https://gs1.org/voc/',
  curie: 'gs1:',
  open: true,
  strict: false,
};

export const SENSOR_ALERT_TYPE: Vocabulary = {
  label: 'GS1 sensor alert type',
  terms: new Set(definitionEnum('sensorAlertType')),
  web: 'https://gs1.org/voc/SensorAlertType-',
  curie: 'gs1:SensorAlertType-',
  strict: false,
};

/** A well-formed term name (an open vocabulary accepts any). */
const TERM_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Namespaces only GS1 defines terms in: a user-defined value may not use them. */
const GS1_NAMESPACES = /^(?:urn:epcglobal:cbv:|https?:\/\/ref\.gs1\.org\/cbv\/|https?:\/\/ns\.gs1\.org\/cbv\/|https?:\/\/(?:www\.)?gs1\.org\/voc\/|cbv:|gs1:)/;

/** URI schemes of identifiers written without `//` (`urn:`, `tag:`, …), as opposed to a CURIE prefix. */
const OPAQUE_SCHEMES: ReadonlySet<string> = new Set(['urn', 'tag', 'ni', 'did', 'geo', 'mailto', 'data', 'info', 'uuid', 'oid']);

const URI_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s;

/**
 * Whether `value` is an absolute URI rather than a CURIE: a scheme followed by `//`, or one of the
 * registered schemes identifiers use without an authority (`urn:`, `tag:`, `ni:`, …).
 */
export function isFullUri(value: string): boolean {
  const m = URI_SCHEME.exec(value);
  if (!m || /\s/.test(value)) return false;
  return m[2]!.startsWith('//') || OPAQUE_SCHEMES.has(m[1]!.toLowerCase());
}

/** What a vocabulary value turned out to be. */
export type VocabularyValue =
  | { readonly kind: 'term'; readonly term: string }
  | { readonly kind: 'uri'; readonly uri: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/** The local name after a known prefix of the vocabulary, if `value` has one. */
function localName(vocabulary: Vocabulary, value: string): string | undefined {
  for (const prefix of [vocabulary.web, vocabulary.curie, vocabulary.urn]) {
    if (prefix !== undefined && value.startsWith(prefix)) return value.slice(prefix.length);
  }
  return undefined;
}

/** Whether a bare name is accepted as a term of an open vocabulary although its code list lacks it. */
export const isOpenTerm = (vocabulary: Vocabulary, name: string): boolean =>
  vocabulary.open === true && !vocabulary.terms.has(name) && TERM_NAME.test(name);

const isTerm = (vocabulary: Vocabulary, name: string): boolean =>
  vocabulary.terms.has(name) || (vocabulary.open === true && TERM_NAME.test(name));

/**
 * Reads a value of a standard vocabulary field.
 *
 * @param expandCurie expands `prefix:local` when `prefix` is declared (JSON-LD @context, or the
 *   standard `cbv:`/`gs1:` prefixes XML values may use), else gives undefined. A user-defined value
 *   of a CBV vocabulary comes back as its full URI; a sensor vocabulary value that is no term comes
 *   back as given.
 */
export function readVocabularyValue(
  vocabulary: Vocabulary,
  value: string,
  expandCurie: (value: string) => string | undefined,
): VocabularyValue {
  const local = localName(vocabulary, value);
  if (local !== undefined) {
    return isTerm(vocabulary, local)
      ? { kind: 'term', term: local }
      : { kind: 'invalid', reason: `is not a ${vocabulary.label} (the CBV/GS1 namespace holds only the standard terms)` };
  }
  if (!value.includes(':')) {
    return isTerm(vocabulary, value)
      ? { kind: 'term', term: value }
      : { kind: 'invalid', reason: `is neither a ${vocabulary.label} nor a URI` };
  }
  if (!vocabulary.strict) return { kind: 'uri', uri: value };
  if (isFullUri(value)) {
    return GS1_NAMESPACES.test(value)
      ? { kind: 'invalid', reason: `is not a ${vocabulary.label}, and only GS1 defines values in its namespaces` }
      : { kind: 'uri', uri: value };
  }
  const expanded = expandCurie(value);
  if (expanded !== undefined) return readVocabularyValue(vocabulary, expanded, () => undefined);
  return {
    kind: 'invalid',
    reason: `is neither a ${vocabulary.label} nor a full URI (prefix "${value.slice(0, value.indexOf(':'))}" is not declared in @context)`,
  };
}
