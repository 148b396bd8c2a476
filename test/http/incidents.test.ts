import { describe, expect, it } from 'vitest';
import { addGrant } from '../../src/accounts/index.js';
import type { PurchaseEvent } from '../../src/custody/index.js';
import { updateIncident } from '../../src/diligence/index.js';
import { useHttpWorld } from '../support/http-world.js';
import { testStores } from '../support/stores.js';
import { appendOk } from '../support/world.js';

describe.each(testStores)('incidents over HTTP on $name', (store) => {
  const t = useHttpWorld(store, {
    callers: { house: ['house', 'operator'], houseViewer: ['house', 'viewer'], refiner: ['refiner', 'admin'] },
    setup: async (w) => {
      const [p, b] = w.buy('CASH', { at: w.at(4) });
      await appendOk(w, [p!, { ...(b as PurchaseEvent), price: '25000.00' }]);
      // A grant to see the house's events does not open its due-diligence incidents.
      await addGrant(w.orp, { from: 'house', to: 'refiner' });
    },
  });
  const { req } = t;

  it('lists the caller’s incidents with their evidence, filtered by rule', async () => {
    const res = await req('houseViewer', 'GET', '/incidents?rule=cash_without_approval');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.incidents[0]).toMatchObject({ org: t.w.house.uri, subject: 'P-CASH', status: 'open', evidence: { numbers: { price: '25000.00', currency: 'USD' }, threshold: { above: '10000.00' }, ruleVersion: { rule: 'redflag.cash_without_approval' } } });
  });

  it('shows nothing of another organisation’s incidents, even to a granted one', async () => {
    const list = await req('refiner', 'GET', '/incidents');
    expect(list.json()).toEqual({ total: 0, incidents: [] });
    const id = (await req('house', 'GET', '/incidents?rule=cash_without_approval')).json().incidents[0].id;
    expect((await req('refiner', 'GET', `/incidents/${id}`)).statusCode).toBe(404);
    expect((await req('refiner', 'POST', `/incidents/${id}/status`, { status: 'closed', note: 'not mine' })).statusCode).toBe(404);
  });

  it('moves an incident with a note, records who did it, and refuses a move its status does not allow', async () => {
    const id = (await req('house', 'GET', '/incidents?rule=cash_without_approval')).json().incidents[0].id;
    const moved = await req('house', 'POST', `/incidents/${id}/status`, { status: 'closed', owner: 'amani', note: 'approval found on paper' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'closed', owner: 'amani' });
    expect(moved.json().history.at(-1)).toMatchObject({ status: 'closed', note: 'approval found on paper', by: expect.stringMatching(/^token:/) });
    const refused = await req('house', 'POST', `/incidents/${id}/status`, { status: 'mitigated', note: 'n' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('ORP_STATUS_CHANGE_REFUSED');
    expect((await req('house', 'POST', `/incidents/${id}/status`, { status: 'open' })).statusCode).toBe(400);
    expect((await req('houseViewer', 'POST', `/incidents/${id}/status`, { status: 'open', note: 'n' })).statusCode).toBe(403);
    expect((await req('house', 'GET', `/incidents/${id}`)).json().status).toBe('closed');
  });

  it('orders the list by the event that raised each incident, either way, or by the latest change', async () => {
    // Two more cash purchases, one later and one earlier than the first (their incidents are raised at capture).
    for (const [n, day] of [['CASH-B', 6], ['CASH-C', 3]] as const) {
      const [p, b] = t.w.buy(n, { at: t.w.at(day) });
      await appendOk(t.w, [p!, { ...(b as PurchaseEvent), price: '30000.00' }]);
    }
    const list = async (order: string) => {
      const res = await req('houseViewer', 'GET', `/incidents?rule=cash_without_approval&order=${order}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().incidents as { id: string; subject: string; evidence: { eventTime: string } }[]).map((i) => ({ id: i.id, subject: i.subject, at: i.evidence.eventTime }));
    };
    const newest = await list('newest');
    expect(newest.map((i) => i.subject)).toEqual(['P-CASH-B', 'P-CASH', 'P-CASH-C']);
    expect(newest.map((i) => i.at)).toEqual(newest.map((i) => i.at).sort().reverse());
    expect(await list('oldest')).toEqual([...newest].reverse());
    // The oldest one, worked on a day later (the world's clock stands still), comes first by latest change.
    const oldest = newest.at(-1)!;
    await t.w.orp.incidents.update(oldest.id, (i) => updateIncident(i, { by: 'amani', status: 'under_review', note: 'asking the buyer for the approval' }, '2026-12-01T09:00:00.000Z'));
    expect((await list('updated'))[0]).toEqual(oldest);
    expect((await req('houseViewer', 'GET', '/incidents?order=sideways')).json().code).toBe('ORP_BAD_INPUT');
  });
});
