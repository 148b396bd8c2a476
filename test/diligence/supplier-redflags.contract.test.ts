import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoldEvent } from '../../src/custody/index.js';
import { makeSite } from '../../src/parties/index.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

/** The house ships a lot to the refiner, which receives it (recorded by each side). */
function shipToRefiner(w: World, n: string, day: number): GoldEvent[] {
  const lot = w.lot(w.house, 'dore', n);
  return [
    { type: 'ship', eventTime: w.at(day, 9), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lots: [lot], from: w.house.uri, to: w.refiner.uri },
    { type: 'receive', eventTime: w.at(day, 15), eventTimeZoneOffset: '+01:00', recorder: w.refiner.uri, lots: [lot], from: w.house.uri, to: w.refiner.uri },
  ];
}

/** A production at `site` and the house's purchase of it from a registered miner. */
function buyFrom(w: World, site: string, n: string, at: string): GoldEvent[] {
  const [production, purchase] = w.buy(n, { at });
  return [{ ...(production as Extract<GoldEvent, { type: 'production' }>), site }, purchase!];
}

for (const store of testStores) {
  describe(`supplier red flags through the store (${store.name})`, () => {
    let w: World;
    let peru: string;
    beforeEach(async () => {
      w = await makeWorld(store);
      const site = makeSite(w.asmo, 3, { id: 'site-puno', name: 'Puno', country: 'PE', geometry: { type: 'Point', coordinates: [-69.4, -14.2] }, licenceType: 'artisanal', licensedOn: '2025-01-01', capacityGramsPerMonth: 3000 });
      await w.orp.registry.addSites([site]);
      peru = site.uri;
    });
    afterEach(async () => {
      await w.cleanup();
    });

    it('flags the refiner receiving Peru gold from a house that held gold from a CMRT country in an earlier batch', async () => {
      const first = await appendOk(w, w.buy('1', { at: w.at(2) }));
      const firstBatch = first.results.map((r) => r.seq);
      await appendOk(w, [...buyFrom(w, peru, '2', w.at(10)), ...shipToRefiner(w, '2', 12)]);
      const { incidents } = await w.orp.incidents.list({ rule: 'supplier_risk_history', orgs: [w.refiner.uri] });
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ org: w.refiner.uri, subject: w.house.uri, key: `supplier_risk_history|${w.refiner.uri}|${w.house.uri}|cmrt-covered-countries|2026` });
      // The evidence points at the earlier batch (the house's CD lot) and at the receive that raised it.
      expect(firstBatch).toContain(incidents[0]!.evidence.seqs[0]);
      expect(incidents[0]!.evidence.seqs).toHaveLength(2);
      expect(incidents[0]!.evidence.numbers).toMatchObject({ matchedBy: 'lot', sourcedOn: w.at(2) });
      expect(incidents[0]!.evidence.threshold).toMatchObject({ area: 'cmrt-covered-countries', windowDays: 365 });
      // The whole-ledger scan finds the same key: nothing new.
      const report = await w.orp.redFlags.scan();
      expect(report.byRule.supplier_risk_history).toBeGreaterThan(0);
      expect(report.raised).toEqual([]);
    });

    it('does not flag a supplier whose only gold came from outside every risk area', async () => {
      await appendOk(w, [...buyFrom(w, peru, '3', w.at(10)), ...shipToRefiner(w, '3', 12)]);
      expect((await w.orp.incidents.list({ rule: 'supplier_risk_history', orgs: [w.refiner.uri] })).total).toBe(0);
      expect((await w.orp.redFlags.scan()).raised.filter((i) => i.rule === 'supplier_risk_history')).toEqual([]);
    });

    it('flags a counterparty without beneficial owners in the recorder’s KYC file, and not once they are identified', async () => {
      await appendOk(w, [...buyFrom(w, peru, '4', w.at(10)), ...shipToRefiner(w, '4', 12)]);
      const found = await w.orp.incidents.list({ rule: 'unidentified_intermediary' });
      expect(found.incidents.map((i) => [i.org, i.subject, i.evidence.numbers['missing']]).sort()).toEqual(
        [
          [w.house.uri, w.refiner.uri, 'no_beneficial_owner'],
          [w.refiner.uri, w.house.uri, 'no_beneficial_owner'],
        ].sort(),
      );
      // The miner selling to the house is registered: no incident about them.
      expect(found.incidents.some((i) => i.subject === w.miners[0]!.uri)).toBe(false);

      await w.orp.assessments.addKyc({ kind: 'beneficial_owner', id: 'bo-house', owner: w.refiner.uri, supplier: w.house.uri, evidence: [], recordedBy: 'refiner kyc', name: 'A. Owner', shareBasisPoints: 10_000, identifiedOn: w.at(13).slice(0, 10) });
      await appendOk(w, [...buyFrom(w, peru, '5', w.at(10)), ...shipToRefiner(w, '5', 14)]);
      // Same month: the key is taken; the next month shows the file now identifies the house.
      await appendOk(w, [...buyFrom(w, peru, '6', w.at(31)), ...shipToRefiner(w, '6', 33)]);
      const april = (await w.orp.incidents.list({ rule: 'unidentified_intermediary' })).incidents.filter((i) => i.evidence.eventTime.startsWith('2026-04'));
      expect(april.map((i) => [i.org, i.subject])).toEqual([[w.house.uri, w.refiner.uri]]);
    });
  });
}
