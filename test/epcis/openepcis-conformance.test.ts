import { describe, expect, it } from 'vitest';
import { readEpcisDocument, readEpcisEvent, type EpcisFormat } from '../../src/epcis/index.js';
import { names, openepcis } from './fixtures.js';

const formats: [EpcisFormat, 'JSON' | 'XML', 'json' | 'xml'][] = [
  ['json', 'JSON', 'json'],
  ['xml', 'XML', 'xml'],
];

/**
 * Documents of the "valid" OpenEPCIS folders that Orpaille rejects, and why: each breaks a rule of
 * the standard that the OpenEPCIS set does not check (docs/epcis.md, "OpenEPCIS documents we reject").
 */
const REJECTED_VALID: Readonly<Record<string, string>> = {
  // CBV 2.0 defines the source/destination types; only GS1 adds terms to its namespace.
  'JSON/CurieString_document': 'destinationList[3].type: "cbv:my_own_party" is not a CBV 2.0 source/destination type',
  'XML/CurieString_document': 'destinationList[3].type: "cbv:my_own_party" is not a CBV 2.0 source/destination type',
  // The XML schema fixes the order of an event's elements; this file shuffles them on purpose.
  'XML/JumbledFieldsOrder': '<eventTime> must come before <disposition>',
};

describe('OpenEPCIS capture documents that follow the standard', () => {
  describe.each(formats)('%s', (format, folder, extension) => {
    it.each(names(`${folder}/Capture/Documents`, extension))('accepts %s', (name) => {
      const read = readEpcisDocument(openepcis(`${folder}/Capture/Documents`, name, extension), format);
      const rejection = REJECTED_VALID[`${folder}/${name}`];
      if (rejection === undefined) {
        expect(read.ok ? [] : read.problems.map((p) => p.message)).toEqual([]);
        expect(read.ok && read.document.events.length).toBeGreaterThan(0);
      } else {
        expect(read.ok).toBe(false);
        expect(read.ok ? [] : read.problems.map((p) => p.message).join('\n')).toContain(rejection);
      }
    });

    it.each(names(`${folder}/Capture/Events`, extension))('accepts the lone event %s', (name) => {
      const read = readEpcisEvent(openepcis(`${folder}/Capture/Events`, name, extension), format);
      expect(read.ok ? [] : read.problems.map((p) => p.message)).toEqual([]);
    });
  });
});

/** Each deliberately invalid document, and the words its rejection must contain. */
const INVALID_JSON: Readonly<Record<string, string[]>> = {
  Combination_of_events_with_missing_mandatory_fields: ['events[0]: missing required field "action"', 'events[1]: missing required fields "eventTimeZoneOffset", "action"'],
  Combination_of_multiple_invalid_fields: [
    'events[0].bizStep: "transforming" is neither a CBV 2.0 business step nor a URI',
    'events[1].disposition: "in_transport" is neither a CBV 2.0 disposition nor a URI',
    'events[2].sourceList[0].type: "place" is neither a CBV 2.0 source/destination type nor a URI',
    'events[3].ilmd.materialType: unknown field "materialType" in ilmd: extension fields need a namespace',
    'events[4].eventTime: "22-07-2026" is not an ISO 8601 date-time',
    'events[4].action: "CREATE" is not one of OBSERVE, ADD, DELETE',
  ],
  Combination_of_non_standard_bizStep_and_disposition: ['events[0].bizStep: "transforming"', 'events[1].disposition: "in_transport"'],
  EPCISDocument_without_context: ['document: missing required field "@context"'],
  ObjectEvent_with_ilmd_field_without_namespace: ['events[0].ilmd.materialType: unknown field "materialType"'],
  ObjectEvent_with_invalid_action: ['events[0].action: "CREATE" is not one of OBSERVE, ADD, DELETE'],
  ObjectEvent_with_invalid_certificationInfo: ['events[0].certificationInfo[0]: {"gs1:CertificationDetails"', 'is not a string'],
  ObjectEvent_with_invalid_eventTime_format: ['events[0].eventTime: "22-07-2026" is not an ISO 8601 date-time with a time zone'],
  ObjectEvent_with_non_standard_bizStep: ['events[0].bizStep: "transforming" is neither a CBV 2.0 business step nor a URI'],
  ObjectEvent_with_non_standard_bizStep_in_second_event: ['events[1].bizStep: "transforming"'],
  ObjectEvent_with_non_standard_disposition: ['events[0].disposition: "in_transport" is neither a CBV 2.0 disposition nor a URI'],
  ObjectEvent_with_quantity_as_text: ['events[0].quantityList[0].quantity: "twenty" is not a number'],
  ObjectEvent_with_unknown_field_in_quantityList: ['events[0].quantityList[0].weight: unknown field "weight"'],
  ObjectEvent_without_action_and_eventTime: ['events[0]: missing required fields "eventTime", "eventTimeZoneOffset", "action"'],
  ObjectEvent_without_identifier_list: ['events[0]: needs "epcList", or "quantityList", or "sensorElementList" with "readPoint"'],
};

const INVALID_XML: Readonly<Record<string, string[]>> = {
  ObjectEvent_bare_event_without_action: ['is a single event, not a document', 'event: missing <action>, which an ObjectEvent requires'],
  ObjectEvent_with_invalid_action: ['events[0].action: "CREATE" is not one of ADD, OBSERVE, DELETE (line 12)'],
  ObjectEvent_with_invalid_eventTime_format: ['events[0].eventTime: "22-07-2026" is not an xsd:dateTime with a time zone'],
  ObjectEvent_with_near_miss_action: ['events[0].action: "OBSERV" is not one of ADD, OBSERVE, DELETE'],
  ObjectEvent_with_unknown_element: ['events[0].madeUpField: <madeUpField> is not an element of an ObjectEvent'],
  ObjectEvent_with_wrong_element_order: ['events[0].eventTime: <eventTime> must come before <action>'],
  ObjectEvent_without_eventTime: ['events[0]: missing <eventTime>, which an ObjectEvent requires'],
};

describe('OpenEPCIS documents that break the standard', () => {
  it('has a reason for every invalid document', () => {
    expect(names('JSON/Capture/Invalid', 'json')).toEqual(Object.keys(INVALID_JSON).sort());
    expect(names('XML/Capture/Invalid', 'xml')).toEqual(Object.keys(INVALID_XML).sort());
  });

  it.each(Object.entries(INVALID_JSON))('rejects JSON %s, naming the problem', (name, reasons) => {
    const read = readEpcisDocument(openepcis('JSON/Capture/Invalid', name, 'json'), 'json');
    expect(read.ok).toBe(false);
    const messages = read.ok ? '' : read.problems.map((p) => p.message).join('\n');
    for (const reason of reasons) expect(messages).toContain(reason);
  });

  it.each(Object.entries(INVALID_XML))('rejects XML %s, naming the problem', (name, reasons) => {
    const read = readEpcisDocument(openepcis('XML/Capture/Invalid', name, 'xml'), 'xml');
    expect(read.ok).toBe(false);
    const messages = read.ok ? '' : read.problems.map((p) => p.message).join('\n');
    for (const reason of reasons) expect(messages).toContain(reason);
  });

  it.each([
    ['json', 'JSON', 'json', 'QueryDocument_with_invalid_action', 'events[0].action: "INVALIDACTION" is not one of'],
    ['json', 'JSON', 'json', 'QueryDocument_with_invalid_eventType', 'events[0].type: "ObjectEventInvalid" is not an EPCIS 2.0 event type'],
    ['xml', 'XML', 'xml', 'QueryDocument_with_invalid_action', 'events[0].action: "INVALIDACTION" is not one of'],
    ['xml', 'XML', 'xml', 'QueryDocument_with_invalid_eventType', 'events[0]: <ObjectEventInvalid> is not an EPCIS 2.0 event'],
    ['xml', 'XML', 'xml', 'QueryDocument_with_missing_value', 'EPCISBody: holds <epcisq:Poll>, not <epcisq:QueryResults>'],
  ] as const)('rejects the %s query document %s', (format, folder, extension, name, reason) => {
    const read = readEpcisDocument(openepcis(`${folder}/Query/Invalid`, name, extension), format);
    expect(read.ok ? '' : read.problems.map((p) => p.message).join('\n')).toContain(reason);
  });
});

describe('OpenEPCIS query documents', () => {
  it.each(names('JSON/Query', 'json'))('reads the JSON query results %s', (name) => {
    const read = readEpcisDocument(openepcis('JSON/Query', name, 'json'), 'json');
    if (name === 'CurieString_document') expect(read.ok).toBe(false); // as its capture twin
    else expect(read.ok ? read.document.documentType : read.problems).toBe('EPCISQueryDocument');
  });
});
