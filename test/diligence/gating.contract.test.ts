import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoldEvent, ShipEvent } from '../../src/custody/index.js';
import { buildApp } from '../../src/http/index.js';
import { recordDecision } from '../../src/registrar/index.js';
import { authHeaders } from '../support/auth.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';
import { finishedJob, postCapture } from '../capture/http-support.js';
import { jsonDocument } from '../capture/documents.js';

describe.each(testStores)('decisions that gate the trade on $name', (store) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(store);
  });
  afterEach(async () => {
    await w.cleanup();
  });

  const decide = (supplier: string, decision: string, decidedAt: string, by = 'Amani K.') =>
    recordDecision(w.orp, w.house, { supplier, decision, decidedBy: by, decidedAt, reason: 'test: Annex II risk under review' });

  async function rejected(events: GoldEvent[]) {
    const before = (await w.orp.registry.counts()).events;
    const r = await w.orp.append(events);
    expect(r.committed).toBe(false);
    expect((await w.orp.registry.counts()).events).toBe(before);
    return r.results.find((x) => x.status === 'rejected')!.error!;
  }

  it("refuses at capture the new lots of a supplier the buyer suspended, naming who decided, when and why", async () => {
    await decide('asmo', 'suspend', w.at(3));
    const err = await rejected(w.buy('A', { at: w.at(4) }));
    expect(err.code).toBe('ORP_SUPPLIER_SUSPENDED');
    expect(err.message).toContain('suspended supplier');
    expect(err.details).toMatchObject({ organisation: w.house.uri, supplier: w.asmo.uri, decision: 'suspend', decidedBy: 'Amani K.', lots: [w.lot(w.house, 'dore', 'A')] });
  });

  it('refuses with ORP_SUPPLIER_DISENGAGED after a disengagement', async () => {
    await decide('asmo', 'disengage', w.at(3));
    expect((await rejected(w.buy('A', { at: w.at(4) }))).code).toBe('ORP_SUPPLIER_DISENGAGED');
  });

  it('judges each event by the decision in force on its date: before the suspension and after a later continue, lots are accepted', async () => {
    await decide('asmo', 'suspend', w.at(3));
    await decide('asmo', 'continue', w.at(10));
    await appendOk(w, w.buy('A', { at: w.at(2) }));
    expect((await rejected(w.buy('B', { at: w.at(5) }))).code).toBe('ORP_SUPPLIER_SUSPENDED');
    await appendOk(w, w.buy('C', { at: w.at(11) }));
  });

  it('lets a mitigate decision through', async () => {
    await decide('asmo', 'mitigate', w.at(3));
    await appendOk(w, w.buy('A', { at: w.at(4) }));
  });

  it("refuses the lots of a suspended site, and a suspended organisation's miners selling lots they bring", async () => {
    await decide('site-2', 'suspend', w.at(3));
    await appendOk(w, w.buy('A', { at: w.at(4), site: 0 }));
    const err = await rejected(w.buy('B', { at: w.at(4), site: 1 }));
    expect(err.code).toBe('ORP_SUPPLIER_SUSPENDED');
    expect(err.details).toMatchObject({ supplier: w.sites[1]!.uri });
  });

  it('refuses a purchase from a suspended miner of the supplier organisation (the decision covers its miners)', async () => {
    // The ASMO records its own production; the house then buys from the miner.
    const lot = w.lot(w.asmo, 'dore', 'M1');
    await appendOk(w, [
      { type: 'production', eventTime: w.at(2), eventTimeZoneOffset: '+02:00', recorder: w.asmo.uri, site: w.sites[0]!.uri, producer: w.asmo.uri, miner: w.miners[0]!.uri, lot: { lot, form: 'dore', grossMg: 5000, fineness: 8500, cocModel: 'segregated' } },
    ]);
    await decide('asmo', 'suspend', w.at(3));
    const err = await rejected([
      { type: 'purchase', eventTime: w.at(4), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lots: [lot], seller: w.miners[0]!.uri, buyer: w.house.uri, purchaseNumber: 'P-M1', price: '400.00', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: true },
    ]);
    expect(err).toMatchObject({ code: 'ORP_SUPPLIER_SUSPENDED', details: { supplier: w.asmo.uri, party: w.miners[0]!.uri } });
  });

  it("does not gate other organisations: the exporter never suspended the ASMO", async () => {
    await decide('asmo', 'suspend', w.at(3));
    const lot = w.lot(w.asmo, 'dore', 'X1');
    await appendOk(w, [
      { type: 'production', eventTime: w.at(4), eventTimeZoneOffset: '+02:00', recorder: w.exporter.uri, site: w.sites[0]!.uri, producer: w.asmo.uri, lot: { lot, form: 'dore', grossMg: 5000, fineness: 8500, cocModel: 'segregated' } },
    ]);
  });

  it('flags the stock already received from a supplier when it is suspended, and lets it move on', async () => {
    await appendOk(w, [...w.buy('A', { at: w.at(2) }), ...w.buy('B', { at: w.at(2), site: 1 })]);
    const { flaggedStock } = await decide('site-1', 'suspend', w.at(3));
    expect(flaggedStock.map((l) => l.lot)).toEqual([w.lot(w.house, 'dore', 'A')]);
    expect(flaggedStock[0]).toMatchObject({ site: w.sites[0]!.uri, heldMg: 10_000, status: 'active' });
    // Stock already owned is not refused: the house ships it on.
    const ship: ShipEvent = { type: 'ship', eventTime: w.at(5), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lots: [w.lot(w.house, 'dore', 'A')], from: w.house.uri, to: w.exporter.uri };
    await appendOk(w, [ship]);
  });

  it('refuses a receipt of lots the receiver does not own yet from a suspended sender', async () => {
    await appendOk(w, w.buy('A', { at: w.at(2) }));
    await appendOk(w, [{ type: 'ship', eventTime: w.at(3), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lots: [w.lot(w.house, 'dore', 'A')], from: w.house.uri, to: w.exporter.uri }]);
    await recordDecision(w.orp, w.exporter, { supplier: 'house', decision: 'suspend', decidedBy: 'B. Lokele', decidedAt: w.at(4), reason: 'test' });
    const err = await rejected([{ type: 'receive', eventTime: w.at(5), eventTimeZoneOffset: '+02:00', recorder: w.exporter.uri, lots: [w.lot(w.house, 'dore', 'A')], from: w.house.uri, to: w.exporter.uri }]);
    expect(err).toMatchObject({ code: 'ORP_SUPPLIER_SUSPENDED', details: { organisation: w.exporter.uri, supplier: w.house.uri } });
  });

  it('keeps the whole history of decisions, oldest first', async () => {
    await decide('asmo', 'mitigate', w.at(1));
    await decide('asmo', 'suspend', w.at(3), 'Board');
    const history = await w.orp.gating.decisions(w.house.uri, w.asmo.uri);
    expect(history.map((d) => [d.decision, d.decidedBy])).toEqual([
      ['mitigate', 'Amani K.'],
      ['suspend', 'Board'],
    ]);
  });

  it('rejects a decision of an unknown kind or about an unknown supplier, recording nothing', async () => {
    await expect(decide('asmo', 'pause', w.at(3))).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
    await expect(decide('nobody', 'suspend', w.at(3))).rejects.toMatchObject({ code: 'ORP_UNKNOWN_PARTY' });
    await expect(recordDecision(w.orp, w.house, { supplier: 'asmo', decision: 'suspend', decidedBy: ' ', reason: 'x' })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
    expect(await w.orp.gating.decisions(w.house.uri)).toEqual([]);
  });

  describe('through POST /capture', () => {
    let app: FastifyInstance;
    beforeEach(async () => {
      app = await buildApp(w.orp, { rateLimit: false });
    });
    afterEach(async () => {
      await app.close();
    });

    it("rejects a captured document carrying a suspended supplier's new lot, with the stable code", async () => {
      await decide('asmo', 'suspend', w.at(3));
      const operator = await authHeaders(w.orp, 'house', 'operator');
      const job = await finishedJob(app, operator, await postCapture(app, operator, jsonDocument(w.buy('A', { at: w.at(4) }))));
      expect(job).toMatchObject({ success: false, accepted: 0 });
      expect(job.errors[0]).toMatchObject({ event: 0, code: 'ORP_SUPPLIER_SUSPENDED', status: 409 });
      expect((await w.orp.registry.counts()).events).toBe(0);
    });

    it("lets an admin record a decision for its own organisation, refuses an operator, and shows the standing with the flagged stock", async () => {
      await appendOk(w, w.buy('A', { at: w.at(2) }));
      const admin = await authHeaders(w.orp, 'house', 'admin');
      const body = { supplier: 'asmo', decision: 'suspend', reason: 'support to armed groups alleged', decidedBy: 'Amani K.' };
      const denied = await app.inject({ method: 'POST', url: '/diligence/decisions', headers: await authHeaders(w.orp, 'house', 'operator'), payload: body });
      expect(denied.statusCode).toBe(403);
      const r = await app.inject({ method: 'POST', url: '/diligence/decisions', headers: admin, payload: body });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ decision: { organisation: w.house.uri, supplier: w.asmo.uri, decision: 'suspend', decidedAt: '2026-11-30T12:00:00.000Z' }, flaggedStock: [{ lot: w.lot(w.house, 'dore', 'A') }] });
      const viewer = await authHeaders(w.orp, 'house', 'viewer');
      const standing = await app.inject({ method: 'GET', url: `/diligence/standing?supplier=asmo`, headers: viewer });
      expect(standing.json()).toMatchObject({ refusesNewLots: true, inForce: { decision: 'suspend' }, flaggedStock: [{ lot: w.lot(w.house, 'dore', 'A') }] });
      // Another organisation sees only its own decisions.
      const theirs = await app.inject({ method: 'GET', url: '/diligence/decisions', headers: await authHeaders(w.orp, 'exporter', 'admin') });
      expect(theirs.json()).toEqual({ decisions: [] });
      const bad = await app.inject({ method: 'POST', url: '/diligence/decisions', headers: admin, payload: { ...body, decision: 'pause' } });
      expect(bad.statusCode).toBe(400);
    });
  });
});
