import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORPAILLE_CONTEXT, eventHash, readEpcisDocument } from '../../src/epcis/index.js';
import { testStores } from '../support/stores.js';
import { BIZ_LOCATION, EXAMPLE_NS, LGTIN, READ_POINT, SGTIN, SSCC, dl, labels, queryWorld, type QueryWorld } from './fixture.js';

const EXT = { 'gs1-extensions': `example=${EXAMPLE_NS}` };

/**
 * Each parameter with a value that selects events of the exporter's three (e1 shipping, e2 packing,
 * e3 transformation) and one that selects none. Identifiers are given as EPC URNs while the ledger
 * holds Digital Links, and CBV values in their URN form, to show both are canonicalised.
 */
const CASES: [parameter: string, matching: string, expected: string[], notMatching: string][] = [
  ['eventType', 'AggregationEvent,TransformationEvent', ['e2', 'e3'], 'AssociationEvent'],
  ['GE_eventTime', '2026-03-05T00:00:00Z', ['e2', 'e3'], '2026-03-07T00:00:00Z'],
  ['LT_eventTime', '2026-03-05T00:00:00+01:00', ['e1'], '2026-03-01T00:00:00Z'],
  ['GE_recordTime', '2026-11-30T00:00:00Z', ['e1', 'e2', 'e3'], '2026-12-01T00:00:00Z'],
  ['LT_recordTime', '2026-12-01T00:00:00Z', ['e1', 'e2', 'e3'], '2026-11-01T00:00:00Z'],
  ['EQ_action', 'ADD', ['e2'], 'DELETE'],
  ['EQ_bizStep', 'urn:epcglobal:cbv:bizstep:shipping,https://ref.gs1.org/cbv/BizStep-packing', ['e1', 'e2'], 'receiving'],
  ['EQ_disposition', 'cbv:Disp-in_transit', ['e1'], 'destroyed'],
  ['EQ_readPoint', READ_POINT, ['e1'], BIZ_LOCATION],
  ['EQ_bizLocation', BIZ_LOCATION, ['e1'], READ_POINT],
  ['MATCH_epc', `${SGTIN(1001)},${SGTIN(1002)}`, ['e1', 'e2'], SGTIN(1003)],
  ['MATCH_epc', 'urn:epc:idpat:sgtin:9521234.054321.*', ['e1', 'e2'], 'urn:epc:idpat:sgtin:9521234.054322.*'],
  ['MATCH_parentID', SSCC, ['e2'], SGTIN(1002)],
  ['MATCH_inputEPC', SGTIN(1003), ['e3'], SGTIN(1004)],
  ['MATCH_outputEPC', dl(SGTIN(1004)), ['e3'], SGTIN(1003)],
  ['MATCH_anyEPC', `${SSCC},${SGTIN(1004)}`, ['e2', 'e3'], SGTIN(9)],
  ['MATCH_anyEPC', 'https://id.gs1.org/01/09521234543213/21/*', ['e1', 'e2', 'e3'], 'https://id.gs1.org/01/09521234543213/10/*'],
  ['MATCH_epcClass', `${LGTIN('LOT1')},${LGTIN('LOT2')}`, ['e1', 'e2'], LGTIN('LOT3')],
  ['MATCH_inputEPCClass', LGTIN('LOT3'), ['e3'], LGTIN('LOT4')],
  ['MATCH_outputEPCClass', LGTIN('LOT4'), ['e3'], LGTIN('LOT3')],
  ['MATCH_anyEPCClass', `${LGTIN('LOT3')},${LGTIN('LOT1')}`, ['e2', 'e3'], LGTIN('LOT9')],
  ['EQ_bizTransaction_desadv', 'urn:x:desadv:1', ['e1'], 'urn:x:desadv:2'],
  ['EQ_bizTransaction_urn:epcglobal:cbv:btt:desadv', 'urn:x:desadv:1', ['e1'], 'urn:x:desadv:2'],
  ['EQ_example:note', 'first', ['e1'], 'second'],
  ['EXISTS_example:note', '', ['e1'], ''],
  [`EQ_ILMD_${EXAMPLE_NS}temp`, '21.5', ['e3'], '21'],
  ['EXISTS_ILMD_example:temp', '', ['e3'], ''],
  ['GT_ILMD_example:temp', '21', ['e3'], '21.5'],
  ['GE_ILMD_example:temp', '21.5', ['e3'], '21.6'],
  ['LT_ILMD_example:temp', '22', ['e3'], '21.5'],
  ['LE_ILMD_example:temp', '21.5', ['e3'], '21.4'],
  ['GE_ILMD_example:madeOn', '2026-03-05T09:00:00Z', ['e3'], '2026-03-05T11:00:00Z'],
  ['EQ_INNER_ILMD_example:lineNo', 'L7', ['e3'], 'L8'],
];

describe.each(testStores)('EPCIS query interface over HTTP on $name', (store) => {
  let t: QueryWorld;
  const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
  beforeAll(async () => {
    t = await queryWorld(store);
  });
  afterAll(async () => {
    await t.app.close();
    await t.w.cleanup();
  });

  const query = async (params: Record<string, string>, headers: Record<string, string> = {}) => {
    const r = await get(`/events?${new URLSearchParams(params).toString()}`, { ...t.exporter, ...EXT, ...headers });
    expect(r.statusCode, r.body).toBe(200);
    return labels(r.json());
  };

  it.each(CASES)('%s=%s selects exactly the matching events', async (parameter, value, expected) => {
    expect(await query({ [parameter]: value })).toEqual(expected);
  });

  it.each(CASES)('%s with a value no event has selects none', async (parameter, _value, _expected, none) => {
    // EXISTS_ has no value to miss with: ask for a field no event has instead.
    const name = parameter.startsWith('EXISTS_') ? `${parameter}Missing` : parameter;
    expect(await query({ [name]: none })).toEqual([]);
  });

  it('matches sources and destinations by type, the party given in either form', async () => {
    expect(await query({ EQ_source_owning_party: t.exporterUrn })).toEqual(['e1']);
    expect(await query({ EQ_source_possessing_party: t.exporterUrn })).toEqual([]);
    expect(await query({ EQ_destination_owning_party: t.w.refiner.uri })).toEqual(['e1']);
    expect(await query({ EQ_destination_owning_party: t.w.house.uri })).toEqual([]);
  });

  it('queries the gold extension fields of gold events without any header', async () => {
    const gold = async (params: Record<string, string>) => {
      const r = await get(`/events?${new URLSearchParams(params).toString()}`, t.house);
      return labels(r.json());
    };
    expect(await gold({ 'EQ_ILMD_gold:form': 'dore' })).toEqual(['gold:commissioning', 'gold:commissioning']);
    expect(await gold({ 'EQ_gold:paymentMethod': 'cash', 'GE_gold:price': '500' })).toEqual(['gold:accepting', 'gold:accepting']);
    expect(await gold({ 'GT_ILMD_gold:fineness': '850' })).toHaveLength(1);
    expect(await gold({ 'EQ_bizTransaction_po': 'urn:orpaille:bt:po:P-A' })).toEqual(['gold:accepting']);
  });

  it('ANDs parameters: each one narrows the result', async () => {
    expect(await query({ MATCH_anyEPC: 'https://id.gs1.org/01/09521234543213/21/*', GE_eventTime: '2026-03-05T00:00:00Z', EQ_bizStep: 'packing' })).toEqual(['e2']);
  });

  it('orders by event time, oldest first by default and newest first when asked', async () => {
    expect(await query({})).toEqual(['e1', 'e2', 'e3']);
    expect(await query({ orderBy: 'eventTime' })).toEqual(['e3', 'e2', 'e1']);
    expect(await query({ orderBy: 'recordTime', orderDirection: 'ASC' })).toEqual(['e1', 'e2', 'e3']);
    expect(await query({ eventCountLimit: '2' })).toEqual(['e1', 'e2']);
  });

  it('rejects an unknown parameter with a 400 naming it', async () => {
    const r = await get('/events?EQ_bizStep=shipping&EQ_colour=red', t.exporter);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'ORP_EPCIS_QUERY_INVALID', details: { parameter: 'EQ_colour' } });
    expect(r.json().message).toContain('EQ_colour');
  });

  it('rejects a bad value and an undeclared extension prefix, naming the parameter', async () => {
    const bad = await get('/events?GE_eventTime=yesterday', t.exporter);
    expect(bad.json()).toMatchObject({ code: 'ORP_EPCIS_QUERY_INVALID', details: { parameter: 'GE_eventTime' } });
    const undeclared = await get('/events?EQ_example:note=first', t.exporter);
    expect(undeclared.statusCode).toBe(400);
    expect(undeclared.json().details.parameter).toBe('EQ_example:note');
  });

  it('answers with an EPCISQueryDocument and the binding headers', async () => {
    const r = await get('/events?EQ_bizStep=shipping', t.exporter);
    expect(r.headers['content-type']).toContain('application/ld+json');
    expect(r.headers['gs1-epcis-version']).toBe('2.0.0');
    expect(r.headers['gs1-cbv-version']).toBe('2.0.0');
    const doc = r.json();
    expect(doc).toMatchObject({ type: 'EPCISQueryDocument', schemaVersion: '2.0', epcisBody: { queryResults: { queryName: 'SimpleEventQuery' } } });
    const [event] = doc.epcisBody.queryResults.resultsBody.eventList;
    expect(event).toMatchObject({ eventID: 'urn:uuid:e1', recordTime: '2026-11-30T12:00:00.000Z', 'example:note': 'first' });
  });

  it('answers in XML when asked, with the same events as the JSON-LD answer', async () => {
    const json = await get('/events?EQ_bizStep=shipping', t.exporter);
    const xml = await get('/events?EQ_bizStep=shipping', { ...t.exporter, accept: 'application/xml' });
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toContain('application/xml');
    const events = (text: string, format: 'json' | 'xml') => {
      const read = readEpcisDocument(text, format);
      if (!read.ok) throw new Error(JSON.stringify(read.problems));
      expect(read.document.documentType).toBe('EPCISQueryDocument');
      return read.document.events;
    };
    const fromXml = events(xml.body, 'xml');
    expect(fromXml).toHaveLength(1);
    const ids = (list: Record<string, unknown>[]) => list.map((e) => eventHash(e, ORPAILLE_CONTEXT));
    expect(ids(fromXml)).toEqual(ids(events(json.body, 'json')));
  });

  it('writes identifiers as EPC URNs or Digital Links as GS1-EPC-Format asks, and refuses an unknown format', async () => {
    const dlDoc = (await get('/events?EQ_bizStep=shipping', { ...t.exporter, 'gs1-epc-format': 'Always_GS1_Digital_Link' })).json();
    expect(dlDoc.epcisBody.queryResults.resultsBody.eventList[0].epcList[0]).toMatch(/^https:\/\/id\.gs1\.org\//);
    const bad = await get('/events', { ...t.exporter, 'gs1-epc-format': 'Sometimes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual({ header: 'GS1-EPC-Format' });
  });

  it("never shows another organisation's events, even to a request naming their EPC", async () => {
    const mine = async (url: string) => labels((await get(url, t.house)).json());
    expect(await mine('/events')).toEqual(['gold:commissioning', 'gold:accepting', 'gold:commissioning', 'gold:accepting']);
    expect(await mine(`/events?MATCH_epc=${SGTIN(1001)}`)).toEqual([]);
    // A resource with no event the caller may see answers exactly like one that does not exist.
    for (const url of [`/epcs/${encodeURIComponent(SGTIN(1001))}/events`, '/bizSteps/shipping/events', `/epcs/${encodeURIComponent(SGTIN(999))}/events`]) {
      const r = await get(url, t.house);
      expect(r.statusCode, url).toBe(404);
      expect(r.json().code).toBe('ORP_NOT_FOUND');
    }
    const other = await get(`/epcs/${encodeURIComponent(SGTIN(1001))}/events`, t.exporter);
    expect(labels(other.json())).toEqual(['e1']);
  });

  it('serves the top-level resources from the events the caller may see', async () => {
    const list = async (path: string, headers: Record<string, string>) => (await get(path, headers)).json().member;
    expect(await list('/bizSteps', t.exporter)).toEqual(['commissioning', 'packing', 'shipping']);
    expect(await list('/bizSteps', t.house)).toEqual(['accepting', 'commissioning']);
    expect(await list('/dispositions', t.exporter)).toEqual(['container_closed', 'in_transit']);
    expect(await list('/readPoints', t.exporter)).toEqual([dl(READ_POINT)]);
    expect(await list('/bizLocations', t.exporter)).toEqual([dl(BIZ_LOCATION)]);
    expect(await list('/eventTypes', t.exporter)).toEqual(['AggregationEvent', 'ObjectEvent', 'TransformationEvent']);
    expect(await list('/eventTypes', t.house)).toEqual(['ObjectEvent', 'TransactionEvent']);
  });

  it('serves the events of each top-level resource', async () => {
    const events = async (path: string) => labels((await get(path, t.exporter)).json());
    expect(await events('/eventTypes/AggregationEvent/events')).toEqual(['e2']);
    expect(await events(`/epcs/${encodeURIComponent(LGTIN('LOT4'))}/events`)).toEqual(['e3']);
    expect(await events(`/epcs/${encodeURIComponent('urn:epc:idpat:sgtin:9521234.054321.*')}/events`)).toEqual(['e1', 'e2', 'e3']);
    expect(await events('/bizSteps/cbv:BizStep-packing/events')).toEqual(['e2']);
    expect(await events('/dispositions/in_transit/events')).toEqual(['e1']);
    expect(await events(`/readPoints/${encodeURIComponent(READ_POINT)}/events`)).toEqual(['e1']);
    expect(await events(`/bizLocations/${encodeURIComponent(dl(BIZ_LOCATION))}/events?EQ_bizStep=packing`)).toEqual([]);
    expect((await get('/eventTypes/GoldEvent/events', t.exporter)).statusCode).toBe(404);
  });

  it('keeps named queries per organisation and runs them', async () => {
    const post = (body: unknown, headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/queries', payload: body as object, headers: { ...headers, ...EXT } });
    const created = await post({ name: 'shipped', query: { EQ_bizStep: 'shipping,packing', 'EXISTS_example:note': '' } }, t.exporter);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['location']).toBe('/queries/shipped');
    expect((await post({ name: 'shipped', query: {} }, t.exporter)).statusCode).toBe(409);
    expect((await post({ name: 'mine', query: {} }, t.house)).statusCode).toBe(403);
    expect((await post({ name: 'broken', query: { EQ_colour: 'red' } }, t.exporter)).json().details.parameter).toBe('EQ_colour');
    expect((await get('/queries', t.exporter)).json().map((q: { name: string }) => q.name)).toEqual(['shipped']);
    expect((await get('/queries/shipped', t.exporter)).json().query).toEqual({ EQ_bizStep: 'shipping,packing', 'EXISTS_example:note': '' });
    const run = await get('/queries/shipped/events', t.exporter);
    expect(labels(run.json())).toEqual(['e1']);
    expect(run.json().epcisBody.queryResults.queryName).toBe('shipped');
    // Another organisation neither sees nor runs it.
    expect((await get('/queries', t.house)).json()).toEqual([]);
    expect((await get('/queries/shipped/events', t.house)).statusCode).toBe(404);
    const del = await t.app.inject({ method: 'DELETE', url: '/queries/shipped', headers: t.exporter });
    expect(del.statusCode).toBe(204);
    expect((await get('/queries/shipped', t.exporter)).statusCode).toBe(404);
  });
});
