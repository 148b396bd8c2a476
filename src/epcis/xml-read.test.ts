import { describe, expect, it } from 'vitest';
import { readEpcisDocument, readEpcisEvent } from './codec.js';

/** An XML document around event elements. */
const doc = (events: string, namespaces = ''): string =>
  `<?xml version="1.0"?><epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"${namespaces} schemaVersion="2.0" creationDate="2026-03-02T08:00:00Z"><EPCISBody><EventList>${events}</EventList></EPCISBody></epcis:EPCISDocument>`;

const HEAD = '<eventTime>2026-03-02T08:15:07.149+02:00</eventTime><eventTimeZoneOffset>+02:00</eventTimeZoneOffset>';
const EPCS = '<epcList><epc>urn:epc:id:sgtin:0614141.107346.2017</epc></epcList>';

function problems(xml: string): string[] {
  const read = readEpcisDocument(xml, 'xml');
  return read.ok ? [] : read.problems.map((p) => p.message);
}

function first(xml: string): Record<string, unknown> {
  const read = readEpcisDocument(xml, 'xml');
  if (!read.ok) throw new Error(read.problems.map((p) => p.message).join('\n'));
  return read.document.events[0]!;
}

describe('XML structure, as the EPCIS 2.0 XML schema checks it', () => {
  it('rejects elements out of schema order', () => {
    expect(problems(doc(`<ObjectEvent>${HEAD}<action>OBSERVE</action>${EPCS}</ObjectEvent>`))).toEqual([
      'events[0].epcList: <epcList> must come before <action>, as in the EPCIS 2.0 XML schema (line 1)',
    ]);
  });

  it('rejects a standard element after the extension elements', () => {
    expect(problems(doc(`<ObjectEvent>${HEAD}${EPCS}<ex:a>1</ex:a><action>OBSERVE</action></ObjectEvent>`, ' xmlns:ex="https://ex.example/"'))).toEqual([
      'events[0].action: <action> must come before the extension element <ex:a> (line 1)',
    ]);
  });

  it('rejects an unknown element in no namespace or in the EPCIS namespace', () => {
    expect(problems(doc(`<ObjectEvent>${HEAD}${EPCS}<action>OBSERVE</action><weight>3</weight></ObjectEvent>`)).join('\n')).toContain(
      'events[0].weight: <weight> is not an element of an ObjectEvent',
    );
    expect(problems(doc(`<ObjectEvent>${HEAD}${EPCS}<action>OBSERVE</action><epcis:weight>3</epcis:weight></ObjectEvent>`)).join('\n')).toContain(
      '<weight> is not an element of an ObjectEvent',
    );
  });

  it('rejects a missing required element, a bad action and a timestamp without time zone', () => {
    expect(problems(doc(`<TransactionEvent>${HEAD}${EPCS}<action>ADDD</action></TransactionEvent>`))).toEqual([
      'events[0].action: "ADDD" is not one of ADD, OBSERVE, DELETE (line 1)',
      'events[0]: missing <bizTransactionList>, which a TransactionEvent requires (line 1)',
    ]);
    expect(problems(doc(`<ObjectEvent><eventTime>2026-03-02T08:15:07</eventTime><eventTimeZoneOffset>+02:00</eventTimeZoneOffset>${EPCS}<action>ADD</action></ObjectEvent>`))).toEqual([
      'events[0].eventTime: "2026-03-02T08:15:07" is not an xsd:dateTime with a time zone (e.g. 2026-03-02T08:15:07.149+02:00) (line 1)',
    ]);
  });

  it('rejects what is not well-formed XML, or no EPCIS document', () => {
    expect(problems('<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"><EPCISBody>')[0]).toMatch(/^document: not well-formed XML: /);
    expect(problems('<html/>')).toEqual([expect.stringContaining('document: <html> is not an EPCIS document')]);
  });

  it('accepts errorDeclaration members in any order (the schema makes them a choice)', () => {
    const event = first(doc(`<ObjectEvent>${HEAD}<errorDeclaration><reason>urn:epcglobal:cbv:er:incorrect_data</reason><declarationTime>2026-03-03T08:00:00Z</declarationTime></errorDeclaration>${EPCS}<action>OBSERVE</action></ObjectEvent>`));
    expect(event['errorDeclaration']).toEqual({ reason: 'incorrect_data', declarationTime: '2026-03-03T08:00:00Z' });
  });
});

describe('XML to JSON-LD', () => {
  it('flattens the EPCIS 1.x <extension> layout and leaves xsi:nil elements out', () => {
    const event = first(
      doc(
        `<ObjectEvent>${HEAD}<epcList/><action>ADD</action><extension><quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.L1</epcClass><quantity xsi:nil="true"/></quantityElement></quantityList></extension></ObjectEvent>`,
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
      ),
    );
    expect(event).toMatchObject({ epcList: [], quantityList: [{ epcClass: 'https://id.gs1.org/01/04012345123456/10/L1' }] });
  });

  it('types numbers and booleans and reads sensor attributes as members', () => {
    const event = first(
      doc(
        `<ObjectEvent>${HEAD}${EPCS}<action>OBSERVE</action><readPoint><id>urn:epc:id:sgln:4012345.00005.0</id></readPoint><sensorElementList><sensorElement><sensorMetadata time="2026-03-02T08:00:00Z" ex:batch="B1"/><sensorReport type="gs1:Temperature" value="26.0" booleanValue="true" uom="CEL"/></sensorElement></sensorElementList></ObjectEvent>`,
        ' xmlns:ex="https://ex.example/"',
      ),
    );
    expect(event['sensorElementList']).toEqual([
      { sensorMetadata: { time: '2026-03-02T08:00:00Z', 'ex:batch': 'B1' }, sensorReport: [{ type: 'Temperature', value: 26, booleanValue: true, uom: 'CEL' }] },
    ]);
  });

  it('maps extension elements: nested ones to objects, repeated ones to arrays, attributes to members', () => {
    const event = first(
      doc(
        `<ObjectEvent>${HEAD}${EPCS}<action>OBSERVE</action><ex:assay ex:method="fire_assay"><ex:reading>913.4</ex:reading><ex:reading>913.6</ex:reading><lab>L-7</lab></ex:assay><ex:note>sealed</ex:note><ex:empty/></ObjectEvent>`,
        ' xmlns:ex="https://ex.example/"',
      ),
    );
    expect(event).toMatchObject({
      '@context': [{ ex: 'https://ex.example/' }],
      'ex:assay': { 'ex:method': 'fire_assay', 'ex:reading': ['913.4', '913.6'], lab: 'L-7' },
      'ex:note': 'sealed',
      'ex:empty': '',
    });
  });

  it('rejects an extension element mixing text with attributes', () => {
    expect(problems(doc(`<ObjectEvent>${HEAD}${EPCS}<action>OBSERVE</action><ex:weight ex:unit="g">12</ex:weight></ObjectEvent>`, ' xmlns:ex="https://ex.example/"'))).toEqual([
      'events[0].ex:weight: <ex:weight> mixes text with attributes, which JSON-LD cannot carry (line 1)',
    ]);
  });

  it('reads a CBV value written as a CURIE of an XML namespace in scope as the URI it stands for', () => {
    const event = first(doc(`<ObjectEvent>${HEAD}${EPCS}<action>OBSERVE</action><bizStep>acme:smelting</bizStep></ObjectEvent>`, ' xmlns:acme="https://acme.example/steps/"'));
    expect(event['bizStep']).toBe('https://acme.example/steps/smelting');
  });

  it('does not declare a prefix that a text value starts with (XML values are literal)', () => {
    const event = first(doc(`<ObjectEvent>${HEAD}${EPCS}<action>OBSERVE</action><ex:code>ex:123</ex:code></ObjectEvent>`, ' xmlns:ex="https://ex.example/"'));
    expect(event).toMatchObject({ '@context': [{ ex2: 'https://ex.example/' }], 'ex2:code': 'ex:123' });
  });

  it('reads a lone event element, in the EPCIS namespace or none', () => {
    const read = readEpcisEvent(`<epcis:ObjectEvent xmlns:epcis="urn:epcglobal:epcis:xsd:2"><epcis:eventTime>2026-03-02T08:15:07Z</epcis:eventTime><epcis:eventTimeZoneOffset>+00:00</epcis:eventTimeZoneOffset><epcis:epcList/><epcis:action>OBSERVE</epcis:action></epcis:ObjectEvent>`, 'xml');
    expect(read.ok && read.event).toEqual({ type: 'ObjectEvent', eventTime: '2026-03-02T08:15:07Z', eventTimeZoneOffset: '+00:00', epcList: [], action: 'OBSERVE' });
  });
});
