import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGrant, revokeGrant } from '../../src/accounts/index.js';
import { buildApp } from '../../src/http/index.js';
import { authHeaders } from '../support/auth.js';
import { makeAccessWorld } from '../support/access-world.js';
import { testStores } from '../support/stores.js';
import type { World } from '../support/world.js';

interface SiteRow {
  uri: string;
  name: string;
  country: string;
  owner: string;
  own: boolean;
}

/*
 * GET /sites for a buyer that owns no site: the sites it may record purchases at. The access world: the ASMO owns
 * sites 1 and 2; the house bought lot A at site 1 and lot B at site 2 and shipped A to the exporter; the refiner
 * has no part in anything.
 */
describe.each(testStores)('the mine sites a buyer may buy from on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  const h: Record<string, { authorization: string }> = {};
  const sites = async (who: string): Promise<SiteRow[]> => {
    const r = await app.inject({ method: 'GET', url: '/sites', headers: h[who]! });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const registered = async (uri: string) => (await w.orp.registry.sites()).find((s) => s.uri === uri)!;

  beforeAll(async () => {
    w = await makeAccessWorld(store);
    app = await buildApp(w.orp, { rateLimit: false });
    for (const org of ['asmo', 'house', 'exporter', 'refiner']) h[org] = await authHeaders(w.orp, org, 'viewer');
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  it('gives the site owner its own sites, marked own', async () => {
    expect(await sites('asmo')).toEqual(w.sites.map((s) => expect.objectContaining({ uri: s.uri, owner: w.asmo.uri, own: true })));
  });

  it('gives a trading house the sites of the ASMO it bought from, with name, country and owner, not own', async () => {
    const got = await sites('house');
    const bought = [...new Set((await w.orp.visibility.lots([w.house.uri])).map((l) => l.site).filter(Boolean))];
    expect(bought.length).toBe(2);
    expect(got.map((s) => s.uri).sort()).toEqual([...bought].sort());
    for (const s of got) {
      const site = await registered(s.uri);
      expect(s).toMatchObject({ name: site.name, country: site.country, owner: w.asmo.uri, own: false });
    }
  });

  it("gives a buyer downstream the sites its purchases' lineage reaches, and no other", async () => {
    const A = (await w.orp.queries.lot('A'))!;
    expect((await sites('exporter')).map((s) => s.uri)).toEqual([A.site]);
  });

  it('gives a stranger no site, and the sites of an organisation that grants it access while the grant lasts', async () => {
    expect(await sites('refiner')).toEqual([]);
    const grant = await addGrant(w.orp, { from: 'asmo', to: 'refiner' });
    expect(await sites('refiner')).toEqual(w.sites.map((s) => expect.objectContaining({ uri: s.uri, owner: w.asmo.uri, own: false })));
    await revokeGrant(w.orp, grant.id);
    expect(await sites('refiner')).toEqual([]);
  });
});
