import { toEpcis, type GoldEvent, type TransformEvent } from '../../src/custody/index.js';
import { ORPAILLE_CONTEXT, epcisDocument, type EpcisEvent } from '../../src/epcis/index.js';
import { NOW, type World } from '../support/world.js';

/** A JSON-LD EPCIS 2.0 document of gold events rendered by Orpaille and plain EPCIS events. */
export function jsonDocument(events: (GoldEvent | EpcisEvent)[]): string {
  const isGold = (e: GoldEvent | EpcisEvent): e is GoldEvent => !e.type.endsWith('Event');
  return JSON.stringify(epcisDocument(events.map((e) => (isGold(e) ? toEpcis(e) : e)), NOW));
}

/** One event as a standalone JSON-LD body (POST /events): it carries its own @context. */
export function standaloneEvent(event: EpcisEvent): string {
  return JSON.stringify({ '@context': ORPAILLE_CONTEXT, ...event });
}

/** A plain (non-gold) ObjectEvent: the n-th observation of a pallet. */
export function plainEvent(n: number, at = '2026-03-02T08:00:00.000Z'): EpcisEvent {
  return {
    type: 'ObjectEvent',
    eventTime: at,
    eventTimeZoneOffset: '+01:00',
    epcList: [`https://id.gs1.org/01/09521234543213/21/${1000 + n}`],
    action: 'OBSERVE',
    bizStep: 'shipping',
    disposition: 'in_transit',
    readPoint: { id: 'https://id.gs1.org/414/9521234500008' },
  };
}

/** A melt of lot `input` (all `grams` of it) by the house into doré `out` of the given mass and fineness. */
export function meltInto(w: World, input: string, grams: number, out: string, outGrams: number, fineness: number): TransformEvent {
  return {
    type: 'transform',
    eventTime: w.at(5),
    eventTimeZoneOffset: '+02:00',
    recorder: w.house.uri,
    operation: 'melt',
    inputs: [{ lot: w.lot(w.house, 'dore', input), massMg: grams * 1000 }],
    outputs: [{ lot: w.lot(w.house, 'dore', out), form: 'dore', grossMg: outGrams * 1000, fineness: fineness * 10, cocModel: 'segregated' }],
  };
}

/** The same plain event as an EPCIS 2.0 XML document. */
export function xmlDocument(n: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="${NOW}">
  <EPCISBody>
    <EventList>
      <ObjectEvent>
        <eventTime>2026-03-02T08:00:00.000Z</eventTime>
        <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
        <epcList><epc>https://id.gs1.org/01/09521234543213/21/${1000 + n}</epc></epcList>
        <action>OBSERVE</action>
        <bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>
        <disposition>urn:epcglobal:cbv:disp:in_transit</disposition>
        <readPoint><id>https://id.gs1.org/414/9521234500008</id></readPoint>
      </ObjectEvent>
    </EventList>
  </EPCISBody>
</epcis:EPCISDocument>`;
}
