import { OrpailleError, finenessToNumber, gramsToMg, mgToGrams, parseFineness } from '../kernel/index.js';
import type { EpcisEvent } from '../epcis/index.js';
import {
  ASSAY_METHODS,
  COC_MODELS,
  LOT_FORMS,
  PAYMENT_METHODS,
  MATERIAL_DECLARATIONS,
  TRANSFORM_OPERATIONS,
  type Assay,
  type GoldEvent,
  type LossDeviation,
  type NewLot,
} from './types.js';

/*
 * The mapping of GOLD-RULES s.7: each gold event is one EPCIS 2.0 event, recognised on the way back
 * by its standard fields (event type, action, bizStep) alone. Orpaille-specific data sits in `gold:`
 * extension fields (docs/gold-extension.md). Quantities are grams (UN/ECE Rec. 20 code GRM).
 */

type Json = Record<string, unknown>;

const BT_PO = 'urn:orpaille:bt:po:';
const BT_EXPORT_CERT = 'urn:orpaille:bt:icglr:';

/*
 * toEpcis runs once per captured event, so it writes plain object literals (optional members are
 * added afterwards) rather than spreading partial objects. Member order carries no meaning: the
 * stored bytes are canonical JSON and the event hash sorts what it reads.
 */

function newLotFields(lot: NewLot): Json {
  const fields: Json = {
    'gold:lot': lot.lot,
    'gold:form': lot.form,
    'gold:fineness': finenessToNumber(lot.fineness),
    'gold:cocModel': lot.cocModel,
  };
  if (lot.assay) fields['gold:assay'] = assayFields(lot.assay);
  if (lot.tag !== undefined) fields['gold:tag'] = lot.tag;
  if (lot.seal !== undefined) fields['gold:seal'] = lot.seal;
  if (lot.scheme !== undefined) fields['gold:scheme'] = lot.scheme;
  return fields;
}

function lossDeviationFields(d: LossDeviation): Json {
  const fields: Json = { 'gold:lossPermille': d.lossPermille, 'gold:tolerancePermille': d.tolerancePermille };
  if (d.reason !== undefined) fields['gold:reason'] = d.reason;
  return fields;
}

function readLossDeviation(o: Json, ctx: string): LossDeviation {
  const loss = o['gold:lossPermille'];
  const tolerance = o['gold:tolerancePermille'];
  if (typeof loss !== 'number' || !Number.isFinite(loss) || loss < 0 || Math.abs(Math.round(loss * 1000) - loss * 1000) > 1e-6) invalid(`${ctx}: gold:lossDeviation gold:lossPermille must be a non-negative number with at most three decimals`);
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0) invalid(`${ctx}: gold:lossDeviation gold:tolerancePermille must be a non-negative number`);
  const reason = optStr(o, 'gold:reason', ctx);
  return { lossPermille: loss, tolerancePermille: tolerance, ...(reason !== undefined ? { reason } : {}) };
}

function assayFields(a: Assay): Json {
  const fields: Json = { 'gold:method': a.method, 'gold:date': a.date };
  if (a.lab !== undefined) fields['gold:lab'] = a.lab;
  if (a.sampleId !== undefined) fields['gold:sampleId'] = a.sampleId;
  return fields;
}

const classOnly = (lots: string[]) => lots.map((epcClass) => ({ epcClass }));
const grams = (epcClass: string, mg: number) => ({ epcClass, quantity: mgToGrams(mg), uom: 'GRM' });
type PartyKind = 'owning_party' | 'possessing_party';
const source = (type: PartyKind, uri: string) => ({ type, source: uri });
const destination = (type: PartyKind, uri: string) => ({ type, destination: uri });

/** Adds `bizLocation` when the event names one. */
function located(event: EpcisEvent, bizLocation: string | undefined): EpcisEvent {
  if (bizLocation) event['bizLocation'] = { id: bizLocation };
  return event;
}

/** Renders a gold event as an EPCIS 2.0 JSON-LD event (without eventID, which is its hash). */
export function toEpcis(e: GoldEvent): EpcisEvent {
  switch (e.type) {
    case 'production': {
      const owner = e.miner ?? e.producer;
      const ilmd = newLotFields(e.lot);
      ilmd['gold:site'] = e.site;
      ilmd['gold:producer'] = e.producer;
      if (e.miner !== undefined) ilmd['gold:miner'] = e.miner;
      return {
        type: 'ObjectEvent',
        eventTime: e.eventTime,
        eventTimeZoneOffset: e.eventTimeZoneOffset,
        epcList: [],
        action: 'ADD',
        bizStep: 'commissioning',
        disposition: 'active',
        readPoint: { id: e.site },
        bizLocation: { id: e.bizLocation ?? e.site },
        quantityList: [grams(e.lot.lot, e.lot.grossMg)],
        destinationList: [destination('owning_party', owner), destination('possessing_party', owner)],
        ilmd,
        'gold:recorder': e.recorder,
      };
    }
    case 'purchase': {
      const sources = [source('owning_party', e.seller)];
      const destinations = [destination('owning_party', e.buyer)];
      if (e.custodyTransferred) {
        sources.push(source('possessing_party', e.seller));
        destinations.push(destination('possessing_party', e.buyer));
      }
      return located(
        {
          type: 'TransactionEvent',
          eventTime: e.eventTime,
          eventTimeZoneOffset: e.eventTimeZoneOffset,
          bizTransactionList: [{ type: 'po', bizTransaction: BT_PO + encodeURIComponent(e.purchaseNumber) }],
          epcList: [],
          action: 'ADD',
          bizStep: 'accepting',
          quantityList: classOnly(e.lots),
          sourceList: sources,
          destinationList: destinations,
          'gold:purchaseNumber': e.purchaseNumber,
          'gold:price': e.price,
          'gold:currency': e.currency,
          'gold:paymentMethod': e.paymentMethod,
          ...(e.declaredMaterial ? { 'gold:declaredMaterial': e.declaredMaterial } : {}),
          'gold:recorder': e.recorder,
        },
        e.bizLocation,
      );
    }
    case 'pack':
      return located(
        {
          type: 'AggregationEvent',
          eventTime: e.eventTime,
          eventTimeZoneOffset: e.eventTimeZoneOffset,
          parentID: e.bag,
          childEPCs: [],
          action: 'ADD',
          bizStep: 'packing',
          disposition: 'container_closed',
          childQuantityList: classOnly(e.lots),
          'gold:tag': e.tag,
          'gold:seal': e.seal,
          'gold:recorder': e.recorder,
        },
        e.bizLocation,
      );
    case 'ship':
    case 'receive':
      return located(
        {
          type: 'ObjectEvent',
          eventTime: e.eventTime,
          eventTimeZoneOffset: e.eventTimeZoneOffset,
          epcList: e.bag ? [e.bag] : [],
          action: 'OBSERVE',
          bizStep: e.type === 'ship' ? 'shipping' : 'receiving',
          disposition: e.type === 'ship' ? 'in_transit' : 'in_progress',
          quantityList: classOnly(e.lots),
          sourceList: [source('possessing_party', e.from)],
          destinationList: [destination('possessing_party', e.to)],
          'gold:recorder': e.recorder,
        },
        e.bizLocation,
      );
    case 'assay':
      return located(
        {
          type: 'ObjectEvent',
          eventTime: e.eventTime,
          eventTimeZoneOffset: e.eventTimeZoneOffset,
          epcList: [],
          action: 'OBSERVE',
          bizStep: 'inspecting',
          quantityList: classOnly([e.lot]),
          'gold:fineness': finenessToNumber(e.fineness),
          'gold:assay': assayFields(e.assay),
          'gold:recorder': e.recorder,
        },
        e.bizLocation,
      );
    case 'transform': {
      const event = located(
        {
          type: 'TransformationEvent',
          eventTime: e.eventTime,
          eventTimeZoneOffset: e.eventTimeZoneOffset,
          inputEPCList: [],
          outputEPCList: [],
          bizStep: 'creating_class_instance',
          inputQuantityList: e.inputs.map((i) => grams(i.lot, i.massMg)),
          outputQuantityList: e.outputs.map((o) => grams(o.lot, o.grossMg)),
          ilmd: { 'gold:operation': e.operation, 'gold:outputs': e.outputs.map(newLotFields) },
          'gold:recorder': e.recorder,
        },
        e.bizLocation,
      );
      // Top level, not in ilmd: it describes the event, not the new lots (and EXISTS_gold:lossDeviation finds it).
      if (e.lossDeviation) event['gold:lossDeviation'] = lossDeviationFields(e.lossDeviation);
      return event;
    }
    case 'export': {
      const event = located(
        {
          type: 'ObjectEvent',
          eventTime: e.eventTime,
          eventTimeZoneOffset: e.eventTimeZoneOffset,
          epcList: [],
          action: 'OBSERVE',
          bizStep: 'departing',
          disposition: 'in_transit',
          quantityList: classOnly(e.lots),
          sourceList: [source('possessing_party', e.exporter)],
          destinationList: [destination('possessing_party', e.destination)],
          'gold:destinationCountry': e.destinationCountry,
          'gold:recorder': e.recorder,
        },
        e.bizLocation,
      );
      if (e.exportCertificate) {
        event['bizTransactionList'] = [{ type: 'bol', bizTransaction: BT_EXPORT_CERT + encodeURIComponent(e.exportCertificate) }];
        event['gold:exportCertificate'] = e.exportCertificate;
      }
      return event;
    }
    case 'consume':
      return located(
        {
          type: 'ObjectEvent',
          eventTime: e.eventTime,
          eventTimeZoneOffset: e.eventTimeZoneOffset,
          epcList: [],
          action: 'DELETE',
          bizStep: 'destroying',
          disposition: 'destroyed',
          quantityList: classOnly([e.lot]),
          'gold:reason': e.reason,
          'gold:recorder': e.recorder,
        },
        e.bizLocation,
      );
  }
}

function invalid(reason: string): never {
  throw new OrpailleError('ORP_EPCIS_INVALID', reason);
}

function str(o: Json, key: string, ctx: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) invalid(`${ctx}: "${key}" must be a non-empty string`);
  return v;
}

function optStr(o: Json, key: string, ctx: string): string | undefined {
  return o[key] === undefined ? undefined : str(o, key, ctx);
}

function obj(o: Json, key: string, ctx: string): Json {
  const v = o[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) invalid(`${ctx}: "${key}" must be an object`);
  return v as Json;
}

function arr(o: Json, key: string, ctx: string): Json[] {
  const v = o[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) invalid(`${ctx}: "${key}" must be a list`);
  return v as Json[];
}

function oneOf<T extends string>(values: readonly T[], v: string, what: string): T {
  if (!(values as readonly string[]).includes(v)) invalid(`${what} "${v}" is not one of ${values.join(', ')}`);
  return v as T;
}

function lotClasses(list: Json[], ctx: string): string[] {
  if (list.length === 0) invalid(`${ctx}: no lot in the quantity list`);
  return list.map((q) => str(q, 'epcClass', ctx));
}

function gramsOf(q: Json, ctx: string): number {
  if (q['uom'] !== 'GRM') invalid(`${ctx}: quantities must be in grams (uom GRM)`);
  const v = q['quantity'];
  if (typeof v !== 'number') invalid(`${ctx}: quantity must be a number`);
  return gramsToMg(v, `${ctx} quantity`);
}

function partyOf(list: Json[], kind: string, key: 'source' | 'destination', ctx: string): string | undefined {
  const found = list.find((p) => p['type'] === kind);
  return found ? str(found, key, ctx) : undefined;
}

function requireParty(list: Json[], kind: string, key: 'source' | 'destination', ctx: string): string {
  return partyOf(list, kind, key, ctx) ?? invalid(`${ctx}: ${key}List needs a ${kind}`);
}

function readAssay(o: Json, ctx: string): Assay {
  return {
    method: oneOf(ASSAY_METHODS, str(o, 'gold:method', ctx), 'assay method'),
    date: str(o, 'gold:date', ctx),
    ...(o['gold:lab'] !== undefined ? { lab: str(o, 'gold:lab', ctx) } : {}),
    ...(o['gold:sampleId'] !== undefined ? { sampleId: str(o, 'gold:sampleId', ctx) } : {}),
  };
}

function readNewLot(o: Json, grossMg: number, ctx: string): NewLot {
  const fineness = o['gold:fineness'];
  if (typeof fineness !== 'number') invalid(`${ctx}: gold:fineness must be a number`);
  const lot: NewLot = {
    lot: str(o, 'gold:lot', ctx),
    form: oneOf(LOT_FORMS, str(o, 'gold:form', ctx), 'form'),
    grossMg,
    fineness: parseFineness(fineness),
    cocModel: oneOf(COC_MODELS, str(o, 'gold:cocModel', ctx), 'chain-of-custody model'),
  };
  if (o['gold:assay'] !== undefined) lot.assay = readAssay(obj(o, 'gold:assay', ctx), ctx);
  const tag = optStr(o, 'gold:tag', ctx);
  if (tag !== undefined) lot.tag = tag;
  const seal = optStr(o, 'gold:seal', ctx);
  if (seal !== undefined) lot.seal = seal;
  const scheme = optStr(o, 'gold:scheme', ctx);
  if (scheme !== undefined) lot.scheme = scheme;
  return lot;
}

/**
 * Reads an EPCIS 2.0 event (compact JSON-LD, normalised) as a gold event, recognising it by its
 * standard fields. Throws ORP_EPCIS_INVALID naming the field when it is not a gold event.
 */
export function fromEpcis(ev: Json): GoldEvent {
  const type = str(ev, 'type', 'event');
  const ctx = `${type} ${String(ev['bizStep'] ?? '')}`.trim();
  const base = {
    eventTime: str(ev, 'eventTime', ctx),
    eventTimeZoneOffset: str(ev, 'eventTimeZoneOffset', ctx),
    recorder: str(ev, 'gold:recorder', ctx),
    ...(ev['bizLocation'] !== undefined ? { bizLocation: str(obj(ev, 'bizLocation', ctx), 'id', ctx) } : {}),
  };
  const bizStep = ev['bizStep'];
  const sources = arr(ev, 'sourceList', ctx);
  const destinations = arr(ev, 'destinationList', ctx);
  if (type === 'ObjectEvent') {
    const action = ev['action'];
    const quantities = arr(ev, 'quantityList', ctx);
    if (action === 'ADD' && bizStep === 'commissioning') {
      const ilmd = obj(ev, 'ilmd', ctx);
      const q = quantities[0];
      if (!q || quantities.length !== 1) invalid(`${ctx}: production names exactly one lot`);
      const lot = readNewLot({ ...ilmd, 'gold:lot': q['epcClass'] }, gramsOf(q, ctx), ctx);
      const { bizLocation, ...rest } = base;
      const site = str(ilmd, 'gold:site', ctx);
      const miner = optStr(ilmd, 'gold:miner', ctx);
      return {
        ...rest,
        ...(bizLocation !== undefined && bizLocation !== site ? { bizLocation } : {}),
        type: 'production',
        site,
        producer: str(ilmd, 'gold:producer', ctx),
        ...(miner !== undefined ? { miner } : {}),
        lot,
      };
    }
    if (action === 'OBSERVE' && (bizStep === 'shipping' || bizStep === 'receiving')) {
      const epcs = arr(ev, 'epcList', ctx) as unknown[];
      const bag = typeof epcs[0] === 'string' ? epcs[0] : undefined;
      return {
        ...base,
        type: bizStep === 'shipping' ? 'ship' : 'receive',
        lots: lotClasses(quantities, ctx),
        ...(bag !== undefined ? { bag } : {}),
        from: requireParty(sources, 'possessing_party', 'source', ctx),
        to: requireParty(destinations, 'possessing_party', 'destination', ctx),
      };
    }
    if (action === 'OBSERVE' && bizStep === 'inspecting') {
      const [lot] = lotClasses(quantities, ctx);
      const f = ev['gold:fineness'];
      if (typeof f !== 'number') invalid(`${ctx}: gold:fineness must be a number`);
      return { ...base, type: 'assay', lot: lot!, fineness: parseFineness(f), assay: readAssay(obj(ev, 'gold:assay', ctx), ctx) };
    }
    if (action === 'OBSERVE' && bizStep === 'departing') {
      const cert = optStr(ev, 'gold:exportCertificate', ctx);
      return {
        ...base,
        type: 'export',
        lots: lotClasses(quantities, ctx),
        exporter: requireParty(sources, 'possessing_party', 'source', ctx),
        destination: requireParty(destinations, 'possessing_party', 'destination', ctx),
        destinationCountry: str(ev, 'gold:destinationCountry', ctx),
        ...(cert !== undefined ? { exportCertificate: cert } : {}),
      };
    }
    if (action === 'DELETE' && bizStep === 'destroying') {
      const [lot] = lotClasses(quantities, ctx);
      return { ...base, type: 'consume', lot: lot!, reason: str(ev, 'gold:reason', ctx) };
    }
  }
  if (type === 'TransactionEvent' && ev['action'] === 'ADD') {
    const seller = requireParty(sources, 'owning_party', 'source', ctx);
    const buyer = requireParty(destinations, 'owning_party', 'destination', ctx);
    const declared = optStr(ev, 'gold:declaredMaterial', ctx);
    return {
      ...base,
      type: 'purchase',
      lots: lotClasses(arr(ev, 'quantityList', ctx), ctx),
      seller,
      buyer,
      purchaseNumber: str(ev, 'gold:purchaseNumber', ctx),
      price: str(ev, 'gold:price', ctx),
      currency: str(ev, 'gold:currency', ctx),
      paymentMethod: oneOf(PAYMENT_METHODS, str(ev, 'gold:paymentMethod', ctx), 'payment method'),
      custodyTransferred: partyOf(sources, 'possessing_party', 'source', ctx) === seller,
      ...(declared !== undefined ? { declaredMaterial: oneOf(MATERIAL_DECLARATIONS, declared, 'declared material') } : {}),
    };
  }
  if (type === 'AggregationEvent' && ev['action'] === 'ADD' && bizStep === 'packing') {
    return {
      ...base,
      type: 'pack',
      bag: str(ev, 'parentID', ctx),
      lots: lotClasses(arr(ev, 'childQuantityList', ctx), ctx),
      tag: str(ev, 'gold:tag', ctx),
      seal: str(ev, 'gold:seal', ctx),
    };
  }
  if (type === 'TransformationEvent') {
    const ilmd = obj(ev, 'ilmd', ctx);
    const outQ = arr(ev, 'outputQuantityList', ctx);
    const outputs = arr(ilmd, 'gold:outputs', ctx);
    if (outputs.length !== outQ.length) invalid(`${ctx}: gold:outputs and outputQuantityList differ in length`);
    return {
      ...base,
      type: 'transform',
      operation: oneOf(TRANSFORM_OPERATIONS, str(ilmd, 'gold:operation', ctx), 'operation'),
      inputs: arr(ev, 'inputQuantityList', ctx).map((q) => ({ lot: str(q, 'epcClass', ctx), massMg: gramsOf(q, ctx) })),
      outputs: outputs.map((o, k) => {
        const q = outQ[k]!;
        if (q['epcClass'] !== o['gold:lot']) invalid(`${ctx}: output ${k + 1} names a different lot in gold:outputs`);
        return readNewLot(o, gramsOf(q, ctx), ctx);
      }),
      ...(ev['gold:lossDeviation'] !== undefined ? { lossDeviation: readLossDeviation(obj(ev, 'gold:lossDeviation', ctx), ctx) } : {}),
    };
  }
  return invalid(`${ctx}: not a gold chain-of-custody event (see docs/gold-extension.md for the mapping)`);
}
