import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoldEvent, PurchaseEvent } from '../../src/custody/index.js';
import { defaultRiskAreas } from '../../src/redflags.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

/** A production + purchase pair paid `price` USD by `method`. */
function sale(w: World, n: string, price: string, o: { method?: PurchaseEvent['paymentMethod']; grams?: number; at?: string; site?: number } = {}): GoldEvent[] {
  const [p, b] = w.buy(n, { grams: o.grams ?? 10, ...(o.at ? { at: o.at } : {}), ...(o.site !== undefined ? { site: o.site } : {}) });
  return [p!, { ...(b as PurchaseEvent), price, paymentMethod: o.method ?? 'cash' }];
}

for (const store of testStores) {
  describe(`red flags and incidents (${store.name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await makeWorld(store);
    });
    afterEach(async () => {
      await w.cleanup();
    });

    it('raises an incident when a capture commits a cash purchase above the threshold without approval', async () => {
      await appendOk(w, [...sale(w, '1', '800.00'), ...sale(w, '2', '12500.00')]);
      const { incidents } = await w.orp.incidents.list({ rule: 'cash_without_approval' });
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ org: w.house.uri, subject: 'P-2', status: 'open', evidence: { numbers: { price: '12500.00' }, threshold: { above: '10000.00' } } });
      expect(incidents[0]!.evidence.seqs).toHaveLength(1);
      expect(incidents[0]!.history).toHaveLength(1);
    });

    it('raises nothing for a cash purchase a person approved before it was captured', async () => {
      await w.orp.incidents.approveCash({ buyer: w.house.uri, purchaseNumber: 'P-3', approvedBy: 'director@house', approvedAt: Date.parse(w.at(1)), note: 'ASM miner without a bank account; approved by the director' });
      await appendOk(w, sale(w, '3', '15000.00'));
      expect((await w.orp.incidents.list({ rule: 'cash_without_approval' })).total).toBe(0);
    });

    it('finds production above a site’s capacity across batches, reading the earlier ones from the store', async () => {
      // World sites state 3,000 g a month; two batches of 1,600 g in one week.
      await appendOk(w, sale(w, '4', '500.00', { grams: 1600, at: w.at(2) }));
      expect((await w.orp.incidents.list({ rule: 'site_over_capacity' })).total).toBe(0);
      await appendOk(w, sale(w, '5', '500.00', { grams: 1600, at: w.at(5) }));
      const { incidents } = await w.orp.incidents.list({ rule: 'site_over_capacity' });
      expect(incidents.map((i) => [i.subject, i.evidence.numbers['windowGrossGrams']])).toEqual([[w.sites[0]!.uri, '3200.000']]);
      // The other site is untouched.
      await appendOk(w, sale(w, '6', '500.00', { grams: 1600, at: w.at(6), site: 1 }));
      expect((await w.orp.incidents.list({ rule: 'site_over_capacity' })).total).toBe(1);
    });

    it('a full scan finds what capture found and raises nothing twice', async () => {
      await appendOk(w, [...sale(w, '7', '20000.00', { grams: 2000 }), ...sale(w, '8', '300.00', { grams: 1500, at: w.at(3) })]);
      const before = await w.orp.incidents.list({ limit: 100 });
      expect(before.incidents.map((i) => i.rule).sort()).toEqual(['cash_without_approval', 'risk_area_origin', 'site_over_capacity', 'supplier_risk_history']);
      const report = await w.orp.redFlags.scan();
      expect(report.events).toBe(4);
      expect(report.hits).toBe(4);
      expect(report.raised).toEqual([]);
      expect((await w.orp.incidents.list()).total).toBe(4);
    });

    it('records each change of an incident with who, when and why; refuses a bad change and keeps the incident as it was', async () => {
      await appendOk(w, sale(w, '9', '11000.00'));
      const [inc] = (await w.orp.incidents.list({ rule: 'cash_without_approval' })).incidents;
      const moved = await w.orp.redFlags.updateIncident(inc!.id, { by: 'compliance@house', status: 'under_review', owner: 'amani', note: 'asked the counter' });
      expect(moved).toMatchObject({ status: 'under_review', owner: 'amani' });
      await expect(w.orp.redFlags.updateIncident(inc!.id, { by: 'x', status: 'under_review', note: 'again' })).rejects.toMatchObject({ code: 'ORP_STATUS_CHANGE_REFUSED' });
      await expect(w.orp.redFlags.updateIncident('inc_nope', { by: 'x', status: 'closed', note: 'n' })).rejects.toMatchObject({ code: 'ORP_NOT_FOUND' });
      const stored = await w.orp.incidents.get(inc!.id);
      expect(stored!.history.map((h) => [h.status, h.by, h.note])).toEqual([
        ['open', 'redflag engine', inc!.summary],
        ['under_review', 'compliance@house', 'asked the counter'],
      ]);
      // Still open: the origin in a CMRT country and the miner's supplier history there.
      expect(await w.orp.incidents.counts([w.house.uri])).toEqual({ open: 2, under_review: 1, mitigated: 0, closed: 0 });
      expect(await w.orp.incidents.counts([w.refiner.uri])).toEqual({ open: 0, under_review: 0, mitigated: 0, closed: 0 });
    });

    it('applies risk areas a user loads to the next scan, dated and sourced', async () => {
      await appendOk(w, sale(w, '10', '100.00'));
      const site = (await w.orp.registry.sites()).find((s) => s.uri === w.sites[0]!.uri)!;
      const d = 0.05;
      const ring = [[site.longitude - d, site.latitude - d], [site.longitude + d, site.latitude - d], [site.longitude + d, site.latitude + d], [site.longitude - d, site.latitude + d], [site.longitude - d, site.latitude - d]];
      const loaded = await w.orp.redFlags.loadAreas({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { id: 'test-zone', name: 'Test zone', category: 'protected_area', effectiveFrom: '2026-01-01', source: 'test' }, geometry: { type: 'Polygon', coordinates: [ring] } }],
      });
      expect(loaded).toHaveLength(1);
      const ids = (await w.orp.incidents.areas()).map((a) => a.id);
      expect(ids).toEqual([...defaultRiskAreas().map((a) => a.id), 'test-zone'].sort());
      const report = await w.orp.redFlags.scan();
      expect(report.raised.map((i) => i.key)).toEqual([`risk_area_origin|${site.uri}|test-zone`, `supplier_risk_history|${w.house.uri}|${w.miners[0]!.uri}|test-zone|2026`]);
      await expect(w.orp.redFlags.loadAreas({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'x' }, geometry: null }] })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
      expect((await w.orp.incidents.areas()).map((a) => a.id)).toEqual(ids);
    });
  });
}
