import type { Kysely, Selectable } from 'kysely';
import type { Device, DeviceCapture, DevicePublicKey } from '../field/index.js';
import type { Db } from './db.js';

/** Tables of migration 0017_field_devices (used through `withTables`). */
export type DeviceTables = {
  devices: {
    id: string;
    org: string;
    number: number;
    name: string;
    public_key: string;
    thumbprint: string;
    block_from: number;
    block_size: number;
    registered_by: string;
    registered_at: number;
    revoked_at: number | null;
  };
  device_captures: { kind: string; ref: string; device: string; body_sha256: string; signature: string; received_at: number };
};

function deviceOf(r: Selectable<DeviceTables['devices']>): Device {
  return {
    id: r.id,
    org: r.org,
    number: Number(r.number),
    name: r.name,
    publicKey: JSON.parse(r.public_key) as DevicePublicKey,
    thumbprint: r.thumbprint,
    block: { from: Number(r.block_from), size: Number(r.block_size) },
    registeredBy: r.registered_by,
    registeredAt: Number(r.registered_at),
    ...(r.revoked_at !== null ? { revokedAt: Number(r.revoked_at) } : {}),
  };
}

function captureOf(r: Selectable<DeviceTables['device_captures']>): DeviceCapture {
  return { kind: r.kind as DeviceCapture['kind'], ref: r.ref, device: r.device, bodySha256: r.body_sha256, signature: r.signature, receivedAt: Number(r.received_at) };
}

/** A device to register: the store numbers it within its organisation and reserves its block. */
export interface NewDevice {
  id: string;
  org: string;
  name: string;
  publicKey: DevicePublicKey;
  thumbprint: string;
  registeredBy: string;
  registeredAt: number;
  /** The block of numbers of the device numbered `number`. */
  blockOf(number: number): { from: number; size: number };
}

/** Field devices and the signatures they put on what they captured. */
export function deviceStore(db: Db) {
  const k = db.kysely.withTables<DeviceTables>() as unknown as Kysely<DeviceTables>;
  return {
    /**
     * Registers a device under the next number of its organisation, or returns the device already registered with
     * the same key in that organisation (`created` false), so a device that retries its registration keeps its block.
     */
    async register(d: NewDevice): Promise<{ device: Device; created: boolean }> {
      return k.transaction().execute(async (trx) => {
        const same = await trx.selectFrom('devices').selectAll().where('org', '=', d.org).where('thumbprint', '=', d.thumbprint).executeTakeFirst();
        if (same) return { device: deviceOf(same), created: false };
        const last = await trx.selectFrom('devices').select((eb) => eb.fn.max('number').as('n')).where('org', '=', d.org).executeTakeFirst();
        const number = Number(last?.n ?? 0) + 1;
        const block = d.blockOf(number);
        const row = {
          id: d.id,
          org: d.org,
          number,
          name: d.name,
          public_key: JSON.stringify(d.publicKey),
          thumbprint: d.thumbprint,
          block_from: block.from,
          block_size: block.size,
          registered_by: d.registeredBy,
          registered_at: d.registeredAt,
          revoked_at: null,
        };
        await trx.insertInto('devices').values(row).execute();
        return { device: deviceOf(row), created: true };
      });
    },
    /** The devices of an organisation, by number. */
    async list(org: string): Promise<Device[]> {
      return (await k.selectFrom('devices').selectAll().where('org', '=', org).orderBy('number').execute()).map(deviceOf);
    },
    async get(id: string): Promise<Device | undefined> {
      const r = await k.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? deviceOf(r) : undefined;
    },
    /** Revokes a device from `at` on (a second revocation keeps the first date). */
    async revoke(id: string, at: number): Promise<void> {
      await k.updateTable('devices').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    },
    /** Keeps which device signed which miner or event; a capture already kept stays as first recorded. */
    async recordCaptures(captures: readonly DeviceCapture[]): Promise<void> {
      if (captures.length === 0) return;
      // One statement: a capture's records are kept all or none; one already kept (a resend) stays as it was.
      await k
        .insertInto('device_captures')
        .values(captures.map((c) => ({ kind: c.kind, ref: c.ref, device: c.device, body_sha256: c.bodySha256, signature: c.signature, received_at: c.receivedAt })))
        .onConflict((oc) => oc.columns(['kind', 'ref']).doNothing())
        .execute();
    },
    /** The captures kept for a device, oldest first. */
    async captures(device: string): Promise<DeviceCapture[]> {
      return (await k.selectFrom('device_captures').selectAll().where('device', '=', device).orderBy('received_at').orderBy('kind').orderBy('ref').execute()).map(captureOf);
    },
  };
}

export type DeviceStore = ReturnType<typeof deviceStore>;
