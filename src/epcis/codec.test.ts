import { describe, expect, it } from 'vitest';
import { GOLD_NS, ORPAILLE_CONTEXT } from './context.js';
import { detectEpcisFormat, readEpcisDocument, readEpcisEvent, writeEpcisDocument, type NormalisedEvent } from './codec.js';
import { eventHash } from './hash.js';

const CONTEXT = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { ex: 'https://ns.example.com/epcis/', gold: GOLD_NS }];

/** A JSON-LD document around events. */
const doc = (...eventList: Record<string, unknown>[]): string =>
  JSON.stringify({ '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-02T08:00:00Z', epcisBody: { eventList } });

const objectEvent = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'ObjectEvent',
  eventTime: '2026-03-02T08:15:07.149+02:00',
  eventTimeZoneOffset: '+02:00',
  epcList: ['urn:epc:id:sgtin:0614141.107346.2017'],
  action: 'OBSERVE',
  bizStep: 'shipping',
  ...overrides,
});

function readOne(event: Record<string, unknown>): NormalisedEvent {
  const read = readEpcisDocument(doc(event), 'json');
  if (!read.ok) throw new Error(read.problems.map((p) => p.message).join('\n'));
  return read.document.events[0]!;
}

describe('detectEpcisFormat', () => {
  it.each([
    ['application/ld+json', 'json'],
    ['application/json; charset=utf-8', 'json'],
    ['application/xml', 'xml'],
    ['text/xml; charset=UTF-8', 'xml'],
  ] as const)('reads %s as %s', (contentType, format) => {
    expect(detectEpcisFormat(contentType, '')).toBe(format);
  });

  it('looks at the text when there is no or no EPCIS content type', () => {
    expect(detectEpcisFormat(undefined, '\uFEFF  <?xml version="1.0"?><epcis:EPCISDocument/>')).toBe('xml');
    expect(detectEpcisFormat('text/plain', '{"type":"EPCISDocument"}')).toBe('json');
  });
});

describe('identifiers', () => {
  it('stores an EPC URN as the canonical Digital Link and learns its company prefix length', () => {
    const read = readEpcisDocument(doc(objectEvent({ quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 2, uom: 'KGM' }] })), 'json');
    expect(read.ok && read.document.events[0]).toMatchObject({
      epcList: ['https://id.gs1.org/01/10614141073464/21/2017'],
      quantityList: [{ epcClass: 'https://id.gs1.org/01/04012345123456/10/998877', quantity: 2, uom: 'KGM' }],
    });
    expect(read.ok && Object.fromEntries(read.document.gcpLengths)).toEqual({ '0614141': 7, '4012345': 7 });
  });

  it('stores a Digital Link of any domain in its canonical form', () => {
    expect(readOne(objectEvent({ epcList: ['https://brand.example/gtin/10614141073464/ser/2017?x=1'] }))['epcList']).toEqual([
      'https://id.gs1.org/01/10614141073464/21/2017',
    ]);
  });

  it('keeps an identifier that is no GS1 key as given', () => {
    const event = readOne(objectEvent({ readPoint: { id: 'urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8' } }));
    expect(event['readPoint']).toEqual({ id: 'urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8' });
  });

  it('rejects a malformed EPC URN, naming it', () => {
    const read = readEpcisDocument(doc(objectEvent({ epcList: ['urn:epc:id:sgtin:0614141.10734.2017'] })), 'json');
    expect(read.ok ? [] : read.problems.map((p) => p.message)).toContain(
      'events[0].epcList[0]: "urn:epc:id:sgtin:0614141.10734.2017" is not a valid EPC URI (GS1 Tag Data Standard)',
    );
  });

  const events = [readOne(objectEvent({ sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:0614141.00000' }] }))];
  const write = (epcFormat: 'urn' | 'digital-link' | 'no-preference', lengths: Record<string, number>) =>
    JSON.parse(writeEpcisDocument(events, { format: 'json', epcFormat, gcpLengths: (p) => lengths[p], creationDate: '2026-03-02T08:00:00Z' }))
      .epcisBody.eventList[0] as Record<string, unknown>;

  it('writes EPC URNs when asked and the company prefix length is known', () => {
    const event = write('urn', { '0614141': 7 });
    expect(event['epcList']).toEqual(['urn:epc:id:sgtin:0614141.107346.2017']);
    expect(event['sourceList']).toEqual([{ type: 'owning_party', source: 'urn:epc:id:pgln:0614141.00000' }]);
  });

  it('keeps the Digital Link when the company prefix length is unknown, or Digital Links are wanted', () => {
    expect(write('urn', {})['epcList']).toEqual(['https://id.gs1.org/01/10614141073464/21/2017']);
    expect(write('digital-link', { '0614141': 7 })['epcList']).toEqual(['https://id.gs1.org/01/10614141073464/21/2017']);
    expect(write('no-preference', { '0614141': 7 })['epcList']).toEqual(['https://id.gs1.org/01/10614141073464/21/2017']);
  });

  it('writes EPC URNs in XML too', () => {
    const xml = writeEpcisDocument(events, { format: 'xml', epcFormat: 'urn', gcpLengths: (p) => (p === '0614141' ? 7 : undefined), creationDate: '2026-03-02T08:00:00Z' });
    expect(xml).toContain('<epc>urn:epc:id:sgtin:0614141.107346.2017</epc>');
    expect(xml).toContain('<source type="https://ref.gs1.org/cbv/SDT-owning_party">urn:epc:id:pgln:0614141.00000</source>');
  });
});

describe('CBV values', () => {
  it.each(['shipping', 'urn:epcglobal:cbv:bizstep:shipping', 'https://ref.gs1.org/cbv/BizStep-shipping', 'cbv:BizStep-shipping'])(
    'stores the standard business step %s as its bare name',
    (bizStep) => {
      expect(readOne(objectEvent({ bizStep }))['bizStep']).toBe('shipping');
    },
  );

  it('stores a user-defined value as its full URI, a CURIE expanded', () => {
    expect(readOne(objectEvent({ bizStep: 'https://example.com/steps/smelting' }))['bizStep']).toBe('https://example.com/steps/smelting');
    expect(readOne(objectEvent({ bizStep: 'ex:smelting' }))['bizStep']).toBe('https://ns.example.com/epcis/smelting');
  });

  it.each([
    ['shipping2', 'is neither a CBV 2.0 business step nor a URI'],
    ['urn:epcglobal:cbv:bizstep:shipping2', 'is not a CBV 2.0 business step'],
    ['https://ref.gs1.org/cbv/BizStep-shipping2', 'is not a CBV 2.0 business step'],
    ['cbv:smelting', 'only GS1 defines values in its namespaces'],
    ['acme:smelting', 'prefix "acme" is not declared in @context'],
  ])('rejects the business step %s', (bizStep, reason) => {
    const read = readEpcisDocument(doc(objectEvent({ bizStep })), 'json');
    const messages = read.ok ? [] : read.problems.map((p) => p.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`events[0].bizStep: ${JSON.stringify(bizStep)} `);
    expect(messages[0]).toContain(reason);
  });

  it('normalises dispositions, transaction, source/destination types and error reasons alike', () => {
    const event = readOne(
      objectEvent({
        disposition: 'urn:epcglobal:cbv:disp:in_transit',
        persistentDisposition: { set: ['cbv:Disp-completeness_verified'], unset: ['completeness_inferred'] },
        bizTransactionList: [{ type: 'urn:epcglobal:cbv:btt:po', bizTransaction: 'urn:epcglobal:cbv:bt:0614141000005:PO1' }],
        destinationList: [{ type: 'https://ref.gs1.org/cbv/SDT-possessing_party', destination: 'https://id.gs1.org/417/0614141000005' }],
        errorDeclaration: { declarationTime: '2026-03-03T08:00:00Z', reason: 'urn:epcglobal:cbv:er:incorrect_data' },
      }),
    );
    expect(event).toMatchObject({
      disposition: 'in_transit',
      persistentDisposition: { set: ['completeness_verified'], unset: ['completeness_inferred'] },
      bizTransactionList: [{ type: 'po' }],
      destinationList: [{ type: 'possessing_party' }],
      errorDeclaration: { reason: 'incorrect_data' },
    });
  });

  it('rejects a unit that is no UN/ECE Recommendation 20 code', () => {
    const read = readEpcisDocument(doc(objectEvent({ quantityList: [{ epcClass: 'https://id.gs1.org/01/04012345123456/10/L1', quantity: 1, uom: 'kg' }] })), 'json');
    expect(read.ok ? [] : read.problems.map((p) => p.message)).toContain(
      'events[0].quantityList[0].uom: "kg" is not a UN/ECE Recommendation 20 unit code (2 or 3 upper-case letters or digits, e.g. KGM, GRM)',
    );
  });
});

describe('extension fields', () => {
  it('keeps CURIE keys and declares their prefixes in the event\'s own @context, gold implied', () => {
    const event = readOne(objectEvent({ 'ex:note': 'sealed', 'gold:tag': 'T-1' }));
    expect(event['@context']).toEqual([{ ex: 'https://ns.example.com/epcis/' }]);
    expect(event).toMatchObject({ 'ex:note': 'sealed', 'gold:tag': 'T-1' });
    expect(readOne(objectEvent())['@context']).toBeUndefined();
  });

  it('renames a prefix that clashes with an implied one, and writes the gold namespace as gold:', () => {
    const text = JSON.stringify({
      '@context': [CONTEXT[0], { cbvmda: 'https://example.com/not-cbv/', g: 'https://ns.orpaille.org/gold/' }],
      type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-02T08:00:00Z',
      epcisBody: { eventList: [objectEvent({ 'cbvmda:x': '1', 'g:tag': 'T-1' })] },
    });
    const read = readEpcisDocument(text, 'json');
    const event = read.ok ? read.document.events[0]! : {};
    expect(event).toMatchObject({ '@context': [{ cbvmda2: 'https://example.com/not-cbv/' }], 'cbvmda2:x': '1', 'gold:tag': 'T-1' });
  });

  it.each([
    [{ note: 'x' }, 'events[0].note: unknown field "note" in an ObjectEvent: extension fields need a namespace'],
    [{ ilmd: { lot: 'x' } }, 'events[0].ilmd.lot: unknown field "lot" in ilmd'],
    [{ 'acme:note': 'x' }, 'events[0].acme:note: field "acme:note" uses prefix "acme", which @context does not declare'],
    [{ parentID: 'https://id.gs1.org/00/106141412345678908' }, 'events[0].parentID: "parentID" is not a field of an ObjectEvent'],
  ])('rejects an extension field without a declared namespace: %j', (fields, message) => {
    const read = readEpcisDocument(doc(objectEvent({ action: 'ADD', ...fields })), 'json');
    expect(read.ok ? '' : read.problems.map((p) => p.message).join('\n')).toContain(message);
  });

  it('expands a CURIE value with a declared prefix, as JSON-LD (and the event hash) read it', () => {
    const raw = objectEvent({ 'ex:kind': 'ex:nugget', 'ex:sensor': 'gs1:Temperature' });
    const event = readOne(raw);
    expect(event).toMatchObject({ 'ex:kind': 'https://ns.example.com/epcis/nugget', 'ex:sensor': 'gs1:Temperature' });
    expect(eventHash(event, ORPAILLE_CONTEXT)).toBe(eventHash(raw, CONTEXT));
  });

  it('keeps eventID when given and adds none', () => {
    expect(readOne(objectEvent({ eventID: 'urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8' }))['eventID']).toBe('urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8');
    expect(readOne(objectEvent())).not.toHaveProperty('eventID');
  });
});

describe('lone events (POST /events)', () => {
  it('reads a JSON-LD event with its @context', () => {
    const read = readEpcisEvent(JSON.stringify({ '@context': CONTEXT, ...objectEvent() }), 'json');
    expect(read.ok && read.event['bizStep']).toBe('shipping');
  });

  it('rejects a JSON-LD event without @context', () => {
    const read = readEpcisEvent(JSON.stringify(objectEvent()), 'json');
    expect(read.ok ? [] : read.problems.map((p) => p.message)).toEqual([
      'event.@context: missing: a JSON-LD event must carry its "@context" (at least the EPCIS 2.0 context)',
    ]);
  });

  it('rejects text that is not JSON, saying so', () => {
    const read = readEpcisEvent('{"type": ', 'json');
    expect(read.ok ? '' : read.problems[0]!.message).toMatch(/^document: not valid JSON: /);
  });
});

describe('documents', () => {
  it('reads a query document', () => {
    const text = JSON.stringify({
      '@context': CONTEXT, type: 'EPCISQueryDocument', schemaVersion: '2.0', creationDate: '2026-03-02T08:00:00Z',
      epcisBody: { queryResults: { queryName: 'SimpleEventQuery', resultsBody: { eventList: [objectEvent()] } } },
    });
    const read = readEpcisDocument(text, 'json');
    expect(read.ok && [read.document.documentType, read.document.events.length]).toEqual(['EPCISQueryDocument', 1]);
  });

  it('rejects a lone event given as a document', () => {
    const read = readEpcisDocument(JSON.stringify(objectEvent()), 'json');
    expect(read.ok ? [] : read.problems.map((p) => p.message)).toEqual([
      'type: "ObjectEvent" is a single event, not a document (expected "EPCISDocument" or "EPCISQueryDocument")',
    ]);
  });

  it('writes a query document with its query name and subscription', () => {
    const written = writeEpcisDocument([readOne(objectEvent())], {
      format: 'json', documentType: 'EPCISQueryDocument', queryName: 'SimpleEventQuery', subscriptionID: 'sub-1', creationDate: '2026-03-02T08:00:00Z',
    });
    const parsed = JSON.parse(written);
    expect(parsed.epcisBody.queryResults).toMatchObject({ queryName: 'SimpleEventQuery', subscriptionID: 'sub-1' });
    expect(parsed['@context']).toEqual([...ORPAILLE_CONTEXT]);
    const xml = writeEpcisDocument([readOne(objectEvent())], { format: 'xml', documentType: 'EPCISQueryDocument', queryName: 'SimpleEventQuery', creationDate: '2026-03-02T08:00:00Z' });
    const back = readEpcisDocument(xml, 'xml');
    expect(back.ok && back.document.documentType).toBe('EPCISQueryDocument');
  });

  it('gathers the events\' prefixes into the document @context when they agree, else leaves them on the events', () => {
    const a = readOne(objectEvent({ 'ex:a': '1' }));
    const other = { ...readOne(objectEvent({ 'ex:b': '2' })), '@context': [{ ex: 'https://other.example/' }] };
    const shared = JSON.parse(writeEpcisDocument([a, a], { format: 'json', creationDate: '2026-03-02T08:00:00Z' }));
    expect(shared['@context']).toContainEqual({ ex: 'https://ns.example.com/epcis/' });
    expect(shared.epcisBody.eventList[0]).not.toHaveProperty('@context');
    const apart = JSON.parse(writeEpcisDocument([a, other], { format: 'json', creationDate: '2026-03-02T08:00:00Z' }));
    expect(apart.epcisBody.eventList.map((e: Record<string, unknown>) => e['@context'])).toEqual([a['@context'], other['@context']]);
  });
});
