/**
 * Reading EPCIS 2.0 XML: capture documents (`epcis:EPCISDocument`), query documents
 * (`epcisq:EPCISQueryDocument`) and lone event elements. Each event is read into the JSON-LD shape
 * (./xml-event.ts), then normalised and validated like a JSON-LD event.
 */
import { checkEvent } from './event-check.js';
import { isEventType } from './event-fields.js';
import type { DocumentRead, ReadResult } from './json-read.js';
import type { NormalisedEvent } from './normalise.js';
import { eventPath, problem, shown, type EpcisProblem } from './problems.js';
import { childElements, EPCIS_NAMESPACES, EPCIS_QUERY_NAMESPACES, isStandard, lineOf, parseXml, type Element } from './xml-dom.js';
import { readXmlEventElement } from './xml-event.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The element `name` among the children of `e`, standard namespace or `namespaces`. */
function child(e: Element | undefined, name: string, namespaces?: ReadonlySet<string>): Element | undefined {
  if (!e) return undefined;
  return childElements(e).find(
    (c) => c.localName === name && (namespaces ? (c.namespaceURI !== null && namespaces.has(c.namespaceURI)) || isStandard(c) : isStandard(c)),
  );
}

/** Clark names (`{namespace}local`) of the fields an `…:ignoreFields` element lists. */
function ignoreFieldsOf(...holders: (Element | undefined)[]): string[] {
  const names: string[] = [];
  for (const holder of holders) {
    if (!holder) continue;
    for (const c of childElements(holder)) {
      if (c.localName !== 'ignoreFields' || isStandard(c)) continue;
      for (const field of childElements(c)) names.push(field.namespaceURI ? `{${field.namespaceURI}}${field.localName}` : (field.localName ?? ''));
    }
  }
  return names;
}

/** Reads the events of an `<EventList>` (1.x layouts keep some in an `<extension>` inside it). */
function eventElements(list: Element, problems: EpcisProblem[]): Element[] {
  const events: Element[] = [];
  for (const c of childElements(list)) {
    if (isStandard(c) && c.localName === 'extension') events.push(...childElements(c).filter((e) => isStandard(e) && isEventType(e.localName ?? '')));
    else if (isStandard(c)) events.push(c);
    else problems.push(problem(`events[${events.length}]`, `<${c.tagName}> is not an EPCIS event${lineOf(c)}`));
  }
  return events;
}

/** Reads, normalises and validates one event element. */
function readEvent(e: Element, index: number, lone: boolean, gcpLengths: Map<string, number>, problems: EpcisProblem[]): NormalisedEvent {
  const path = eventPath(lone ? undefined : index);
  const read = readXmlEventElement(e, path, index);
  problems.push(...read.problems);
  if (!read.raw) return {};
  return checkEvent(read.raw, { path, index, prefixes: read.prefixes, syntax: 'xml', reservedPrefixes: read.reserved, gcpLengths }, problems);
}

/**
 * Reads an XML EPCIS document or query document. Events are looked for where the schema puts them
 * and, for robustness, where some producers put them (`resultsBody` right under the root); any
 * departure from the schema is a problem, but the events found are still returned.
 */
export function readXmlDocument(text: string): DocumentRead {
  let root: Element;
  try {
    root = parseXml(text);
  } catch (err) {
    return { problems: [problem('document', `not well-formed XML: ${(err as Error).message}`)] };
  }
  const problems: EpcisProblem[] = [];
  const name = root.localName ?? '';
  const ns = root.namespaceURI ?? '';
  const isQuery = name === 'EPCISQueryDocument' && (EPCIS_QUERY_NAMESPACES.has(ns) || EPCIS_NAMESPACES.has(ns));
  if (!isQuery && !(name === 'EPCISDocument' && EPCIS_NAMESPACES.has(ns))) {
    const expected = '(expected epcis:EPCISDocument or epcisq:EPCISQueryDocument in namespace urn:epcglobal:epcis:xsd:2 / urn:epcglobal:epcis-query:xsd:2)';
    if (!isStandard(root) || !isEventType(name)) return { problems: [problem('document', `<${root.tagName}> is not an EPCIS document ${expected}`)] };
    // A lone event: say so, and what is wrong with the event itself.
    const problems = [problem('document', `<${root.tagName}> is a single event, not a document ${expected}`)];
    readEvent(root, 0, true, new Map(), problems);
    return { problems };
  }
  const schemaVersion = root.getAttribute('schemaVersion');
  const creationDate = root.getAttribute('creationDate');
  if (!schemaVersion) problems.push(problem('schemaVersion', `missing: <${root.tagName}> needs a schemaVersion attribute`));
  if (!creationDate) problems.push(problem('creationDate', `missing: <${root.tagName}> needs a creationDate attribute`));
  else if (!DATE_TIME.test(creationDate.trim())) problems.push(problem('creationDate', `${shown(creationDate)} is not an xsd:dateTime with a time zone`));

  const body = child(root, 'EPCISBody');
  let list: Element | undefined;
  let queryResults: Element | undefined;
  if (!isQuery) {
    if (!body) problems.push(problem('EPCISBody', `missing: <${root.tagName}> needs an <EPCISBody>`));
    list = child(body, 'EventList');
  } else {
    queryResults = child(body, 'QueryResults', EPCIS_QUERY_NAMESPACES);
    const resultsBody = child(queryResults, 'resultsBody') ?? child(root, 'resultsBody');
    list = child(resultsBody, 'EventList');
    if (!queryResults) {
      const held = body ? childElements(body)[0] : undefined;
      problems.push(
        problem(
          'EPCISBody',
          held && !child(root, 'resultsBody')
            ? `holds <${held.tagName}>, not <epcisq:QueryResults>: this is no query result${lineOf(held)}`
            : 'missing: a query document holds its events in <EPCISBody><epcisq:QueryResults><resultsBody>',
        ),
      );
    }
  }
  const elements = list ? eventElements(list, problems) : [];
  const gcpLengths = new Map<string, number>();
  const events = elements.map((e, i) => readEvent(e, i, false, gcpLengths, problems));
  return {
    content: {
      documentType: isQuery ? 'EPCISQueryDocument' : 'EPCISDocument',
      schemaVersion: schemaVersion ?? '',
      ...(creationDate ? { creationDate } : {}),
      events,
      gcpLengths,
      ignoreFields: ignoreFieldsOf(root, queryResults),
    },
    problems,
  };
}

/** Reads one XML event element (the body of `POST /events`). */
export function readXmlEvent(text: string): ReadResult<{ event: NormalisedEvent; gcpLengths: Map<string, number> }> {
  let root: Element;
  try {
    root = parseXml(text);
  } catch (err) {
    return { ok: false, problems: [problem('event', `not well-formed XML: ${(err as Error).message}`)] };
  }
  const problems: EpcisProblem[] = [];
  const gcpLengths = new Map<string, number>();
  const event = readEvent(root, 0, true, gcpLengths, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { event, gcpLengths } };
}
