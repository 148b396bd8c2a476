import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LossDeviation, TransformEvent } from '../../src/custody/index.js';
import { fromEpcis, toEpcis } from '../../src/custody/index.js';
import { buildApp } from '../../src/http/index.js';
import { authHeaders } from '../support/auth.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

/** 100 g at 800.0 melted into 77 g at 1000.0: 80 g fine in, 77 g out, a 37.5 per-mille loss against the 30 per-mille melt tolerance. */
function melt(w: World, n: string, input: string, deviation?: LossDeviation): TransformEvent {
  return {
    type: 'transform',
    eventTime: w.at(5),
    eventTimeZoneOffset: '+02:00',
    recorder: w.house.uri,
    operation: 'melt',
    inputs: [{ lot: w.lot(w.house, 'dore', input), massMg: 100_000 }],
    outputs: [{ lot: w.lot(w.house, 'dore', n), form: 'dore', grossMg: 77_000, fineness: 10000, cocModel: 'segregated' }],
    ...(deviation ? { lossDeviation: deviation } : {}),
  };
}

const declared: LossDeviation = { lossPermille: 37.5, tolerancePermille: 30, reason: 'slag and base metals' };
const acceptDeclared = { rule: 'custody.loss_deviation', key: 'melt', effectiveFrom: '2026-01-01', value: { policy: 'accept_declared' }, source: 'test: the organisation records deviations as incidents', confidence: 'firm' as const };

describe.each(testStores)('melt-loss deviation on $name', (store) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(store);
    await appendOk(w, [...w.buy('A', { grams: 100, fineness: 800 }), ...w.buy('B', { grams: 100, fineness: 800 })]);
  });
  afterEach(async () => {
    await w.cleanup();
  });

  const rejection = async (e: TransformEvent) => {
    const r = await w.orp.append([e]);
    expect(r.committed).toBe(false);
    return r.results[0]!.error!;
  };

  it('judges each transform by the policy in force on its date', async () => {
    await w.orp.rules.seed([{ ...acceptDeclared, effectiveFrom: '2026-03-10' }]);
    // 5 March: the shipped policy (reject) still applies; 12 March: declared deviations are accepted.
    expect((await rejection(melt(w, 'M1', 'A', declared))).code).toBe('ORP_LOSS_BEYOND_TOLERANCE');
    await appendOk(w, [{ ...melt(w, 'M2', 'B', declared), eventTime: w.at(12) }]);
  });

  describe('under the default policy (reject)', () => {
    it('rejects a loss beyond tolerance even when it declares the deviation', async () => {
      const err = await rejection(melt(w, 'M1', 'A', declared));
      expect(err.code).toBe('ORP_LOSS_BEYOND_TOLERANCE');
      expect(err.details).toMatchObject({ policy: 'reject', lossPermille: 37.5, tolerancePermille: 30 });
    });

    it('still rejects an undeclared loss beyond tolerance', async () => {
      expect((await rejection(melt(w, 'M1', 'A'))).code).toBe('ORP_LOSS_BEYOND_TOLERANCE');
    });
  });

  describe('under a policy accepting declared deviations', () => {
    beforeEach(async () => {
      await w.orp.rules.seed([acceptDeclared]);
    });

    it('accepts a loss beyond tolerance that declares its deviation, signed on the event and queryable with EXISTS_', async () => {
      await appendOk(w, [melt(w, 'M1', 'A', declared)]);
      const app = await buildApp(w.orp, { rateLimit: false });
      const r = await app.inject({ method: 'GET', url: '/events?EXISTS_gold:lossDeviation=', headers: await authHeaders(w.orp, 'house', 'viewer') });
      expect(r.statusCode, r.body).toBe(200);
      const events = r.json().epcisBody.queryResults.resultsBody.eventList as Record<string, unknown>[];
      expect(events).toHaveLength(1);
      expect(events[0]!['gold:lossDeviation']).toEqual({ 'gold:lossPermille': 37.5, 'gold:tolerancePermille': 30, 'gold:reason': 'slag and base metals' });
      const above = await app.inject({ method: 'GET', url: '/events?GT_INNER_gold:lossPermille=35', headers: await authHeaders(w.orp, 'house', 'viewer') });
      expect(above.json().epcisBody.queryResults.resultsBody.eventList).toHaveLength(1);
      await app.close();
    });

    it('rejects a loss beyond tolerance that declares nothing', async () => {
      const err = await rejection(melt(w, 'M1', 'A'));
      expect(err.code).toBe('ORP_LOSS_BEYOND_TOLERANCE');
      expect(err.message).toContain('gold:lossDeviation');
    });

    it('rejects a declaration whose figures are not the event\'s own', async () => {
      for (const wrong of [{ ...declared, lossPermille: 30.1 }, { ...declared, tolerancePermille: 40 }]) {
        const err = await rejection(melt(w, 'M1', 'A', wrong));
        expect(err.code).toBe('ORP_LOSS_DEVIATION_MISMATCH');
        expect(err.details).toMatchObject({ lossPermille: 37.5, tolerancePermille: 30, declared: wrong });
      }
    });

    it('rejects a deviation declared on a loss within tolerance', async () => {
      const within = { ...melt(w, 'M1', 'A', { lossPermille: 25, tolerancePermille: 30 }), outputs: [{ ...melt(w, 'M1', 'A').outputs[0]!, grossMg: 78_000 }] };
      expect((await rejection(within)).code).toBe('ORP_LOSS_DEVIATION_MISMATCH');
    });
  });
});

describe('gold:lossDeviation in EPCIS', () => {
  it('maps both ways as a top-level extension of the TransformationEvent', () => {
    const e: TransformEvent = {
      type: 'transform',
      eventTime: '2026-03-05T08:00:00.000Z',
      eventTimeZoneOffset: '+02:00',
      recorder: 'https://id.gs1.org/417/6150002000005',
      operation: 'melt',
      inputs: [{ lot: 'https://id.gs1.org/01/06150002000046/10/A', massMg: 100_000 }],
      outputs: [{ lot: 'https://id.gs1.org/01/06150002000046/10/M1', form: 'dore', grossMg: 77_000, fineness: 10000, cocModel: 'segregated' }],
      lossDeviation: declared,
    };
    const epcis = toEpcis(e);
    expect(epcis['gold:lossDeviation']).toEqual({ 'gold:lossPermille': 37.5, 'gold:tolerancePermille': 30, 'gold:reason': 'slag and base metals' });
    expect(fromEpcis(epcis)).toEqual(e);
    expect(() => fromEpcis({ ...epcis, 'gold:lossDeviation': { 'gold:lossPermille': '37.5', 'gold:tolerancePermille': 30 } })).toThrowError(/gold:lossPermille/);
  });
});
