import { describe, expect, it } from 'vitest';
import { fromEpcis, toEpcis } from './epcis-map.js';
import { COC_MODELS, type CocModel, type ProductionEvent, type TransformEvent } from './types.js';

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
