import { describe, expect, it } from 'vitest';
import type { ProductionEvent, PurchaseEvent, TransformEvent } from '../../custody/index.js';
import { scanGold } from '../../../test/support/scan-context.js';

const HOUSE = 'urn:house';
const REFINER = 'urn:refiner';
const MINER = 'urn:miner:1';
const at = (d: number) => new Date(Date.UTC(2026, 2, 1, 8) + d * 86_400_000).toISOString();

const produced = (lot: string, day = 0): ProductionEvent => ({
  type: 'production',
  eventTime: at(day),
  eventTimeZoneOffset: '+02:00',
  recorder: HOUSE,
  site: 'urn:site:a',
  producer: 'urn:asmo',
  miner: MINER,
  lot: { lot, form: 'dore', grossMg: 100_000, fineness: 8500, cocModel: 'segregated' },
});

const sold = (n: string, lots: string[], o: { day?: number; seller?: string; buyer?: string; declared?: PurchaseEvent['declaredMaterial'] } = {}): PurchaseEvent => ({
  type: 'purchase',
  eventTime: at(o.day ?? 1),
  eventTimeZoneOffset: '+02:00',
  recorder: o.buyer ?? REFINER,
  lots,
  seller: o.seller ?? HOUSE,
  buyer: o.buyer ?? REFINER,
  purchaseNumber: n,
  price: '100.00',
  currency: 'USD',
  paymentMethod: 'bank_transfer',
  custodyTransferred: true,
  ...(o.declared ? { declaredMaterial: o.declared } : {}),
});

const melt = (inputs: string[], out: string): TransformEvent => ({
  type: 'transform',
  eventTime: at(1),
  eventTimeZoneOffset: '+02:00',
  recorder: HOUSE,
  operation: inputs.length > 1 ? 'mix' : 'melt',
  inputs: inputs.map((lot) => ({ lot, massMg: 100_000 })),
  outputs: [{ lot: out, form: 'dore', grossMg: 99_000 * inputs.length, fineness: 8500, cocModel: 'mass_balance' }],
});

const flagged = (hits: ReturnType<typeof scanGold>) => hits.filter((h) => h.rule === 'recycled_from_mined_supplier');

describe('recycled gold from a supplier known for mined gold', () => {
  it('raises nothing for a sale declared mined or not declared at all', () => {
    expect(flagged(scanGold([produced('urn:lot:A'), sold('S-1', ['urn:lot:A']), produced('urn:lot:B'), sold('S-2', ['urn:lot:B'], { declared: 'mined' })]))).toEqual([]);
  });

  it('flags gold declared recycled whose lots trace back to production at a mine site', () => {
    const hits = flagged(scanGold([produced('urn:lot:A'), sold('S-1', ['urn:lot:A'], { declared: 'recycled' })]));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      key: `recycled_from_mined_supplier|${REFINER}|S-1`,
      org: REFINER,
      subject: 'S-1',
      numbers: { seller: HOUSE, declaredMaterial: 'recycled', mineSites: 'urn:site:a' },
      threshold: { windowDays: 365 },
      ruleVersion: { rule: 'redflag.recycled_from_mined_supplier' },
    });
    expect(hits[0]!.seqs.at(-1)).toBe(2);
  });

  it('cannot be evaded by re-melting: a melt or a mix keeps its inputs’ mine origin, also for inputs the store knows', () => {
    const remelted = flagged(scanGold([produced('urn:lot:A'), melt(['urn:lot:A'], 'urn:lot:M1'), melt(['urn:lot:M1'], 'urn:lot:M2'), sold('S-1', ['urn:lot:M2'], { declared: 'recycled' })]));
    expect(remelted.map((h) => h.numbers['mineSites'])).toEqual(['urn:site:a']);
    const mixed = flagged(scanGold([melt(['urn:lot:old', 'urn:lot:other'], 'urn:lot:X'), sold('S-2', ['urn:lot:X'], { declared: 'recycled' })], { origins: { 'urn:lot:old': ['urn:site:b'] } }));
    expect(mixed.map((h) => h.numbers['mineSites'])).toEqual(['urn:site:b']);
  });

  it('flags recycled gold of unknown origin from a seller who produced or sold mined gold within the window, not before it', () => {
    const history = { [MINER]: [{ seq: 7, atMs: Date.parse(at(-300)) }] };
    const hits = flagged(scanGold([sold('S-1', ['urn:lot:unknown'], { seller: MINER, declared: 'recycled' })], { activity: history }));
    expect(hits.map((h) => [h.seqs, h.numbers['minedEventsInWindow'], h.numbers['mineSites']])).toEqual([[[7, 1], 1, 'none known']]);
    const old = { [MINER]: [{ seq: 7, atMs: Date.parse(at(-400)) }] };
    expect(flagged(scanGold([sold('S-1', ['urn:lot:unknown'], { seller: MINER, declared: 'recycled' })], { activity: old }))).toEqual([]);
  });

  it('takes the seller’s history from the context only, leaving out the purchase itself', () => {
    // The store has indexed the scanned purchase too (it is committed): it must not count as the seller's own history.
    const self = { [HOUSE]: [{ seq: 1, atMs: Date.parse(at(1)) }] };
    expect(flagged(scanGold([sold('S-1', ['urn:lot:unknown'], { declared: 'recycled' })], { activity: self }))).toEqual([]);
  });
});
