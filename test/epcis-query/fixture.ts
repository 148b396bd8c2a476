import type { FastifyInstance } from 'fastify';
import { digitalLinkToEpcUri, epcUriToDigitalLink } from '../../src/epcis/digital-link.js';
import { buildApp } from '../../src/http/index.js';
import { captureEntry } from '../../src/ledger/index.js';
import { authHeaders } from '../support/auth.js';
import type { TestStore } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

/** The canonical Digital Link of an EPC URN (what a normalised event holds). */
export const dl = (urn: string): string => epcUriToDigitalLink(urn)!;

export const SGTIN = (serial: number) => `urn:epc:id:sgtin:9521234.054321.${serial}`;
export const SSCC = 'urn:epc:id:sscc:9521234.0000000001';
export const LGTIN = (lot: string) => `urn:epc:class:lgtin:9521234.054321.${lot}`;
export const READ_POINT = 'urn:epc:id:sgln:9521234.50000.0';
export const BIZ_LOCATION = 'urn:epc:id:sgln:9521234.50001.0';
export const EXAMPLE_NS = 'https://ns.example.com/epcis/';

const day = (d: number, hour = 10) => new Date(Date.UTC(2026, 2, d, hour)).toISOString();

/**
 * Three plain EPCIS events the exporter captures, normalised as the codec hands them to the ledger
 * (Digital Links, bare CBV names, CURIE extension keys with their own @context). Labelled by eventID.
 */
export function exporterEvents(w: World): Record<string, unknown>[] {
  const context = [{ example: EXAMPLE_NS }];
  return [
    {
      '@context': context,
      eventID: 'urn:uuid:e1',
      type: 'ObjectEvent',
      eventTime: day(4),
      eventTimeZoneOffset: '+01:00',
      epcList: [dl(SGTIN(1001))],
      quantityList: [{ epcClass: dl(LGTIN('LOT2')), quantity: 5, uom: 'KGM' }],
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      readPoint: { id: dl(READ_POINT) },
      bizLocation: { id: dl(BIZ_LOCATION) },
      bizTransactionList: [{ type: 'desadv', bizTransaction: 'urn:x:desadv:1' }],
      sourceList: [{ type: 'owning_party', source: w.exporter.uri }],
      destinationList: [{ type: 'owning_party', destination: w.refiner.uri }],
      'example:note': 'first',
    },
    {
      eventID: 'urn:uuid:e2',
      type: 'AggregationEvent',
      eventTime: day(5),
      eventTimeZoneOffset: '+01:00',
      parentID: dl(SSCC),
      childEPCs: [dl(SGTIN(1002))],
      childQuantityList: [{ epcClass: dl(LGTIN('LOT1')), quantity: 2 }],
      action: 'ADD',
      bizStep: 'packing',
      disposition: 'container_closed',
    },
    {
      '@context': context,
      eventID: 'urn:uuid:e3',
      type: 'TransformationEvent',
      eventTime: day(6),
      eventTimeZoneOffset: '+01:00',
      inputEPCList: [dl(SGTIN(1003))],
      outputEPCList: [dl(SGTIN(1004))],
      inputQuantityList: [{ epcClass: dl(LGTIN('LOT3')), quantity: 1 }],
      outputQuantityList: [{ epcClass: dl(LGTIN('LOT4')), quantity: 1 }],
      bizStep: 'commissioning',
      ilmd: { 'example:temp': 21.5, 'example:madeOn': '2026-03-05T10:00:00Z', 'example:batch': { 'example:lineNo': 'L7' } },
    },
  ];
}

/** A world with the house's gold purchases, the exporter's plain events, and an app with a token for each. */
export interface QueryWorld {
  w: World;
  app: FastifyInstance;
  house: { authorization: string };
  exporter: { authorization: string };
  /** The exporter's PGLN as an EPC URN (identifiers may be queried in either form). */
  exporterUrn: string;
}

export async function queryWorld(store: TestStore): Promise<QueryWorld> {
  const w = await makeWorld(store);
  await appendOk(w, [...w.buy('A', { grams: 10, fineness: 800 }), ...w.buy('B', { grams: 30, fineness: 900, site: 1, at: w.at(3) })]);
  const r = await w.orp.append(exporterEvents(w).map((e) => captureEntry(e, w.exporter.uri)));
  if (!r.committed) throw new Error(JSON.stringify(r.results));
  const app = await buildApp(w.orp);
  return {
    w,
    app,
    house: await authHeaders(w.orp, 'house', 'viewer'),
    exporter: await authHeaders(w.orp, 'exporter', 'operator'),
    exporterUrn: digitalLinkToEpcUri(w.exporter.uri, 7)!,
  };
}

/** Labels of a query document's events: their eventID when captured with one, else `bizStep` of the gold event. */
export function labels(doc: { epcisBody: { queryResults: { resultsBody: { eventList: { eventID: string; bizStep?: string }[] } } } }): string[] {
  return doc.epcisBody.queryResults.resultsBody.eventList.map((e) => (e.eventID.startsWith('urn:uuid:') ? e.eventID.slice(9) : `gold:${e.bizStep}`));
}
