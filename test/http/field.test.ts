import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { GoldEvent } from '../../src/custody/index.js';
import { deviceStore } from '../../src/store/index.js';
import { gsrn, dl, sha256Hex } from '../../src/kernel/index.js';
import { newDeviceKey, signedItem, type TestDeviceKey } from '../support/device.js';
import { useHttpWorld } from '../support/http-world.js';
import { testStores } from '../support/stores.js';
import type { World } from '../support/world.js';

const AT = '2026-11-30T10:00:00.000Z';

/** A purchase captured in the field by the ASMO: the miner's production of a fresh lot at site 1, then the sale. */
function fieldPurchase(w: World, lotNumber: string, miner: string, price = '800.00'): GoldEvent[] {
  const lot = w.lot(w.asmo, 'dore', lotNumber);
  const base = { eventTime: AT, eventTimeZoneOffset: '+02:00', recorder: w.asmo.uri };
  return [
    { ...base, type: 'production', site: w.sites[0]!.uri, producer: w.asmo.uri, miner, lot: { lot, form: 'dore', grossMg: 12_500, fineness: 8600, cocModel: 'segregated' } },
    { ...base, type: 'purchase', lots: [lot], seller: miner, buyer: w.asmo.uri, purchaseNumber: `P-${lotNumber}`, price, currency: 'USD', paymentMethod: 'cash', custodyTransferred: true },
  ];
}

describe.each(testStores)('field capture over HTTP on $name', (store) => {
  const t = useHttpWorld(store, {
    callers: { asmo: ['asmo', 'operator'], asmoAdmin: ['asmo', 'admin'], asmoViewer: ['asmo', 'viewer'], house: ['house', 'operator'] },
  });
  const { req } = t;
  const key = newDeviceKey();
  let device: { id: string; number: number; block: { from: number; size: number }; lotPrefix: string };

  const register = async (who: string, k: TestDeviceKey, name = 'phone') => req(who, 'POST', '/devices', { name, publicKey: k.jwk });
  const events = async () => (await t.w.orp.registry.counts()).events;
  const minerUri = (serial: number) => dl.serviceRelation(gsrn(t.w.asmo.companyPrefix, serial));

  it('registers a device key with a number and a block of serials; the same key again answers the same device', async () => {
    const first = await register('asmo', key);
    expect(first.statusCode, first.body).toBe(201);
    device = first.json();
    expect(device).toMatchObject({ number: 1, lotPrefix: 'F001', block: { size: 10_000 } });
    // Serials below the block stay for the server: the ASMO's registered miners are numbered 1, 2, 3.
    expect(device.block.from).toBe(10 ** (16 - t.w.asmo.companyPrefix.length - 1));
    expect(first.json().identifiers).toMatchObject({ organisation: t.w.asmo.uri, companyPrefix: t.w.asmo.companyPrefix });
    const again = await register('asmoAdmin', key, 'renamed');
    expect([again.statusCode, again.json().id]).toEqual([200, device.id]);
    const second = (await register('asmo', newDeviceKey())).json();
    expect(second.number).toBe(2);
    expect(second.block.from).toBe(device.block.from + device.block.size);
    // The same key in another organisation is another device, numbered there.
    expect((await register('house', key)).json().number).toBe(1);
    expect((await req('asmoViewer', 'GET', '/devices')).json().map((d: { id: string }) => d.id)).toEqual([device.id, second.id]);
  });

  it('refuses a private key, a key of another curve or a point off the curve', async () => {
    const { jwk } = newDeviceKey();
    for (const publicKey of [{ ...jwk, d: jwk.x }, { ...jwk, crv: 'P-384' }, { ...jwk, x: 'A'.repeat(43) }]) {
      const r = await req('asmo', 'POST', '/devices', { name: 'bad', publicKey });
      expect(r.statusCode, JSON.stringify(publicKey)).toBe(400);
      expect(r.json().code).toBe('ORP_BAD_INPUT');
    }
  });

  it('syncs signed captures in order: a miner, then a purchase from that miner, each with its result; again, all duplicates', async () => {
    const w = t.w;
    const serial = device.block.from;
    const miner = { serial, displayName: 'Amani K.', gender: 'female', birthYear: 1991, registeredOn: '2026-11-29', site: w.sites[0]!.uri };
    const items = [signedItem(key, 'm1', miner), signedItem(key, 'p1', fieldPurchase(w, 'F001-000001', minerUri(serial)))];
    const before = await events();
    const r = await req('asmo', 'POST', '/field/sync', { device: device.id, items });
    expect(r.statusCode, r.body).toBe(200);
    const [m, p] = r.json().results;
    expect(m).toEqual({ localId: 'm1', status: 'accepted', miner: { id: `asmo-m${serial}`, uri: minerUri(serial) } });
    expect(p).toMatchObject({ localId: 'p1', status: 'accepted' });
    expect(p.eventIds).toHaveLength(2);
    expect(await events()).toBe(before + 2);
    expect((await w.orp.registry.miners('asmo')).find((x) => x.uri === minerUri(serial))).toMatchObject({ displayName: 'Amani K.', site: w.sites[0]!.uri });
    // What each capture was signed with is kept with what it recorded.
    const kept = await deviceStore(w.orp.db).captures(device.id);
    expect(kept.map((c) => [c.kind, c.ref]).sort()).toEqual([['event', p.eventIds[0]], ['event', p.eventIds[1]], ['miner', m.miner.id]].sort());
    expect(kept.find((c) => c.kind === 'miner')).toMatchObject({ signature: items[0]!.signature, bodySha256: sha256Hex(items[0]!.body) });

    const again = await req('asmo', 'POST', '/field/sync', { device: device.id, items });
    expect(again.json().results.map((x: { status: string }) => x.status)).toEqual(['duplicate', 'duplicate']);
    expect(again.json().results[1].eventIds).toEqual(p.eventIds);
    expect(await events()).toBe(before + 2);

    // A sync interrupted after the ledger write, before the signatures were kept: the resend completes the record.
    await sql`delete from device_captures where device = ${device.id}`.execute(w.orp.db.kysely);
    const resent = await req('asmo', 'POST', '/field/sync', { device: device.id, items });
    expect(resent.json().results.map((x: { status: string }) => x.status)).toEqual(['duplicate', 'duplicate']);
    expect(await events()).toBe(before + 2);
    const restored = await deviceStore(w.orp.db).captures(device.id);
    expect(restored.map((c) => [c.kind, c.ref]).sort()).toEqual(kept.map((c) => [c.kind, c.ref]).sort());
    expect(restored.find((c) => c.kind === 'event')).toMatchObject({ signature: items[1]!.signature, bodySha256: sha256Hex(items[1]!.body) });
  });

  it('refuses a tampered capture, a purchase from an unknown miner and a serial outside the block, writing nothing of them', async () => {
    const w = t.w;
    const good = signedItem(key, 'p2', fieldPurchase(w, 'F001-000002', w.miners[0]!.uri));
    const tampered = { ...good, localId: 'p2-tampered', body: good.body.replace('800.00', '8.00') };
    const unknownMiner = signedItem(key, 'p3', fieldPurchase(w, 'F001-000003', minerUri(device.block.from + 77)));
    const outside = signedItem(key, 'm2', { serial: 4, displayName: 'X', gender: 'male', birthYear: 1990, registeredOn: '2026-11-29' });
    const otherKey = { ...signedItem(newDeviceKey(), 'p4', fieldPurchase(w, 'F001-000004', w.miners[0]!.uri)) };
    const before = await events();
    const minersBefore = (await w.orp.registry.miners('asmo')).length;
    const r = await req('asmo', 'POST', '/field/sync', { device: device.id, items: [tampered, unknownMiner, outside, otherKey, good] });
    expect(r.statusCode, r.body).toBe(200);
    const results = r.json().results as { localId: string; status: string; error?: { code: string } }[];
    expect(results.map((x) => [x.localId, x.status, x.error?.code])).toEqual([
      ['p2-tampered', 'rejected', 'ORP_DEVICE_SIGNATURE_INVALID'],
      ['p3', 'rejected', 'ORP_UNKNOWN_PARTY'],
      ['m2', 'rejected', 'ORP_BAD_INPUT'],
      ['p4', 'rejected', 'ORP_DEVICE_SIGNATURE_INVALID'],
      ['p2', 'accepted', undefined],
    ]);
    // Only the good purchase was written: its production and its sale; the refused purchase left no lot behind.
    expect(await events()).toBe(before + 2);
    expect(await w.orp.queries.lot(w.lot(w.asmo, 'dore', 'F001-000003'))).toBeUndefined();
    expect((await w.orp.registry.miners('asmo')).length).toBe(minersBefore);
  });

  it("answers 404 for another organisation's device or an unknown one, and 409 once the device is revoked", async () => {
    const item = signedItem(key, 'm9', { serial: device.block.from + 9, displayName: 'Y', gender: 'male', birthYear: 1990, registeredOn: '2026-11-29' });
    for (const [who, id] of [['house', device.id], ['asmo', 'dev_unknown']] as const) {
      const r = await req(who, 'POST', '/field/sync', { device: id, items: [item] });
      expect([r.statusCode, r.json().code], r.body).toEqual([404, 'ORP_NOT_FOUND']);
    }
    expect((await req('house', 'DELETE', `/devices/${device.id}`)).statusCode).toBe(404);
    const spare = (await register('asmo', newDeviceKey(), 'spare')).json();
    const revoked = await req('asmoAdmin', 'DELETE', `/devices/${spare.id}`);
    expect(revoked.json().revokedAt).toBe(t.w.orp.clock.now().toISOString());
    const r = await req('asmo', 'POST', '/field/sync', { device: spare.id, items: [item] });
    expect([r.statusCode, r.json().code]).toEqual([409, 'ORP_DEVICE_REVOKED']);
  });

  it('lists the mine sites to every member and the miners to operators only; registers a miner online below the blocks', async () => {
    const sites = (await req('asmoViewer', 'GET', '/sites')).json();
    expect(sites.map((s: { uri: string }) => s.uri)).toEqual(t.w.sites.map((s) => s.uri));
    expect(sites.every((s: { own: boolean }) => s.own)).toBe(true);
    // The house owns no site: what it gets are sites it may buy from (test/http/purchase-sites.test.ts), none its own.
    expect((await req('house', 'GET', '/sites')).json().filter((s: { own: boolean }) => s.own)).toEqual([]);
    expect((await req('asmoViewer', 'GET', '/miners')).statusCode).toBe(403);
    const created = await req('asmo', 'POST', '/miners', { displayName: 'Zawadi M.', gender: 'female', birthYear: 1988, site: t.w.sites[1]!.uri });
    expect(created.statusCode, created.body).toBe(201);
    // Miners 1-3 are the world's; the device's miner lies in its block and does not count.
    expect(created.json()).toMatchObject({ uri: minerUri(4), registeredOn: t.w.orp.clock.now().toISOString().slice(0, 10) });
    const bad = await req('asmo', 'POST', '/miners', { displayName: 'Q', gender: 'male', birthYear: 1990, site: 'https://id.gs1.org/414/0000000000000' });
    expect([bad.statusCode, bad.json().code]).toEqual([422, 'ORP_UNKNOWN_SITE']);
    const listed = (await req('asmo', 'GET', '/miners')).json() as { uri: string }[];
    expect(listed.map((m) => m.uri)).toContain(minerUri(4));
    expect((await req('house', 'GET', '/miners')).json().some((m: { uri: string }) => m.uri === minerUri(4))).toBe(false);
  });
});
