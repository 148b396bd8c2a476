import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toEpcis, type GoldEvent } from '../../src/custody/index.js';
import { addGrant } from '../../src/accounts/index.js';
import { buildApp } from '../../src/http/index.js';
import type { fixedClock } from '../../src/kernel/index.js';
import { authHeaders } from '../support/auth.js';
import { testStores } from '../support/stores.js';
import { NOW, appendOk, makeWorld, type World } from '../support/world.js';
import { jsonLd } from '../capture/http-support.js';
import { standaloneEvent } from '../capture/documents.js';

/*
 * The gate end to end over HTTP (issue 5, "Decisions that gate the trade"): a buyer confirms an
 * immediate-disengagement risk, the supplier is suspended at once, its new lot is refused at capture,
 * the stock already received is flagged, and a person's decision lets the trade resume.
 */
describe.each(testStores)('the due-diligence gate over HTTP on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  let admin: { authorization: string };
  let operator: { authorization: string };
  let riskId: string;
  /** Minutes after NOW, where the world's clock stands: within the ledger's clock skew. */
  const minutesAfterNow = (m: number) => new Date(Date.parse(NOW) + m * 60_000).toISOString();
  const events = async () => (await w.orp.registry.counts()).events;
  const capture = (e: GoldEvent) => app.inject({ method: 'POST', url: '/events', headers: jsonLd(operator), payload: standaloneEvent(toEpcis(e)) });
  /** The production of a new lot of the ASMO's at site 1, recorded by the house (its purchase follows once the lot exists). */
  const newLot = (n: string, minutes: number) => w.buy(n, { at: minutesAfterNow(minutes) })[0]!;

  beforeAll(async () => {
    w = await makeWorld(store);
    // Stock received from the ASMO in March, before anything was known.
    await appendOk(w, w.buy('A', { at: w.at(2) }));
    app = await buildApp(w.orp, { rateLimit: false });
    admin = await authHeaders(w.orp, 'house', 'admin');
    operator = await authHeaders(w.orp, 'house', 'operator');
  });
  afterAll(async () => {
    await app?.close();
    await w?.cleanup();
  });

  it('records a risk of support to armed groups at the supplier without suspending it while it is only identified', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/diligence/risks',
      headers: operator,
      payload: { supplier: 'asmo', risk: 'armed-groups', observedOn: '2026-11-28', source: 'NGO report on checkpoints in Djugu', evidence: [{ kind: 'report', reference: 'ngo-djugu-2026.pdf' }], recordedBy: 'Amani K.' },
    });
    expect(r.statusCode, r.body).toBe(201);
    riskId = r.json().id;
    const standing = await app.inject({ method: 'GET', url: '/diligence/standing?supplier=asmo', headers: operator });
    expect(standing.json()).toMatchObject({ refusesNewLots: false, history: [] });
  });

  it('suspends the supplier at once when that risk is confirmed, and says so in the answer', async () => {
    const r = await app.inject({ method: 'POST', url: `/diligence/risks/${riskId}/status`, headers: operator, payload: { status: 'confirmed', by: 'B. Mulamba', reason: 'second source: the site visit' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      immediateDisengagement: true,
      entry: { status: 'confirmed' },
      suspension: { decision: { decision: 'suspend', supplier: w.asmo.uri, decidedBy: 'system', automatic: true, riskRef: riskId, decidedAt: NOW } },
    });
    const standing = await app.inject({ method: 'GET', url: '/diligence/standing?supplier=asmo', headers: operator });
    expect(standing.json()).toMatchObject({ refusesNewLots: true, inForce: { decision: 'suspend', riskRef: riskId } });
  });

  it("refuses the supplier's new lot at capture (POST /events) with ORP_SUPPLIER_SUSPENDED and a clear message, writing nothing", async () => {
    const before = await events();
    const r = await capture(newLot('B', 1));
    expect(r.statusCode, r.body).toBe(409);
    const body = r.json();
    expect(body.code).toBe('ORP_SUPPLIER_SUSPENDED');
    expect(body.message).toContain(`suspended supplier ${w.asmo.uri}`);
    expect(body.message).toContain(`risk ${riskId} (armed-groups) confirmed`);
    expect(body.details).toMatchObject({ organisation: w.house.uri, supplier: w.asmo.uri, decision: 'suspend', decidedBy: 'system', lots: [w.lot(w.house, 'dore', 'B')] });
    expect(await events()).toBe(before);
    expect(await w.orp.queries.lot(w.lot(w.house, 'dore', 'B'))).toBeUndefined();
  });

  it('shows the stock already received from the supplier as flagged', async () => {
    const standing = await app.inject({ method: 'GET', url: '/diligence/standing?supplier=asmo', headers: operator });
    expect(standing.statusCode, standing.body).toBe(200);
    expect(standing.json().flaggedStock).toEqual([expect.objectContaining({ lot: w.lot(w.house, 'dore', 'A'), site: w.sites[0]!.uri, heldMg: 10_000, status: 'active' })]);
  });

  it("shows the flag on the lot itself to the suspending organisation, and not to an organisation it granted access", async () => {
    const lot = encodeURIComponent(w.lot(w.house, 'dore', 'A'));
    const own = await app.inject({ method: 'GET', url: `/lots/${lot}`, headers: operator });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().flags).toEqual([expect.objectContaining({ organisation: w.house.uri, supplier: w.asmo.uri, decision: 'suspend', decidedBy: 'system' })]);
    await addGrant(w.orp, { from: 'house', to: 'exporter' });
    const granted = await app.inject({ method: 'GET', url: `/lots/${lot}`, headers: await authHeaders(w.orp, 'exporter', 'viewer') });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json().flags).toEqual([]);
  });

  it("lifts the suspension when a person decides to continue: the supplier's next lot is captured", async () => {
    // Two minutes later, the house's board decides.
    (w.orp.clock as ReturnType<typeof fixedClock>).set(minutesAfterNow(2));
    const decided = await app.inject({
      method: 'POST',
      url: '/diligence/decisions',
      headers: admin,
      payload: { supplier: 'asmo', decision: 'continue', decidedBy: 'Board of the house', reason: 'the allegation was not borne out by the on-the-ground assessment' },
    });
    expect(decided.statusCode, decided.body).toBe(201);
    expect(decided.json()).toMatchObject({ decision: { decision: 'continue', decidedBy: 'Board of the house' }, flaggedStock: [] });
    const r = await capture(newLot('C', 3));
    expect(r.statusCode, r.body).toBe(201);
    const standing = await app.inject({ method: 'GET', url: '/diligence/standing?supplier=asmo', headers: operator });
    expect(standing.json()).toMatchObject({ refusesNewLots: false, flaggedStock: [] });
    expect((await app.inject({ method: 'GET', url: `/lots/${encodeURIComponent(w.lot(w.house, 'dore', 'A'))}`, headers: operator })).json().flags).toEqual([]);
    expect(standing.json().history.map((d: { decision: string; decidedBy: string }) => [d.decision, d.decidedBy])).toEqual([
      ['suspend', 'system'],
      ['continue', 'Board of the house'],
    ]);
  });
});
