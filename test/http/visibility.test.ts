import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGrant, revokeGrant } from '../../src/accounts/index.js';
import { buildApp } from '../../src/http/index.js';
import { authHeaders } from '../support/auth.js';
import { makeAccessWorld } from '../support/access-world.js';
import { testStores } from '../support/stores.js';
import type { World } from '../support/world.js';

type Lot = { lotNumber: string };

describe.each(testStores)('what each organisation sees on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  const h: Record<string, { authorization: string }> = {};
  const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: h[who]! });
  const lotNumbers = async (who: string) => (await get(who, '/lots')).json().lots.map((l: Lot) => l.lotNumber);

  beforeAll(async () => {
    w = await makeAccessWorld(store);
    app = await buildApp(w.orp, { rateLimit: false });
    for (const org of ['house', 'exporter', 'refiner']) h[org] = await authHeaders(w.orp, org, 'viewer');
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  it('shows an organisation the lots it holds or owns', async () => {
    expect(await lotNumbers('house')).toEqual(['A', 'B']);
  });

  it('shows a party to an event the lot it touched, and nothing else', async () => {
    expect(await lotNumbers('exporter')).toEqual(['A']);
    expect((await get('exporter', '/lots/B')).statusCode).toBe(404);
  });

  it("shows a party only the lot's events it is a party to: no purchase price of another organisation", async () => {
    const doc = (await get('exporter', '/lots/A/events')).json();
    expect(doc.epcisBody.eventList.map((e: { bizStep: string }) => e.bizStep)).toEqual(['shipping']);
    const mine = (await get('house', '/lots/A/events')).json();
    expect(mine.epcisBody.eventList.map((e: { bizStep: string }) => e.bizStep)).toEqual(['commissioning', 'accepting', 'shipping']);
  });

  it('exports only the events the caller may see', async () => {
    const exp = await get('exporter', '/export');
    expect(exp.headers['content-type']).toContain('application/ld+json');
    expect(exp.json().epcisBody.eventList).toHaveLength(1);
    expect((await get('house', '/export?from=2026-03-01&to=2026-04-01')).json().epcisBody.eventList).toHaveLength(5);
    expect((await get('house', '/export?from=March')).json().code).toBe('ORP_BAD_INPUT');
  });

  it('traces a visible lot to its mine site with lineage only: no price, no miner', async () => {
    const t = await get('exporter', '/lots/A/trace');
    expect(t.statusCode).toBe(200);
    expect(t.json().origins).toEqual([
      { site: w.sites[0]!.uri, siteName: expect.stringContaining('Site 1'), country: 'CD', sharePercent: 100, fineGoldGrams: '8.000', productionLots: 1 },
    ]);
    for (const secret of ['800.00', 'USD', 'cash', w.miners[0]!.uri, 'Miner 1']) expect(t.body).not.toContain(secret);
  });

  it('shows an auditor what a grantor sees of its own, until the grant ends', async () => {
    expect(await lotNumbers('refiner')).toEqual([]);
    const grant = await addGrant(w.orp, { from: 'house', to: 'refiner' });
    expect(await lotNumbers('refiner')).toEqual(['A', 'B']);
    expect((await get('refiner', '/lots/B/events')).json().epcisBody.eventList).toHaveLength(2);
    await revokeGrant(w.orp, grant.id);
    expect(await lotNumbers('refiner')).toEqual([]);
  });

  it('ignores a grant whose end date has passed', async () => {
    const before = w.orp.clock.now().getTime();
    await addGrant(w.orp, { from: 'house', to: 'refiner', until: before + 1 });
    // The world's clock is fixed; a grant ending one millisecond later is still in force now...
    expect(await lotNumbers('refiner')).toEqual(['A', 'B']);
    // ...and one that ended is not (written directly: addGrant refuses a past end).
    await w.orp.db.kysely.withTables<{ access_grants: { until: number | null } }>().updateTable('access_grants').set({ until: before }).execute();
    expect(await lotNumbers('refiner')).toEqual([]);
  });

  it('filters a list by organisation without widening it', async () => {
    expect((await get('exporter', '/lots?org=house')).json().lots.map((l: Lot) => l.lotNumber)).toEqual(['A']);
    expect((await get('house', '/lots?org=house&form=dore')).json().lots.map((l: Lot) => l.lotNumber)).toEqual(['A', 'B']);
  });
});
