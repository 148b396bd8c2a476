import { describe, expect, it } from 'vitest';
import type { PurchaseEvent } from '../../src/custody/index.js';
import { useHttpWorld } from '../support/http-world.js';
import { testStores } from '../support/stores.js';
import { appendOk } from '../support/world.js';

const zone = (id: string, geometry: object | null, extra: object = {}) => ({
  type: 'Feature',
  properties: { id, name: `Zone ${id}`, category: 'protected_area', effectiveFrom: '2026-01-01', source: 'test boundary', ...extra },
  geometry,
});
const square = { type: 'Polygon', coordinates: [[[29.9, 1.4], [30.3, 1.4], [30.3, 1.8], [29.9, 1.8], [29.9, 1.4]]] };

describe.each(testStores)('red-flag scan and risk areas over HTTP on $name', (store) => {
  const t = useHttpWorld(store, {
    callers: { houseAdmin: ['house', 'admin'], houseOperator: ['house', 'operator'], refinerAdmin: ['refiner', 'admin'], refinerViewer: ['refiner', 'viewer'] },
    platform: true,
    setup: async (w) => {
      // Captured without the on-capture scan having anything to raise later: the cash purchase is flagged at capture.
      const [p, b] = w.buy('HTTP', { at: w.at(4) });
      await appendOk(w, [p!, { ...(b as PurchaseEvent), price: '25000.00' }]);
    },
  });
  const { req } = t;

  it('runs the scan for an organisation’s admin and reports only that organisation’s red flags', async () => {
    const house = await req('houseAdmin', 'POST', '/diligence/scan');
    expect(house.statusCode, house.body).toBe(200);
    const report = house.json();
    expect(report.events).toBeGreaterThanOrEqual(2);
    expect(report.byRule).toMatchObject({ cash_without_approval: 1 });
    expect(report.hits).toBe(Object.values(report.byRule as Record<string, number>).reduce((s, n) => s + n, 0));
    // Every red flag of the house's found by the scan is one of its incidents.
    expect(report.hits).toBe((await req('houseAdmin', 'GET', '/incidents?limit=1000')).json().total);
    // Capture raised them already: nothing new.
    expect(report.raised).toEqual([]);
    const refiner = (await req('refinerAdmin', 'POST', '/diligence/scan')).json();
    // The same ledger read, none of the house's red flags counted for the refiner.
    expect(refiner).toMatchObject({ events: report.events, hits: 0, raised: [] });
    expect((await req('houseOperator', 'POST', '/diligence/scan')).statusCode).toBe(403);
  });

  it('lists the risk areas with their dates and sources to any member, and those in force on a date', async () => {
    const all = await req('refinerViewer', 'GET', '/diligence/areas');
    expect(all.statusCode, all.body).toBe(200);
    const cmrt = all.json().areas.find((a: { id: string }) => a.id === 'cmrt-covered-countries');
    expect(cmrt).toMatchObject({ category: 'cahra', effectiveFrom: '2010-07-21', polygons: 0, source: expect.stringContaining('Dodd-Frank') });
    const in2015 = (await req('refinerViewer', 'GET', '/diligence/areas?date=2015-01-01')).json().areas.map((a: { id: string }) => a.id);
    expect(in2015).toEqual(['cmrt-covered-countries']);
    expect((await req('refinerViewer', 'GET', '/diligence/areas?date=yesterday')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/diligence/areas' })).statusCode).toBe(401);
  });

  it('lets only the platform administrator load areas, then the next scan reads them', async () => {
    const doc = { type: 'FeatureCollection', features: [zone('ti-test', square)] };
    const denied = await req('houseAdmin', 'POST', '/diligence/areas', doc);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('ORP_FORBIDDEN');
    const loaded = await req('platform', 'POST', '/diligence/areas', doc);
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.json()).toMatchObject({ loaded: 1, areas: [{ id: 'ti-test', category: 'protected_area', polygons: 1, effectiveFrom: '2026-01-01', source: 'test boundary' }] });
    const scan = (await req('houseAdmin', 'POST', '/diligence/scan')).json();
    expect(scan.raised.map((i: { key: string }) => i.key)).toContain(`risk_area_origin|${t.w.sites[0]!.uri}|ti-test`);
  });

  it('refuses invalid GeoJSON with a 400 naming the problem and writes nothing', async () => {
    const before = (await req('platform', 'GET', '/diligence/areas')).json().areas.length;
    const notCollection = await req('platform', 'POST', '/diligence/areas', { type: 'Feature', features: [] });
    expect(notCollection.statusCode).toBe(400);
    // The first feature is fine, the second lacks a source: neither is written.
    const bad = await req('platform', 'POST', '/diligence/areas', { type: 'FeatureCollection', features: [zone('ok-zone', square), zone('no-source', null, { source: undefined, countries: ['CD'] })] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'ORP_BAD_INPUT', message: expect.stringContaining('feature 1: properties.source') });
    const badRing = await req('platform', 'POST', '/diligence/areas', { type: 'FeatureCollection', features: [zone('bad-ring', { type: 'Polygon', coordinates: [[[200, 1], [30, 1], [30, 2], [200, 1]]] })] });
    expect(badRing.statusCode).toBe(400);
    expect(badRing.json().message).toContain('feature 0: geometry');
    expect((await req('platform', 'GET', '/diligence/areas')).json().areas).toHaveLength(before);
  });
});
