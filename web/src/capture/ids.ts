import { dl, gsrn, sscc } from '../../../src/kernel/gs1.js';

/*
 * Identifiers made offline from the block the server reserved to this device when it registered (POST /devices):
 * miner GSRNs and bag SSCCs take serials of the block, lot and purchase numbers carry the device's prefix. No
 * other device and no server-side allocation uses them, so nothing made offline can collide.
 */

/** What the device answer of POST /devices gives for making identifiers. */
export interface DeviceIdentity {
  id: string;
  name: string;
  number: number;
  block: { from: number; size: number };
  lotPrefix: string;
  identifiers: { organisation: string; companyPrefix: string; lotGtins: Record<string, string> };
}

/** How many of each identifier the device has used so far. */
export interface Counters {
  miner: number;
  bag: number;
  lot: number;
}

export const NO_COUNTERS: Counters = { miner: 0, bag: 0, lot: 0 };

/** The block is used up: the device must be registered again (a new key gets a new block). */
export class BlockExhausted extends Error {}

function serial(d: DeviceIdentity, used: number): number {
  if (used >= d.block.size) throw new BlockExhausted(`device ${d.id} has used its ${d.block.size} serials`);
  return d.block.from + used;
}

/** The GSRN Digital Link of the miner with this serial. */
export function minerUri(d: DeviceIdentity, minerSerial: number): string {
  return dl.serviceRelation(gsrn(d.identifiers.companyPrefix, minerSerial));
}

/** The next miner serial and its URI. */
export function nextMiner(d: DeviceIdentity, c: Counters): { serial: number; uri: string; counters: Counters } {
  const s = serial(d, c.miner);
  return { serial: s, uri: minerUri(d, s), counters: { ...c, miner: c.miner + 1 } };
}

/** The next bag (SSCC Digital Link). */
export function nextBag(d: DeviceIdentity, c: Counters): { uri: string; counters: Counters } {
  return { uri: dl.logisticUnit(sscc(d.identifiers.companyPrefix, serial(d, c.bag))), counters: { ...c, bag: c.bag + 1 } };
}

/** The next lot of a form: its number (`F001-000001`), LGTIN Digital Link and the purchase number that goes with it. */
export function nextLot(d: DeviceIdentity, c: Counters, form: string): { number: string; uri: string; purchaseNumber: string; counters: Counters } {
  const n = String(c.lot + 1).padStart(6, '0');
  const number = `${d.lotPrefix}-${n}`;
  const gtin = d.identifiers.lotGtins[form];
  if (!gtin) throw new Error(`no GTIN for lot form ${form}`);
  return { number, uri: dl.lot(gtin, number), purchaseNumber: `${d.lotPrefix}-P${n}`, counters: { ...c, lot: c.lot + 1 } };
}
