import { afterEach, describe, expect, it } from 'vitest';
import type { Genealogy, GoldEvent } from '../../custody/index.js';
import { asmInputs, receiptsOf, type PackEvent } from './inputs.js';
import { zipPack } from './zip.js';

const REFINER = 'org:refiner';
const base = (seq: number, recorder = REFINER) => ({ eventTime: `2026-03-${String(seq).padStart(2, '0')}T08:00:00.000Z`, eventTimeZoneOffset: '+00:00', recorder });

/** A genealogy as the pack reads it: the lot's origins and its chain's event ids. */
const genealogy = (lot: string, sites: string[], events: string[]): Genealogy => ({
  lot,
  lots: [],
  transfers: [],
  events,
  trace: { lot, fineMg: 0, origins: sites.map((site) => ({ site, share: 1 / sites.length, fineMg: 0, lots: [] })), ancestors: [], unknownShare: 0 },
});

describe('ASM inputs of a refiner', () => {
  const made = (seq: number, lot: string, site: string): PackEvent => ({ seq, eventId: `e${seq}`, event: { ...base(seq, 'org:producer'), type: 'production', site, producer: 'org:producer', lot: { lot, form: 'dore', grossMg: 10_000, fineness: 9000, cocModel: 'mass_balance' } } });
  const events: PackEvent[] = [
    made(1, 'lot:A', 'site:asm'),
    made(2, 'lot:B', 'site:industrial'),
    { seq: 3, eventId: 'e3', event: { ...base(3, 'org:carrier'), type: 'ship', lots: ['lot:A', 'lot:B'], from: 'org:carrier', to: REFINER } },
    { seq: 4, eventId: 'e4', event: { ...base(4), type: 'receive', lots: ['lot:A', 'lot:B'], from: 'org:carrier', to: REFINER } },
    { seq: 5, eventId: 'e5', event: { ...base(5), type: 'purchase', lots: ['lot:A', 'lot:B'], seller: 'org:trader', buyer: REFINER, purchaseNumber: 'P', price: '1', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: false } },
    { seq: 6, eventId: 'e6', event: { ...base(6), type: 'assay', lot: 'lot:A', fineness: 8000, assay: { method: 'fire_assay', date: '2026-03-06' } } },
    { seq: 7, eventId: 'e7', event: { ...base(7), type: 'receive', lots: ['lot:A'], from: REFINER, to: REFINER } },
  ];
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const genealogies = new Map([
    ['lot:A', genealogy('lot:A', ['site:asm'], ['e1', 'e3', 'e4', 'e5', 'e6'])],
    ['lot:B', genealogy('lot:B', ['site:industrial'], ['e2', 'e3', 'e4', 'e5'])],
  ]);

  it('counts a lot under the seller of its purchase rather than the carrier that delivered it, and not its own moves', () => {
    const receipts = receiptsOf(REFINER, events.map((e) => e));
    expect(receipts.map((r) => [r.lot, r.kind, r.from])).toEqual([
      ['lot:A', 'receive', 'org:carrier'],
      ['lot:B', 'receive', 'org:carrier'],
      ['lot:A', 'purchase', 'org:trader'],
      ['lot:B', 'purchase', 'org:trader'],
    ]);
    const [a] = asmInputs(receipts, genealogies, byId, (s) => s === 'site:asm', (p) => p);
    expect(a).toMatchObject({ lot: 'lot:A', supplier: 'org:trader', receipts: [{ seq: 5 }], chain: [1, 3, 4, 5] });
    // 10 g at 900.0 as received: the refiner's own assay after the purchase does not count.
    expect(a!.fineMg).toBe(9_000);
  });

  it('leaves out a lot whose traced origin includes no ASM mine site', () => {
    const inputs = asmInputs(receiptsOf(REFINER, events), genealogies, byId, (s) => s === 'site:asm', (p) => p);
    expect(inputs.map((i) => i.lot)).toEqual(['lot:A']);
  });

  it('counts a miner selling directly under the organisation the supplier mapping names', () => {
    const sale: PackEvent = { seq: 8, eventId: 'e8', event: { ...base(8), type: 'purchase', lots: ['lot:A'], seller: 'miner:1', buyer: REFINER, purchaseNumber: 'M', price: '1', currency: 'USD', paymentMethod: 'cash', custodyTransferred: true } as GoldEvent };
    const [a] = asmInputs(receiptsOf(REFINER, [sale]), genealogies, byId, () => true, (p) => (p === 'miner:1' ? 'org:producer' : p));
    expect(a?.supplier).toBe('org:producer');
  });
});

describe('the pack zip', () => {
  const tz = process.env['TZ'];
  afterEach(() => {
    if (tz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = tz;
  });

  it('has the same bytes whatever the time zone of the machine that writes it', async () => {
    const files = [{ path: 'index.json', bytes: Buffer.from('{}\n') }];
    process.env['TZ'] = 'UTC';
    const utc = await zipPack(files, '2026-12-01T23:30:00.000Z');
    process.env['TZ'] = 'Pacific/Kiritimati';
    const far = await zipPack(files, '2026-12-01T23:30:00.000Z');
    expect(far.equals(utc)).toBe(true);
    // DOS date of the entry (local file header, offset 12): 2026-12-01, the UTC day.
    const dosDate = utc.readUInt16LE(12);
    expect([(dosDate >> 9) + 1980, (dosDate >> 5) & 0xf, dosDate & 0x1f]).toEqual([2026, 12, 1]);
  });
});
