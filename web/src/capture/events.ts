/*
 * The EPCIS 2.0 events of field captures, built in the browser exactly as docs/gold-extension.md describes them
 * (the server reads them back with the same reader as POST /events; events.test.ts checks that). No eventID: the
 * server computes it (the CBV 2.0 event hash), so the same event sent twice is a duplicate.
 */

export type EpcisEvent = Record<string, unknown> & { type: string; eventTime: string; eventTimeZoneOffset: string };

/** The `@context` of Orpaille's documents: EPCIS 2.0 and the gold extension namespace. */
export const EPCIS_CONTEXT = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { gold: 'https://ns.orpaille.org/gold/' }] as const;

/** When and at which UTC offset something happened. */
export interface CaptureTime {
  eventTime: string;
  eventTimeZoneOffset: string;
}

/** The time of a capture on this device: the instant and the device's own UTC offset (`-05:00`). */
export function captureTime(now: Date): CaptureTime {
  const minutes = -now.getTimezoneOffset();
  const abs = Math.abs(minutes);
  const offset = `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return { eventTime: now.toISOString(), eventTimeZoneOffset: offset };
}

/** The local calendar date of a capture time. */
export function localDate(t: CaptureTime): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(t.eventTimeZoneOffset)!;
  const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return new Date(Date.parse(t.eventTime) + minutes * 60_000).toISOString().slice(0, 10);
}

const party = (kind: 'source' | 'destination', type: 'owning_party' | 'possessing_party', uri: string) => ({ type, [kind]: uri });
const classOnly = (lots: readonly string[]) => lots.map((epcClass) => ({ epcClass }));

export interface PurchaseCapture {
  time: CaptureTime;
  /** The buying organisation (records and signs). */
  recorder: string;
  site: string;
  /** The organisation the mine site belongs to. */
  producer: string;
  miner: string;
  lot: string;
  form: string;
  grossGrams: number;
  /** Per-mille, at most one decimal. */
  fineness: number;
  scheme?: string;
  purchaseNumber: string;
  price: string;
  currency: string;
  paymentMethod: string;
}

/**
 * A purchase from a miner: the miner's production of the lot at the site (the lot is the miner's until sold), then
 * the sale with the gold handed over. Both go in one capture, so the ledger records both or neither.
 */
export function purchaseEvents(p: PurchaseCapture): EpcisEvent[] {
  const ilmd: Record<string, unknown> = { 'gold:lot': p.lot, 'gold:form': p.form, 'gold:fineness': p.fineness, 'gold:cocModel': 'segregated' };
  if (p.scheme) ilmd['gold:scheme'] = p.scheme;
  Object.assign(ilmd, { 'gold:site': p.site, 'gold:producer': p.producer, 'gold:miner': p.miner });
  return [
    {
      ...p.time,
      type: 'ObjectEvent',
      epcList: [],
      action: 'ADD',
      bizStep: 'commissioning',
      disposition: 'active',
      readPoint: { id: p.site },
      bizLocation: { id: p.site },
      quantityList: [{ epcClass: p.lot, quantity: p.grossGrams, uom: 'GRM' }],
      destinationList: [party('destination', 'owning_party', p.miner), party('destination', 'possessing_party', p.miner)],
      ilmd,
      'gold:recorder': p.recorder,
    },
    {
      ...p.time,
      type: 'TransactionEvent',
      bizTransactionList: [{ type: 'po', bizTransaction: `urn:orpaille:bt:po:${encodeURIComponent(p.purchaseNumber)}` }],
      epcList: [],
      action: 'ADD',
      bizStep: 'accepting',
      quantityList: classOnly([p.lot]),
      sourceList: [party('source', 'owning_party', p.miner), party('source', 'possessing_party', p.miner)],
      destinationList: [party('destination', 'owning_party', p.recorder), party('destination', 'possessing_party', p.recorder)],
      'gold:purchaseNumber': p.purchaseNumber,
      'gold:price': p.price,
      'gold:currency': p.currency,
      'gold:paymentMethod': p.paymentMethod,
      'gold:recorder': p.recorder,
    },
  ];
}

/** Lots bagged, tagged and sealed into a logistic unit (SSCC). */
export function packEvent(p: { time: CaptureTime; recorder: string; bag: string; lots: readonly string[]; tag: string; seal: string }): EpcisEvent {
  return {
    ...p.time,
    type: 'AggregationEvent',
    parentID: p.bag,
    childEPCs: [],
    action: 'ADD',
    bizStep: 'packing',
    disposition: 'container_closed',
    childQuantityList: classOnly(p.lots),
    'gold:tag': p.tag,
    'gold:seal': p.seal,
    'gold:recorder': p.recorder,
  };
}

/** Lots (in a bag or not) leaving for, or arriving from, another party. */
export function movementEvent(p: { step: 'shipping' | 'receiving'; time: CaptureTime; recorder: string; bag?: string; lots: readonly string[]; from: string; to: string }): EpcisEvent {
  return {
    ...p.time,
    type: 'ObjectEvent',
    epcList: p.bag ? [p.bag] : [],
    action: 'OBSERVE',
    bizStep: p.step,
    disposition: p.step === 'shipping' ? 'in_transit' : 'in_progress',
    quantityList: classOnly(p.lots),
    sourceList: [party('source', 'possessing_party', p.from)],
    destinationList: [party('destination', 'possessing_party', p.to)],
    'gold:recorder': p.recorder,
  };
}

/** An assay of a lot: its fineness and how, where and when it was measured. */
export function assayEvent(p: { time: CaptureTime; recorder: string; lot: string; fineness: number; method: string; lab?: string; sampleId?: string }): EpcisEvent {
  const assay: Record<string, unknown> = { 'gold:method': p.method, 'gold:date': localDate(p.time) };
  if (p.lab) assay['gold:lab'] = p.lab;
  if (p.sampleId) assay['gold:sampleId'] = p.sampleId;
  return {
    ...p.time,
    type: 'ObjectEvent',
    epcList: [],
    action: 'OBSERVE',
    bizStep: 'inspecting',
    quantityList: classOnly([p.lot]),
    'gold:fineness': p.fineness,
    'gold:assay': assay,
    'gold:recorder': p.recorder,
  };
}

/** The exact text of an EPCIS 2.0 document of events: what the device signs and the server reads. */
export function epcisDocumentText(events: readonly EpcisEvent[], creationDate: string): string {
  return JSON.stringify({ '@context': EPCIS_CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate, epcisBody: { eventList: events } });
}
