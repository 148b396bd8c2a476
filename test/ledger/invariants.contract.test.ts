import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoldEvent, TransformEvent } from '../../src/custody/index.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

/** Appends one batch that must be rejected and returns the first rejection's error. */
async function rejection(w: World, events: GoldEvent[]) {
  const before = await w.orp.registry.counts();
  const r = await w.orp.append(events);
  expect(r.committed).toBe(false);
  const after = await w.orp.registry.counts();
  expect(after.events).toBe(before.events);
  expect(after.lots).toBe(before.lots);
  const bad = r.results.find((x) => x.status === 'rejected');
  expect(bad?.error).toBeDefined();
  return bad!.error!;
}

function melt(w: World, n: string, inputs: { lot: string; grams: number }[], out: { grams: number; fineness: number }, at = w.at(5)): TransformEvent {
  return {
    type: 'transform',
    eventTime: at,
    eventTimeZoneOffset: '+02:00',
    recorder: w.house.uri,
    operation: 'melt',
    inputs: inputs.map((i) => ({ lot: i.lot, massMg: Math.round(i.grams * 1000) })),
    outputs: [{ lot: w.lot(w.house, 'dore', n), form: 'dore', grossMg: Math.round(out.grams * 1000), fineness: Math.round(out.fineness * 10), cocModel: 'segregated' }],
  };
}

describe.each(testStores)('ledger invariants on $name', (store) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(store);
  });
  afterEach(async () => {
    await w.cleanup();
  });

  describe('invariant 1: fine gold is conserved', () => {
    it('rejects a melt that puts out more fine gold than went in', async () => {
      await appendOk(w, w.buy('A', { grams: 10, fineness: 800 }));
      // 8.000 g fine in; 10 g at 850 = 8.500 g fine out.
      const err = await rejection(w, [melt(w, 'M1', [{ lot: w.lot(w.house, 'dore', 'A'), grams: 10 }], { grams: 10, fineness: 850 })]);
      expect(err.code).toBe('ORP_FINE_GOLD_NOT_CONSERVED');
      expect(err.details).toMatchObject({ fineInGrams: '8.000', fineOutGrams: '8.500' });
    });

    it('rejects a melt losing more fine gold than the dated tolerance allows, and accepts one within it', async () => {
      await appendOk(w, [...w.buy('A', { grams: 100, fineness: 800 }), ...w.buy('B', { grams: 100, fineness: 800 })]);
      // 80 g fine in; 77.0 g out is a 3.75 % loss against a 3 % melt tolerance.
      const err = await rejection(w, [melt(w, 'M1', [{ lot: w.lot(w.house, 'dore', 'A'), grams: 100 }], { grams: 77, fineness: 1000 })]);
      expect(err.code).toBe('ORP_LOSS_BEYOND_TOLERANCE');
      expect(err.details).toMatchObject({ tolerancePermille: 30 });
      // 78.0 g out is a 2.5 % loss: accepted.
      await appendOk(w, [melt(w, 'M2', [{ lot: w.lot(w.house, 'dore', 'B'), grams: 100 }], { grams: 78, fineness: 1000 })]);
    });

    it('judges each event by the tolerance in force on its date', async () => {
      await w.orp.rules.seed([
        { rule: 'custody.loss_tolerance', key: 'melt', effectiveFrom: '2026-03-10', value: { maxLossPermille: 50 }, source: 'test: contract change', confidence: 'firm' },
      ]);
      await appendOk(w, [...w.buy('A', { grams: 100, fineness: 800 }), ...w.buy('B', { grams: 100, fineness: 800 })]);
      // A 3.75 % loss: beyond the old 3 % on 5 March, within the new 5 % on 12 March.
      const early = await rejection(w, [melt(w, 'M1', [{ lot: w.lot(w.house, 'dore', 'A'), grams: 100 }], { grams: 77, fineness: 1000 }, w.at(5))]);
      expect(early.code).toBe('ORP_LOSS_BEYOND_TOLERANCE');
      await appendOk(w, [melt(w, 'M2', [{ lot: w.lot(w.house, 'dore', 'B'), grams: 100 }], { grams: 77, fineness: 1000 }, w.at(12))]);
    });
  });

  describe('invariant 2: only what you hold or own, in quantities still held', () => {
    it('rejects shipping a lot the sender does not hold', async () => {
      await appendOk(w, w.buy('A'));
      const err = await rejection(w, [
        { type: 'ship', eventTime: w.at(3), eventTimeZoneOffset: '+02:00', recorder: w.exporter.uri, lots: [w.lot(w.house, 'dore', 'A')], from: w.exporter.uri, to: w.refiner.uri },
      ]);
      expect(err.code).toBe('ORP_LOT_NOT_IN_CUSTODY');
      expect(err.details).toMatchObject({ lot: w.lot(w.house, 'dore', 'A'), custodian: w.house.uri });
    });

    it('rejects selling a lot the seller does not own', async () => {
      await appendOk(w, w.buy('A'));
      const err = await rejection(w, [
        {
          type: 'purchase',
          eventTime: w.at(3),
          eventTimeZoneOffset: '+02:00',
          recorder: w.refiner.uri,
          lots: [w.lot(w.house, 'dore', 'A')],
          seller: w.exporter.uri,
          buyer: w.refiner.uri,
          purchaseNumber: 'X1',
          price: '100',
          currency: 'USD',
          paymentMethod: 'bank_transfer',
          custodyTransferred: false,
        },
      ]);
      expect(err.code).toBe('ORP_LOT_NOT_OWNED');
      expect(err.details).toMatchObject({ owner: w.house.uri });
    });

    it('rejects melting more gross mass than the lot holds, saying how much was asked and held', async () => {
      await appendOk(w, w.buy('A', { grams: 10 }));
      const err = await rejection(w, [melt(w, 'M1', [{ lot: w.lot(w.house, 'dore', 'A'), grams: 12 }], { grams: 9, fineness: 850 })]);
      expect(err.code).toBe('ORP_LOT_INSUFFICIENT_MASS');
      expect(err.details).toEqual({ lot: w.lot(w.house, 'dore', 'A'), askedGrams: '12.000', heldGrams: '10.000' });
    });

    it('rejects spending the same lot twice, across batches and within one batch', async () => {
      await appendOk(w, w.buy('A', { grams: 10, fineness: 800 }));
      const first = melt(w, 'M1', [{ lot: w.lot(w.house, 'dore', 'A'), grams: 6 }], { grams: 6, fineness: 795 });
      await appendOk(w, [first]);
      // 4 g remain: taking 6 g again is refused.
      const again = await rejection(w, [melt(w, 'M2', [{ lot: w.lot(w.house, 'dore', 'A'), grams: 6 }], { grams: 6, fineness: 795 }, w.at(6))]);
      expect(again).toMatchObject({ code: 'ORP_LOT_INSUFFICIENT_MASS', details: { askedGrams: '6.000', heldGrams: '4.000' } });
      const twiceInBatch = await rejection(w, [
        melt(w, 'M3', [{ lot: w.lot(w.house, 'dore', 'A'), grams: 4 }], { grams: 4, fineness: 795 }, w.at(6)),
        melt(w, 'M4', [{ lot: w.lot(w.house, 'dore', 'A'), grams: 4 }], { grams: 4, fineness: 795 }, w.at(7)),
      ]);
      expect(twiceInBatch.code).toBe('ORP_LOT_CLOSED');
    });
  });

  describe('invariant 3: closed lots take no further events', () => {
    it('rejects any event on a consumed lot', async () => {
      await appendOk(w, [...w.buy('A'), { type: 'consume', eventTime: w.at(3), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lot: w.lot(w.house, 'dore', 'A'), reason: 'sold to an untracked goldsmith' }]);
      const err = await rejection(w, [
        { type: 'assay', eventTime: w.at(4), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lot: w.lot(w.house, 'dore', 'A'), fineness: 8600, assay: { method: 'xrf', date: '2026-03-04' } },
      ]);
      expect(err).toMatchObject({ code: 'ORP_LOT_CLOSED', details: { status: 'consumed' } });
    });

    it('rejects shipping an exported lot but lets its consignee buy and receive it', async () => {
      const lot = w.lot(w.house, 'dore', 'A');
      await appendOk(w, [
        ...w.buy('A'),
        { type: 'export', eventTime: w.at(3), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lots: [lot], exporter: w.house.uri, destination: w.refiner.uri, destinationCountry: 'CH', exportCertificate: 'CD-2026-0001' },
      ]);
      const err = await rejection(w, [{ type: 'ship', eventTime: w.at(4), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lots: [lot], from: w.house.uri, to: w.exporter.uri }]);
      expect(err).toMatchObject({ code: 'ORP_LOT_CLOSED', details: { status: 'exported' } });
      const sale = { type: 'purchase' as const, eventTime: w.at(5), eventTimeZoneOffset: '+01:00', lots: [lot], seller: w.house.uri, purchaseNumber: 'FOB-1', price: '900', currency: 'USD', paymentMethod: 'bank_transfer' as const, custodyTransferred: false };
      const stranger = await rejection(w, [{ ...sale, recorder: w.exporter.uri, buyer: w.exporter.uri }]);
      expect(stranger.code).toBe('ORP_LOT_CLOSED');
      // The consignee may take title at the export point, before the gold arrives.
      await appendOk(w, [{ ...sale, recorder: w.refiner.uri, buyer: w.refiner.uri }]);
      await appendOk(w, [{ type: 'receive', eventTime: w.at(6), eventTimeZoneOffset: '+01:00', recorder: w.refiner.uri, lots: [lot], from: w.house.uri, to: w.refiner.uri }]);
      expect((await w.orp.queries.lot(lot))?.custodian).toBe(w.refiner.uri);
    });
  });

  describe('invariant 4: segregated claims survive only unbroken chains', () => {
    it('rejects a segregated output from a mix with mass-balance gold, and accepts a mass-balance output', async () => {
      await appendOk(w, [...w.buy('A', { fineness: 800 }), ...w.buy('B', { fineness: 800, cocModel: 'mass_balance' })]);
      const inputs = [
        { lot: w.lot(w.house, 'dore', 'A'), grams: 10 },
        { lot: w.lot(w.house, 'dore', 'B'), grams: 10 },
      ];
      const mix = { ...melt(w, 'M1', inputs, { grams: 20, fineness: 800 }), operation: 'mix' as const };
      const err = await rejection(w, [mix]);
      expect(err).toMatchObject({ code: 'ORP_SEGREGATION_BROKEN', details: { input: w.lot(w.house, 'dore', 'B') } });
      await appendOk(w, [{ ...mix, outputs: mix.outputs.map((o) => ({ ...o, cocModel: 'mass_balance' as const })) }]);
    });

    it('rejects a segregated certified output from uncertified gold', async () => {
      await appendOk(w, w.buy('A', { fineness: 800 }));
      const m = melt(w, 'M1', [{ lot: w.lot(w.house, 'dore', 'A'), grams: 10 }], { grams: 10, fineness: 795 });
      const err = await rejection(w, [{ ...m, outputs: m.outputs.map((o) => ({ ...o, scheme: 'fairmined' })) }]);
      expect(err.code).toBe('ORP_SEGREGATION_BROKEN');
    });
  });

  describe('invariant 5: mass-balance credits never go negative', () => {
    it('lets a holder claim certified fine gold only up to the credits its certified inputs earned', async () => {
      await appendOk(w, [
        ...w.buy('C', { grams: 10, fineness: 800, scheme: 'fairmined', cocModel: 'mass_balance' }),
        ...w.buy('U1', { grams: 10, fineness: 800, cocModel: 'mass_balance' }),
        ...w.buy('U2', { grams: 10, fineness: 800, cocModel: 'mass_balance' }),
      ]);
      const claim = (n: string, inputLot: string, grams: number, at: string): TransformEvent => {
        const m = melt(w, n, [{ lot: w.lot(w.house, 'dore', inputLot), grams: 10 }], { grams, fineness: 800 }, at);
        return { ...m, outputs: m.outputs.map((o) => ({ ...o, cocModel: 'mass_balance' as const, scheme: 'fairmined' })) };
      };
      // Melting the certified lot alone earns 8 g of credit and claims 7.9 g: balance 0.1 g.
      await appendOk(w, [claim('M1', 'C', 9.875, w.at(5))]);
      // Claiming 7.9 g on uncertified input now would take the balance to -7.8 g.
      const err = await rejection(w, [claim('M2', 'U1', 9.875, w.at(6))]);
      expect(err).toMatchObject({ code: 'ORP_CREDIT_NEGATIVE', details: { scheme: 'fairmined', balanceGrams: '0.100' } });
      // A claim of 0.08 g fine (0.1 g at 800) fits the remaining credit.
      const small = melt(w, 'M3', [{ lot: w.lot(w.house, 'dore', 'U2'), grams: 10 }], { grams: 9.9, fineness: 800 }, w.at(7));
      await appendOk(w, [
        {
          ...small,
          outputs: [
            { ...small.outputs[0]!, grossMg: 9800, cocModel: 'mass_balance' },
            { lot: w.lot(w.house, 'dore', 'M3-FM'), form: 'dore', grossMg: 100, fineness: 8000, cocModel: 'mass_balance', scheme: 'fairmined' },
          ],
        },
      ]);
    });
  });

  describe('invariant 6: event times are plausible', () => {
    it('rejects an event on a lot dated before the lot existed', async () => {
      await appendOk(w, w.buy('A', { at: w.at(10) }));
      const err = await rejection(w, [melt(w, 'M1', [{ lot: w.lot(w.house, 'dore', 'A'), grams: 10 }], { grams: 10, fineness: 840 }, w.at(9))]);
      expect(err).toMatchObject({ code: 'ORP_EVENT_TIME_IMPLAUSIBLE', details: { lot: w.lot(w.house, 'dore', 'A') } });
    });

    it('rejects a receipt dated before its shipment', async () => {
      const lot = w.lot(w.house, 'dore', 'A');
      await appendOk(w, [...w.buy('A'), { type: 'ship', eventTime: w.at(5), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lots: [lot], from: w.house.uri, to: w.exporter.uri }]);
      const err = await rejection(w, [{ type: 'receive', eventTime: w.at(4), eventTimeZoneOffset: '+02:00', recorder: w.exporter.uri, lots: [lot], from: w.house.uri, to: w.exporter.uri }]);
      expect(err.code).toBe('ORP_EVENT_TIME_IMPLAUSIBLE');
    });

    it('rejects an event dated in the future', async () => {
      const err = await rejection(w, w.buy('A', { at: '2027-01-01T00:00:00.000Z' }));
      expect(err.code).toBe('ORP_EVENT_TIME_IMPLAUSIBLE');
    });
  });

  it('walks a lot from mine to refiner through the whole chain', async () => {
    const a = w.lot(w.house, 'dore', 'A');
    const b = w.lot(w.house, 'dore', 'B');
    const bag = w.bag(w.house, 1);
    const base = (day: number, recorder: string) => ({ eventTime: w.at(day), eventTimeZoneOffset: '+02:00', recorder });
    await appendOk(w, [
      ...w.buy('A', { grams: 10, fineness: 800, site: 0 }),
      ...w.buy('B', { grams: 30, fineness: 800, site: 1, miner: 1 }),
      { ...base(3, w.house.uri), type: 'pack', bag, lots: [a, b], tag: 'TAG-1', seal: 'SEAL-1' },
      { ...base(3, w.house.uri), type: 'ship', lots: [a, b], bag, from: w.house.uri, to: w.exporter.uri },
      { ...base(4, w.exporter.uri), type: 'receive', lots: [a, b], bag, from: w.house.uri, to: w.exporter.uri },
      { ...base(4, w.exporter.uri), type: 'purchase', lots: [a, b], seller: w.house.uri, buyer: w.exporter.uri, purchaseNumber: 'EX-1', price: '3000.00', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: false },
      {
        ...base(5, w.exporter.uri),
        type: 'transform',
        operation: 'melt',
        inputs: [{ lot: a, massMg: 10000 }, { lot: b, massMg: 30000 }],
        outputs: [{ lot: w.lot(w.exporter, 'dore', 'D1'), form: 'dore', grossMg: 39500, fineness: 8050, cocModel: 'segregated' }],
      },
    ]);
    await appendOk(w, [
      { ...base(6, w.exporter.uri), type: 'assay', lot: w.lot(w.exporter, 'dore', 'D1'), fineness: 8042, assay: { method: 'fire_assay', lab: 'Bunia lab', date: '2026-03-06', sampleId: 'S-1' } },
    ]);
    const assayed = await w.orp.queries.lot('D1');
    expect(assayed).toMatchObject({ fineness: 8042, assay: { method: 'fire_assay', lab: 'Bunia lab', date: '2026-03-06', sampleId: 'S-1' } });
    const trace = await w.orp.traceBackward(w.lot(w.exporter, 'dore', 'D1'));
    expect(trace.origins.map((o) => [o.site, Number(o.share.toFixed(4))])).toEqual([
      [w.sites[1]!.uri, 0.75],
      [w.sites[0]!.uri, 0.25],
    ]);
    const forward = await w.orp.traceForward(a);
    expect(forward.descendants.map((d) => d.lot)).toEqual([a, w.lot(w.exporter, 'dore', 'D1')]);
    expect((await w.orp.verify()).ok).toBe(true);
  });

  it('traces forward from a site with more than 500 production lots (SQLite allows 500 terms in one compound select)', async () => {
    const site = w.sites[0]!.uri;
    const before = (await w.orp.traceForward(site)).descendants.length;
    await appendOk(w, Array.from({ length: 501 }, (_, k) => w.buy(`F${k}`, { grams: 1, fineness: 900, site: 0, at: w.at(7) })).flat());
    expect((await w.orp.traceForward(site)).descendants.length - before).toBe(501);
  });
});
