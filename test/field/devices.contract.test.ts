import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceBlock, jwkThumbprint, type DevicePublicKey } from '../../src/field/index.js';
import { deviceStore, type DeviceStore } from '../../src/store/index.js';
import { makeMiner } from '../../src/parties/index.js';
import { newDeviceKey } from '../support/device.js';
import { testStores } from '../support/stores.js';
import { makeWorld, type World } from '../support/world.js';

describe.each(testStores)('device store on $name', (store) => {
  let w: World;
  let devices: DeviceStore;
  beforeAll(async () => {
    w = await makeWorld(store);
    devices = deviceStore(w.orp.db);
  });
  afterAll(async () => w.cleanup());

  const newDevice = (org: string, key: DevicePublicKey, id: string) => ({
    id,
    org,
    name: `phone ${id}`,
    publicKey: key,
    thumbprint: jwkThumbprint(key),
    registeredBy: 'usr_1',
    registeredAt: 1_000,
    blockOf: (n: number) => deviceBlock('6150001', n),
  });

  it('numbers devices per organisation, reserves consecutive blocks and returns the device already registered with a key', async () => {
    const a = newDeviceKey().jwk as DevicePublicKey;
    const b = newDeviceKey().jwk as DevicePublicKey;
    const first = await devices.register(newDevice('asmo', a, 'dev_a'));
    const second = await devices.register(newDevice('asmo', b, 'dev_b'));
    const same = await devices.register(newDevice('asmo', a, 'dev_a2'));
    const elsewhere = await devices.register(newDevice('house', a, 'dev_h'));
    expect([first.created, second.created, same.created, elsewhere.created]).toEqual([true, true, false, true]);
    expect([first.device.number, second.device.number, elsewhere.device.number]).toEqual([1, 2, 1]);
    expect(second.device.block.from - first.device.block.from).toBe(first.device.block.size);
    expect(same.device).toEqual(first.device);
    expect(await devices.get('dev_a')).toEqual({ ...first.device });
    expect((await devices.list('asmo')).map((d) => d.id)).toEqual(['dev_a', 'dev_b']);
    expect(first.device.publicKey).toEqual(a);
  });

  it('revokes once, keeping the first date', async () => {
    await devices.revoke('dev_b', 2_000);
    await devices.revoke('dev_b', 3_000);
    expect((await devices.get('dev_b'))!.revokedAt).toBe(2_000);
    expect((await devices.get('dev_a'))!.revokedAt).toBeUndefined();
  });

  it('keeps the first device signature of each miner and event', async () => {
    const c = { kind: 'event' as const, ref: 'ni:///sha-256;abc?ver=CBV2.0', device: 'dev_a', bodySha256: 'f'.repeat(64), signature: 'sig-1', receivedAt: 5 };
    await devices.recordCaptures([c, { ...c, kind: 'miner', ref: 'asmo-m1000000' }]);
    await devices.recordCaptures([{ ...c, device: 'dev_b', signature: 'sig-2' }]);
    expect(await devices.captures('dev_a')).toEqual([c, { ...c, kind: 'miner', ref: 'asmo-m1000000' }]);
    expect(await devices.captures('dev_b')).toEqual([]);
  });

  it('stores the mine site a miner was registered at', async () => {
    const m = { ...makeMiner(w.asmo, 77, { displayName: 'M', gender: 'female', birthYear: 1990, registeredOn: '2026-01-01' }), site: w.sites[0]!.uri };
    await w.orp.registry.addMiners([m]);
    const stored = (await w.orp.registry.miners('asmo')).find((x) => x.id === m.id);
    expect(stored).toEqual(m);
    expect((await w.orp.registry.miners('asmo')).find((x) => x.id === 'asmo-m00001')!.site).toBeUndefined();
  });
});
