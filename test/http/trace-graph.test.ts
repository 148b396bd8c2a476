import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/index.js';
import { authHeaders } from '../support/auth.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

// What the web app's trace explorer needs to draw a genealogy graph and to find a lot by the tag it carries.
describe.each(testStores)('trace graph and tag lookup over HTTP on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  let headers: { authorization: string };
  const get = (url: string) => app.inject({ method: 'GET', url, headers });
  const lot = (n: string, form = 'dore') => w.lot(w.house, form, n);

  beforeAll(async () => {
    w = await makeWorld(store);
    await appendOk(w, [
      ...w.buy('A', { grams: 10, fineness: 800 }),
      ...w.buy('B', { grams: 10, fineness: 800, site: 1 }),
      {
        eventTime: w.at(5),
        eventTimeZoneOffset: '+02:00',
        recorder: w.house.uri,
        type: 'transform',
        operation: 'melt',
        inputs: [{ lot: lot('A'), massMg: 10_000 }, { lot: lot('B'), massMg: 10_000 }],
        outputs: [{ lot: lot('M', 'grain'), form: 'grain', grossMg: 19_800, fineness: 8050, cocModel: 'segregated' }],
      },
    ]);
    app = await buildApp(w.orp, { rateLimit: false });
    headers = await authHeaders(w.orp, 'house', 'viewer');
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  it('gives a backward trace the edges between lots and the mine site of each production lot', async () => {
    const t = (await get('/lots/M/trace?direction=backward')).json();
    expect(t.edges).toEqual([
      { input: lot('A'), output: lot('M', 'grain') },
      { input: lot('B'), output: lot('M', 'grain') },
    ]);
    expect(t.ancestors).toEqual([
      { lot: lot('A'), depth: 1, form: 'dore', site: w.sites[0]!.uri },
      { lot: lot('B'), depth: 1, form: 'dore', site: w.sites[1]!.uri },
    ]);
  });

  it('gives a forward trace the edges from the lot to what it went into', async () => {
    const t = (await get('/lots/A/trace?direction=forward')).json();
    expect(t.descendants).toEqual([
      { lot: lot('A'), depth: 0, form: 'dore' },
      { lot: lot('M', 'grain'), depth: 1, form: 'grain' },
    ]);
    expect(t.edges).toEqual([{ input: lot('A'), output: lot('M', 'grain') }]);
  });

  it('finds the lots carrying a tag serial, and none for an unknown serial', async () => {
    expect((await get('/lots?tag=T-B')).json().lots.map((l: { lotNumber: string }) => l.lotNumber)).toEqual(['B']);
    expect((await get('/lots?tag=T-Z')).json().lots).toEqual([]);
  });
});
