import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssayEvent, PurchaseEvent, TransformEvent } from '../../src/custody/index.js';
import { makeMiner } from '../../src/parties/index.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const acceptDeclared = { rule: 'custody.loss_deviation', key: 'melt', effectiveFrom: '2026-01-01', value: { policy: 'accept_declared' }, source: 'test: deviations become incidents', confidence: 'firm' as const };

/** 100 g at 800.0 melted into 77 g of grain at 1000.0: 37.5 per mille lost against the 30 per mille melt tolerance. */
function melt(w: World, input: string, out: string, declare: boolean): TransformEvent {
  return {
    type: 'transform',
    eventTime: w.at(5),
    eventTimeZoneOffset: '+02:00',
    recorder: w.house.uri,
    operation: 'melt',
    inputs: [{ lot: w.lot(w.house, 'dore', input), massMg: 100_000 }],
    outputs: [{ lot: w.lot(w.house, 'grain', out), form: 'grain', grossMg: declare ? 77_000 : 79_000, fineness: 10000, cocModel: 'segregated' }],
    ...(declare ? { lossDeviation: { lossPermille: 37.5, tolerancePermille: 30, reason: 'slag' } } : {}),
  };
}

function resale(w: World, lot: string, declaredMaterial: PurchaseEvent['declaredMaterial']): PurchaseEvent {
  return { type: 'purchase', eventTime: w.at(8), eventTimeZoneOffset: '+02:00', recorder: w.refiner.uri, lots: [lot], seller: w.house.uri, buyer: w.refiner.uri, purchaseNumber: 'R-1', price: '5000.00', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: true, ...(declaredMaterial ? { declaredMaterial } : {}) };
}

for (const store of testStores) {
  describe(`material and people red flags (${store.name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await makeWorld(store);
      await appendOk(w, w.buy('A', { grams: 100, fineness: 800 }));
    });
    afterEach(async () => {
      await w.cleanup();
    });

    it('raises an incident for a melt accepted with a declared loss deviation, reading the input’s fineness from the store', async () => {
      await w.orp.rules.seed([acceptDeclared]);
      await appendOk(w, [melt(w, 'A', 'G', true)]);
      const { incidents } = await w.orp.incidents.list({ rule: 'melt_loss_beyond_tolerance' });
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({
        org: w.house.uri,
        subject: w.lot(w.house, 'grain', 'G'),
        evidence: { numbers: { lossPermille: 37.5, reason: 'slag', inputsFineGrams: '80.000', outputsFineGrams: '77.000', inputsFineDerivedFromLoss: false }, threshold: { tolerancePermille: 30 } },
      });
      expect((await w.orp.redFlags.scan()).raised).toEqual([]);
    });

    it('judges an assay of an older lot against the form the store knows for it', async () => {
      const assay: AssayEvent = { type: 'assay', eventTime: w.at(4), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lot: w.lot(w.house, 'dore', 'A'), fineness: 4000, assay: { method: 'fire_assay', date: w.at(4).slice(0, 10) } };
      await appendOk(w, [assay]);
      const { incidents } = await w.orp.incidents.list({ rule: 'fineness_form_mismatch' });
      expect(incidents.map((i) => [i.subject, i.evidence.numbers['form'], i.evidence.numbers['finenessPermille']])).toEqual([[w.lot(w.house, 'dore', 'A'), 'dore', '400.0']]);
    });

    it('flags gold resold as recycled after re-melting: the store traces the melted lot back to its mine site', async () => {
      await appendOk(w, [melt(w, 'A', 'G', false)]);
      await appendOk(w, [resale(w, w.lot(w.house, 'grain', 'G'), 'recycled')]);
      const { incidents } = await w.orp.incidents.list({ rule: 'recycled_from_mined_supplier' });
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ org: w.refiner.uri, subject: 'R-1', evidence: { numbers: { seller: w.house.uri, mineSites: w.sites[0]!.uri } } });
      // The full scan finds the same hit and raises nothing twice.
      const report = await w.orp.redFlags.scan();
      expect(report.byRule.recycled_from_mined_supplier).toBe(1);
      expect(report.raised).toEqual([]);
    });

    it('knows from the store when a party produced or sold mined gold', async () => {
      await appendOk(w, [melt(w, 'A', 'G', false), resale(w, w.lot(w.house, 'grain', 'G'), 'mined')]);
      const activity = await w.orp.incidents.minedActivity([w.miners[0]!.uri, w.house.uri, w.refiner.uri]);
      expect(activity.get(w.miners[0]!.uri)).toHaveLength(2); // named on the production, seller of the purchase
      // Recorder of the production, seller of the resale.
      expect(activity.get(w.house.uri)?.map((a) => a.atMs).sort()).toEqual([Date.parse(w.at(2)), Date.parse(w.at(8))]);
      expect(activity.get(w.refiner.uri)).toBeUndefined();
      const origins = await w.orp.incidents.lotOrigins([w.lot(w.house, 'grain', 'G'), 'urn:nowhere']);
      expect([...origins]).toEqual([[w.lot(w.house, 'grain', 'G'), [w.sites[0]!.uri]]]);
    });

    it('flags a miner certainly under 18 when registered and on each production, by miner id only; the scan raises nothing twice', async () => {
      const young = makeMiner(w.asmo, 9, { displayName: 'Young Person', gender: 'male', birthYear: 2010, registeredOn: '2026-02-01' });
      await w.orp.registry.addMiners([young]);
      const registered = await w.orp.incidents.list({ rule: 'miner_under_age' });
      expect(registered.incidents.map((i) => [i.key, i.org])).toEqual([[`miner_under_age|${young.uri}|registered`, w.asmo.uri]]);
      w.miners.push({ uri: young.uri });
      await appendOk(w, w.buy('Y', { miner: w.miners.length - 1 }));
      const captured = await w.orp.incidents.list({ rule: 'miner_under_age', subject: young.uri });
      expect(captured.incidents.map((i) => [i.org, i.evidence.numbers['ageAtMost']])).toEqual([
        [w.house.uri, 16],
        [w.asmo.uri, 16],
      ]);
      for (const i of captured.incidents) {
        expect(JSON.stringify(i)).not.toContain('Young Person');
        expect(i.summary).toContain(young.id);
      }
      expect((await w.orp.redFlags.scan()).raised).toEqual([]);
    });

    it('finds a miner registered under age on the on-demand scan when nothing checked the registration', async () => {
      const young = makeMiner(w.asmo, 8, { displayName: 'Another Young Person', gender: 'female', birthYear: 2011, registeredOn: '2026-02-01' });
      // Straight into the store: as if registered by a tool that skipped the check.
      await w.orp.db.kysely.insertInto('miners').values({ id: young.id, uri: young.uri, org_id: w.asmo.id, display_name: young.displayName, gender: young.gender, birth_year: young.birthYear, registered_on: young.registeredOn }).execute();
      const report = await w.orp.redFlags.scan();
      expect(report.raised.map((i) => [i.key, i.evidence.numbers['ageAtMost']])).toEqual([[`miner_under_age|${young.uri}|registered`, 15]]);
      expect((await w.orp.redFlags.scan()).raised).toEqual([]);
    });
  });
}
