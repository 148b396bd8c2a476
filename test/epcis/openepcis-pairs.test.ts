import { describe, expect, it } from 'vitest';
import { ORPAILLE_CONTEXT, eventHash, readEpcisEvent, type NormalisedEvent } from '../../src/epcis/index.js';
import { normaliseTimestamp } from '../../src/epcis/hash.js';
import { readJsonDocument } from '../../src/epcis/json-read.js';
import { IMPLIED_PREFIXES } from '../../src/epcis/namespaces.js';
import { readXmlDocument } from '../../src/epcis/xml-read.js';
import { hasTwin, names, openepcis } from './fixtures.js';

type Json = Record<string, unknown>;

const TIME_FIELDS = new Set(['eventTime', 'recordTime', 'declarationTime', 'time', 'startTime', 'endTime']);

/**
 * An event as content: extension names in Clark notation (`{namespace}local`, so that the prefix a
 * file chose does not matter) and timestamps as the instant they name (`14:00+01:00` is `13:00Z`);
 * normalisation keeps both as given.
 */
function content(event: NormalisedEvent): Json {
  const prefixes = new Map(IMPLIED_PREFIXES);
  for (const entry of (event['@context'] as Json[] | undefined) ?? []) for (const [p, iri] of Object.entries(entry)) prefixes.set(p, String(iri));
  const walk = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (typeof value === 'object' && value !== null) {
      const out: Json = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === '@context') continue;
        const curie = /^([^:/]+):(.*)$/.exec(k);
        out[curie && prefixes.has(curie[1]!) ? `{${prefixes.get(curie[1]!)}}${curie[2]}` : k] = walk(v, k);
      }
      return out;
    }
    return typeof value === 'string' && TIME_FIELDS.has(key) ? (normaliseTimestamp(value) ?? value) : value;
  };
  return walk(event, '') as Json;
}

/** Applies `f` to every object below `value` (to patch a known difference wherever it sits). */
function everyObject(value: unknown, f: (o: Json) => void): void {
  if (Array.isArray(value)) value.forEach((v) => everyObject(v, f));
  else if (typeof value === 'object' && value !== null) {
    f(value as Json);
    Object.values(value).forEach((v) => everyObject(v, f));
  }
}

/** XML writes `example:x` in a sensor attribute as text; JSON-LD reads the same string as a CURIE. */
const sensorCurie = (namespace: string) => (_json: Json[], xml: Json[]) =>
  everyObject(xml, (o) => {
    for (const key of ['type', 'component']) {
      const v = o[key];
      if (typeof v === 'string' && v.startsWith('example:')) o[key] = namespace + v.slice('example:'.length);
    }
  });

/** XML files bind cbvmda to `urn:epcglobal:cbv:mda`; the EPCIS JSON-LD context to `urn:epcglobal:cbv:mda:`. */
const cbvmda = (_json: Json[], xml: Json[]) =>
  everyObject(xml, (o) => {
    for (const key of Object.keys(o)) {
      if (!key.startsWith('{urn:epcglobal:cbv:mda}')) continue;
      o[key.replace('{urn:epcglobal:cbv:mda}', '{urn:epcglobal:cbv:mda:}')] = o[key];
      delete o[key];
    }
  });

const drop = (side: 'json' | 'xml' | 'both', event: number, ...path: string[]) => (json: Json[], xml: Json[]) => {
  for (const events of side === 'both' ? [json, xml] : side === 'json' ? [json] : [xml]) {
    let holder: Json = events[event]!;
    for (const key of path.slice(0, -1)) holder = holder[key] as Json;
    delete holder[path.at(-1)!];
  }
};

interface Difference {
  /** Why the two files differ in content, not just in syntax. */
  readonly why: string;
  /** Removes the difference from the content of both sides, so that the rest can be compared. */
  readonly patch: (json: Json[], xml: Json[]) => void;
  /** Events whose CBV 2.0 hash differs because of it. */
  readonly hashes: readonly number[];
}

const SENSOR_CURIE =
  'a sensor type or component written example:x: JSON-LD expands the CURIE through @context, XML keeps the attribute text, and the CBV 2.0 hash (reference implementation, SensorDataExamples.xml) does the same';
const CBVMDA = 'the XML binds cbvmda to urn:epcglobal:cbv:mda (no trailing colon), another namespace than the EPCIS context\'s urn:epcglobal:cbv:mda:';

/** Pairs whose files genuinely differ in content, by folder/name. */
const DIFFERENCES: Readonly<Record<string, readonly Difference[]>> = {
  'Capture/Documents/AggregationEvent_with_sensorData': [{ why: SENSOR_CURIE, patch: sensorCurie('http://ns.example.com/epcis/'), hashes: [0] }],
  'Capture/Documents/SensorData_and_extension': [{ why: SENSOR_CURIE, patch: sensorCurie('http://ns.example.com/epcis/'), hashes: [0] }],
  'Capture/Documents/TransformationEvent_with_sensorData': [{ why: SENSOR_CURIE, patch: sensorCurie('https://ns.example.com/epcis/'), hashes: [0] }],
  'Capture/Documents/SensorData_with_combined_events': [
    { why: SENSOR_CURIE, patch: sensorCurie('https://ns.example.com/epcis'), hashes: [5, 6, 7, 9, 11] },
    { why: CBVMDA, patch: cbvmda, hashes: [11] },
  ],
  'Query/SensorData_with_combined_events': [
    { why: SENSOR_CURIE, patch: sensorCurie('https://ns.example.com/epcis'), hashes: [5, 6, 7, 9, 11] },
    { why: CBVMDA, patch: cbvmda, hashes: [11] },
  ],
  'Capture/Documents/TransformationEvent_with_userExtensions': [
    { why: SENSOR_CURIE, patch: sensorCurie('http://ns.example.com/epcis/'), hashes: [0] },
    { why: CBVMDA, patch: cbvmda, hashes: [0] },
  ],
  'Capture/Documents/ObjectEvent_all_possible_fields': [{ why: CBVMDA, patch: cbvmda, hashes: [0] }],
  'Capture/Documents/Combination_of_different_event': [
    { why: 'event 4 declares its error at 14:00Z in JSON, 14:00+01:00 in XML (not hashed)', patch: drop('both', 4, 'errorDeclaration', 'declarationTime'), hashes: [] },
  ],
  'Query/Combination_of_different_event': [
    { why: 'event 4 declares its error at 14:00Z in JSON, 14:00+01:00 in XML (not hashed)', patch: drop('both', 4, 'errorDeclaration', 'declarationTime'), hashes: [] },
  ],
  'Capture/Events/TransformationEvent': [
    { why: 'the error is declared at 00:00Z in JSON, 00:00+01:00 in XML (not hashed)', patch: drop('both', 0, 'errorDeclaration', 'declarationTime'), hashes: [] },
  ],
  'Capture/Documents/ObjectEvent_with_comment': [
    { why: 'the JSON comment is an rdfs:comment member, the XML one an XML comment, which is no data (comments are not hashed)', patch: drop('json', 0, '{http://www.w3.org/2000/01/rdf-schema#}comment'), hashes: [] },
  ],
  'Capture/Events/TransactionEvent': [
    { why: 'the XML has an empty <rail:vehicleMasterGIAI/> in the second vehicle, the JSON no such member', patch: (_j, xml) => everyObject(xml, (o) => { if (o['{urn:gs1:epcisapp:rail:}vehicleMasterGIAI'] === '') delete o['{urn:gs1:epcisapp:rail:}vehicleMasterGIAI']; }), hashes: [0] },
  ],
  'Query/ObjectEventWithAllPossibleFields': [
    { why: CBVMDA, patch: cbvmda, hashes: [0] },
    { why: 'the declaration time is 2006-11-07T13:00Z in XML (not an xsd:dateTime: no seconds)', patch: drop('both', 0, 'errorDeclaration', 'declarationTime'), hashes: [] },
    {
      why: 'deviceMetadata and rawData are Digital Links in JSON, other GIAIs in XML',
      patch: (json, xml) => everyObject([json, xml], (o) => { delete o['deviceMetadata']; delete o['rawData']; }),
      hashes: [0],
    },
  ],
  'Query/TransformationEvent_with_error_declaration': [
    { why: 'the declaration time is 2020-01-14T23:00Z in XML (not an xsd:dateTime: no seconds)', patch: drop('both', 0, 'errorDeclaration', 'declarationTime'), hashes: [] },
  ],
  'Query/queryDocument': [
    { why: 'the sensor type is Speed in JSON, https://ref.gs1.org/voc/Speed (not a GS1 vocabulary URI) in XML', patch: (json, xml) => everyObject([json, xml], (o) => { if ('uom' in o && 'type' in o) delete o['type']; }), hashes: [0] },
  ],
};

function events(folder: string, name: string, format: 'json' | 'xml'): NormalisedEvent[] {
  if (folder === 'Capture/Events') {
    const read = readEpcisEvent(openepcis(`${format.toUpperCase()}/${folder}`, name, format), format);
    return read.ok ? [read.event] : [];
  }
  const text = openepcis(`${format.toUpperCase()}/${folder}`, name, format);
  return (format === 'json' ? readJsonDocument(text) : readXmlDocument(text)).content?.events ?? [];
}

const pairs = ['Capture/Documents', 'Capture/Events', 'Query'].flatMap((folder) =>
  names(`JSON/${folder}`, 'json')
    .filter((name) => hasTwin(`XML/${folder}`, name, 'xml'))
    .map((name) => ({ folder, name, key: `${folder}/${name}` })),
);

describe('OpenEPCIS JSON-LD and XML twins', () => {
  it('finds the twins', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(45);
  });

  it.each(pairs)('$key: both files give the same events', ({ folder, name, key }) => {
    const json = events(folder, name, 'json');
    const xml = events(folder, name, 'xml');
    expect(json.length).toBeGreaterThan(0);
    const [jsonContent, xmlContent] = [json.map(content), xml.map(content)];
    const differences = DIFFERENCES[key] ?? [];
    if (differences.length > 0) expect(xmlContent).not.toEqual(jsonContent); // the listed difference is real
    for (const d of differences) d.patch(jsonContent, xmlContent);
    expect(xmlContent).toEqual(jsonContent);
  });

  it.each(pairs)('$key: both files give the same CBV 2.0 event hashes', ({ folder, name, key }) => {
    const hash = (e: NormalisedEvent) => eventHash(e, ORPAILLE_CONTEXT);
    const json = events(folder, name, 'json').map(hash);
    const xml = events(folder, name, 'xml').map(hash);
    const differing = json.map((h, i) => (h === xml[i] ? -1 : i)).filter((i) => i >= 0);
    expect(xml).toHaveLength(json.length);
    expect(differing).toEqual([...new Set((DIFFERENCES[key] ?? []).flatMap((d) => d.hashes))].sort((a, b) => a - b));
  });
});
