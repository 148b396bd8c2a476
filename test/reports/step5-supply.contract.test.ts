import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromEpcis, type GoldEvent } from '../../src/custody/index.js';
import { goldFigures, goldFiguresOfMoves, supplyMoves, type SupplyMove } from '../../src/reports/step5/index.js';
import { cmrtStore, reportStore, step5Supply } from '../../src/store/index.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const YEAR = { fromMs: Date.parse('2026-01-01T00:00:00Z'), toMs: Date.parse('2027-01-01T00:00:00Z') };

/*
 * The Step 5 figures read from indexed columns (step5Supply) must be those of replaying every event body of the
 * supply (goldFigures over cmrtStore.supplyData): purchases, an assay, a melt of two lots, a recycled declaration,
 * a certified lot, a sale and a receipt, and a purchase after the head.
 */
describe.each(testStores)('Step 5 supply from indexed columns on $name', (store) => {
  let w: World;

  beforeAll(async () => {
    w = await makeWorld(store);
    const [lot1, lot2, lot3] = ['1', '2', '3'].map((n) => w.lot(w.house, 'dore', n));
    const melted = w.lot(w.house, 'dore', 'M');
    const base = (day: number, recorder: string) => ({ eventTime: w.at(day), eventTimeZoneOffset: '+02:00', recorder });
    const events = [
      ...w.buy('1', { grams: 100, fineness: 850, site: 0, scheme: 'fairmined' }),
      ...w.buy('2', { grams: 200, fineness: 900, site: 1 }),
      ...w.buy('3', { grams: 50, fineness: 800, site: 0 }),
      { ...base(3, w.house.uri), type: 'assay', lot: lot1!, fineness: 8615, assay: { method: 'fire_assay', lab: 'Lab', date: '2026-03-03' } },
      { ...base(4, w.house.uri), type: 'transform', operation: 'melt', inputs: [{ lot: lot2!, massMg: 150_000 }, { lot: lot3!, massMg: 50_000 }], outputs: [{ lot: melted, form: 'dore', grossMg: 195_000, fineness: 8800, cocModel: 'mass_balance' }] },
      // Assayed richer than its inputs: part of the melted lot's fine gold is untraced, and the refiner's purchase declares it recycled.
      { ...base(5, w.house.uri), type: 'assay', lot: melted, fineness: 9000, assay: { method: 'fire_assay', lab: 'Lab', date: '2026-03-05' } },
      { ...base(6, w.refiner.uri), type: 'purchase', lots: [melted, lot1!], seller: w.house.uri, buyer: w.refiner.uri, purchaseNumber: 'R-1', price: '13000.00', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: false, declaredMaterial: 'recycled' },
      { ...base(7, w.house.uri), type: 'ship', lots: [lot2!], from: w.house.uri, to: w.refiner.uri },
      { ...base(8, w.refiner.uri), type: 'receive', lots: [lot2!], from: w.house.uri, to: w.refiner.uri },
    ] as GoldEvent[];
    await appendOk(w, events);
  });
  afterAll(async () => {
    await w?.cleanup();
  });

  it('gives the figures of replaying every event of the supply, for every organisation, cut at the head', async () => {
    const head = (await reportStore(w.orp.db).head()).seq;
    await appendOk(w, w.buy('4', { grams: 10, fineness: 900, site: 1, at: w.at(9) }));
    const sites = new Map((await w.orp.registry.sites()).map((s) => [s.uri, { name: s.name, country: s.country, licenceType: s.licenceType }]));
    let compared = 0;
    for (const org of [w.house, w.refiner, w.asmo, w.exporter]) {
      for (const at of [head, head + 2]) {
        const data = await cmrtStore(w.orp.db).supplyData(org.uri, at, YEAR.fromMs, YEAR.toMs);
        const parsed = data.events.map((e) => ({ seq: e.seq, event: fromEpcis(JSON.parse(e.body) as Record<string, unknown>) }));
        const replayed = goldFigures(org.uri, YEAR, { lots: data.lots, edges: data.edges, events: parsed }, sites);
        const supply = await step5Supply(w.orp.db, org.uri, at, YEAR.fromMs, YEAR.toMs);
        // The same moves as parsing the bodies (a purchase or receipt lists the lots of the supply it moved).
        const inSupply = new Set(supply.lots.map((l) => l.lot));
        const canonical = (moves: readonly SupplyMove[]) =>
          moves.map((m) => ('lots' in m ? { ...m, lots: m.lots.filter((l) => inSupply.has(l)).sort() } : m)).sort((a, b) => a.seq - b.seq || JSON.stringify(a).localeCompare(JSON.stringify(b)));
        expect(canonical(supply.moves)).toEqual(canonical(supplyMoves(parsed)));
        expect(goldFiguresOfMoves(org.uri, YEAR, supply, sites)).toEqual(replayed);
        expect(supply.lots.map((l) => l.lot)).toEqual(data.lots.map((l) => l.lot));
        expect(supply.edges).toEqual(data.edges);
        if (replayed.lots > 0) compared++;
      }
    }
    // The house and the refiner took gold in, before and after the last purchase.
    expect(compared).toBeGreaterThanOrEqual(4);
  });
});
