/**
 * The little of the DOM the EPCIS XML reader needs, over @xmldom/xmldom (namespace aware).
 */
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';

/** EPCIS event and document namespaces of the 2.0 and 1.x XML schemas. */
export const EPCIS_NS = 'urn:epcglobal:epcis:xsd:2';
export const EPCIS_NAMESPACES: ReadonlySet<string> = new Set([EPCIS_NS, 'urn:epcglobal:epcis:xsd:1']);
export const EPCIS_QUERY_NS = 'urn:epcglobal:epcis-query:xsd:2';
export const EPCIS_QUERY_NAMESPACES: ReadonlySet<string> = new Set([EPCIS_QUERY_NS, 'urn:epcglobal:epcis-query:xsd:1']);
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Parses XML text; throws an Error whose message says what is wrong and where. */
export function parseXml(text: string): Element {
  const errors: string[] = [];
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
      if (level === 'fatalError') throw new Error(message);
    },
  });
  let root: Element | null;
  try {
    root = parser.parseFromString(text, 'text/xml').documentElement;
  } catch (err) {
    throw new Error(firstLine(errors[0] ?? (err instanceof Error ? err.message : String(err))));
  }
  if (errors.length > 0) throw new Error(firstLine(errors[0]!));
  if (!root) throw new Error('no root element');
  return root;
}

const firstLine = (message: string): string => message.split('\n')[0]!.trim();

/** Whether an element has no namespace, or an EPCIS one (standard elements may be either). */
export const isStandard = (e: Element): boolean => !e.namespaceURI || EPCIS_NAMESPACES.has(e.namespaceURI);

/** The child elements of `e`. */
export function childElements(e: Element): Element[] {
  const out: Element[] = [];
  for (let n: Node | null = e.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) out.push(n as Element);
  return out;
}

/** The text directly inside `e` (not in child elements). */
export function ownText(e: Element): string {
  let text = '';
  for (let n: Node | null = e.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) text += n.nodeValue ?? '';
  }
  return text;
}

/** An attribute of an element, as the reader sees it. */
export interface XmlAttribute {
  readonly namespace: string | null;
  readonly prefix: string | null;
  readonly localName: string;
  readonly value: string;
}

/** The attributes of `e`, without namespace declarations and xml:/xsi: attributes (schema hints, not data). */
export function dataAttributes(e: Element): XmlAttribute[] {
  const out: XmlAttribute[] = [];
  const attributes = e.attributes;
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes.item(i);
    if (!a) continue;
    const ns = a.namespaceURI || null;
    if (ns === XMLNS_NS || ns === XSI_NS || ns === XML_NS || a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
    out.push({ namespace: ns, prefix: a.prefix || null, localName: a.localName ?? a.name, value: a.value });
  }
  return out;
}

/** Whether an element is `xsi:nil`: present but without a value (JSON leaves the member out). */
export function isNil(e: Element): boolean {
  const nil = e.getAttributeNS(XSI_NS, 'nil');
  return nil === 'true' || nil === '1';
}

/** The line of an element in the source, for messages. */
export const lineOf = (e: Element): string => {
  const line = (e as unknown as { lineNumber?: number }).lineNumber;
  return line === undefined ? '' : ` (line ${line})`;
};

export type { Element };
