import { describe, expect, it } from 'vitest';
import { fromEpcis, toEpcis } from './epcis-map.js';
import { readEpcisDocument, writeEpcisDocument, type NormalisedEvent } from '../epcis/index.js';
import { COC_MODELS, MATERIAL_DECLARATIONS, type CocModel, type ProductionEvent, type PurchaseEvent, type TransformEvent } from './types.js';

/* Each chain-of-custody model travels in `gold:cocModel` and is read back as written. */

const production = (cocModel: CocModel): ProductionEvent => ({
  type: 'production',
  eventTime: '2026-03-06T15:00:00.000Z',
  eventTimeZoneOffset: '-05:00',
  recorder: 'https://id.gs1.org/417/7750123000004',
  site: 'https://id.gs1.org/414/7750123010010',
  producer: 'https://id.gs1.org/417/7750123000004',
  lot: { lot: 'https://id.gs1.org/01/07750123000043/10/L1', form: 'dore', grossMg: 120_000, fineness: 9000, cocModel, scheme: 'fairmined' },
});

const split = (cocModel: CocModel): TransformEvent => ({
  type: 'transform',
  eventTime: '2026-03-07T15:00:00.000Z',
  eventTimeZoneOffset: '-05:00',
  recorder: 'https://id.gs1.org/417/7750123000004',
  operation: 'split',
  inputs: [{ lot: 'https://id.gs1.org/01/07750123000043/10/L1', massMg: 120_000 }],
  outputs: [
    { lot: 'https://id.gs1.org/01/07750123000043/10/L1-a', form: 'dore', grossMg: 60_000, fineness: 9000, cocModel, scheme: 'fairmined' },
    { lot: 'https://id.gs1.org/01/07750123000043/10/L1-b', form: 'dore', grossMg: 60_000, fineness: 9000, cocModel },
  ],
});

describe('chain-of-custody models in EPCIS', () => {
  it.each(COC_MODELS)('writes %s into gold:cocModel and reads it back, on productions and transformation outputs', (model) => {
    const p = toEpcis(production(model));
    expect((p['ilmd'] as Record<string, unknown>)['gold:cocModel']).toBe(model);
    expect(fromEpcis(p)).toEqual(production(model));
    expect(fromEpcis(toEpcis(split(model)))).toEqual(split(model));
  });

  it('refuses a model it does not know', () => {
    const p = toEpcis(production('segregated'));
    (p['ilmd'] as Record<string, unknown>)['gold:cocModel'] = 'controlled_blending';
    expect(() => fromEpcis(p)).toThrow(/chain-of-custody model "controlled_blending"/);
  });
});

describe('the seller’s declaration of material on a purchase', () => {
  const purchase = (declaredMaterial?: PurchaseEvent['declaredMaterial']): PurchaseEvent => ({
    type: 'purchase',
    eventTime: '2026-03-08T15:00:00.000Z',
    eventTimeZoneOffset: '-05:00',
    recorder: 'https://id.gs1.org/417/7640001000001',
    lots: ['https://id.gs1.org/01/07750123000043/10/L1'],
    seller: 'https://id.gs1.org/417/7750123000004',
    buyer: 'https://id.gs1.org/417/7640001000001',
    purchaseNumber: 'P-9',
    price: '1000.00',
    currency: 'USD',
    paymentMethod: 'bank_transfer',
    custodyTransferred: true,
    ...(declaredMaterial ? { declaredMaterial } : {}),
  });

  it.each(MATERIAL_DECLARATIONS)('writes %s into gold:declaredMaterial and reads it back, in JSON-LD and in XML', (m) => {
    const e = toEpcis(purchase(m));
    expect(e['gold:declaredMaterial']).toBe(m);
    expect(fromEpcis(e)).toEqual(purchase(m));
    const xml = writeEpcisDocument([e as unknown as NormalisedEvent], { format: 'xml', creationDate: '2026-03-08T16:00:00.000Z' });
    expect(xml).toContain('declaredMaterial');
    const read = readEpcisDocument(xml, 'xml');
    if (!read.ok) throw new Error(read.problems.map((p) => p.message).join('\n'));
    expect(fromEpcis(read.document.events[0] as unknown as Record<string, unknown>)).toEqual(purchase(m));
  });

  it('leaves the field out when the seller declared nothing, and refuses a declaration it does not know', () => {
    const e = toEpcis(purchase());
    expect(e).not.toHaveProperty('gold:declaredMaterial');
    expect(fromEpcis(e)).toEqual(purchase());
    expect(() => fromEpcis({ ...e, 'gold:declaredMaterial': 'scrap' })).toThrow(/declared material "scrap"/);
  });
});
