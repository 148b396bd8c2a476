import { describe, expect, it } from 'vitest';
import { useHttpWorld } from '../support/http-world.js';
import { testStores } from '../support/stores.js';

describe.each(testStores)('tag custody over HTTP on $name', (store) => {
  const t = useHttpWorld(store, {
    callers: { asmo: ['asmo', 'operator'], asmoViewer: ['asmo', 'viewer'], house: ['house', 'viewer'], refiner: ['refiner', 'admin'] },
    setup: async (w) => {
      // The house used tags T-A and T-B (access world).
    },
  });
  const { req } = t;

  it('issues tags to an agent for the caller’s organisation, and answers 409 with a result per serial when one was already issued', async () => {
    const ok = await req('asmo', 'POST', '/tags/issue', { agent: 'house', serials: ['T-A', 'T-B', 'T-C', 'T-D'], issuedOn: '2026-03-01' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().committed).toBe(true);
    const again = await req('asmo', 'POST', '/tags/issue', { agent: 'house', serials: ['T-D'], issuedOn: '2026-03-01' });
    expect(again.statusCode).toBe(409);
    expect(again.json().results).toEqual([{ serial: 'T-D', status: 'rejected', error: { code: 'ORP_RECORD_EXISTS', message: expect.any(String) } }]);
    expect((await req('asmo', 'POST', '/tags/issue', { agent: 'house', from: 'T-1', serials: ['T-2'] })).statusCode).toBe(400);
    const range = await req('asmo', 'POST', '/tags/issue', { agent: 'exporter', from: 'E-08', to: 'E-11' });
    expect(range.json().results.map((r: { serial: string }) => r.serial)).toEqual(['E-08', 'E-09', 'E-10', 'E-11']);
    expect((await req('asmo', 'POST', '/tags/issue', { agent: 'nobody', serials: ['T-9'] })).statusCode).toBe(422);
    expect((await req('asmoViewer', 'POST', '/tags/issue', { agent: 'house', serials: ['T-9'] })).statusCode).toBe(403);
    const list = await req('asmoViewer', 'GET', '/tags?agent=house');
    expect(list.json().tags.map((t: { serial: string }) => t.serial)).toEqual(['T-A', 'T-B', 'T-C', 'T-D']);
    expect((await req('refiner', 'GET', '/tags')).json()).toEqual({ tags: [] });
  });

  it('declares a tag lost, then gives the stock and judges a count, raising an incident the issuing organisation sees', async () => {
    const lost = await req('asmo', 'POST', '/tags/declarations', { tags: [{ serial: 'T-D', state: 'lost', on: '2026-03-05' }] });
    expect(lost.statusCode, lost.body).toBe(200);
    expect((await req('refiner', 'POST', '/tags/declarations', { tags: [{ serial: 'T-C', state: 'voided', reason: 'x' }] })).json().results[0].error.code).toBe('ORP_NOT_FOUND');
    const stock = await req('asmoViewer', 'GET', '/tags/stock?agent=house&date=2026-03-06');
    expect(stock.statusCode, stock.body).toBe(200);
    expect(stock.json().stock).toMatchObject({ issued: 4, used: 2, voided: 0, lost: 1, onHand: 1, onHandSerials: ['T-C'] });
    // The agent sees its own stock; another organisation sees none of the asmo's tags.
    expect((await req('house', 'GET', '/tags/stock?agent=house&date=2026-03-06')).json().stock.onHand).toBe(1);
    expect((await req('refiner', 'GET', '/tags/stock?agent=house&date=2026-03-06')).json().stock.issued).toBe(0);
    const count = await req('asmo', 'POST', '/tags/counts', { agent: 'house', countedOn: '2026-03-06', onHand: 0 });
    expect(count.statusCode, count.body).toBe(201);
    expect(count.json()).toMatchObject({ reconciliation: { reconciled: false, difference: -1 }, raised: [{ rule: 'tag_stock_unreconciled', org: t.w.asmo.uri }] });
    expect((await req('asmoViewer', 'GET', '/incidents?rule=tag_stock_unreconciled')).json().total).toBe(1);
    expect((await req('house', 'GET', '/incidents?rule=tag_stock_unreconciled')).json().total).toBe(0);
  });
});
