import { describe, expect, it } from 'vitest';
import type { GoldEvent } from '../../custody/index.js';
import { goldFigures, kg, percent, type SiteFacts } from './figures.js';

const ORG = 'urn:org:refiner';
const YEAR = { fromMs: Date.parse('2026-01-01T00:00:00Z'), toMs: Date.parse('2027-01-01T00:00:00Z') };
const base = (day: string, recorder = ORG) => ({ eventTime: `${day}T08:00:00Z`, eventTimeZoneOffset: '+00:00', recorder });
const produced = (lot: string, site: string, grams: number, fineness = 10000, scheme?: string): GoldEvent => ({
  ...base('2026-03-01', 'urn:org:house'),
  type: 'production',
  site,
  producer: 'urn:org:asmo',
  lot: { lot, form: 'dore', grossMg: grams * 1000, fineness, cocModel: 'mass_balance', ...(scheme ? { scheme } : {}) },
});
const bought = (lots: string[], day: string, declared?: 'recycled'): GoldEvent => ({
  ...base(day),
  type: 'purchase',
  lots,
  seller: 'urn:org:house',
  buyer: ORG,
  purchaseNumber: `P-${lots.join('-')}`,
  price: '1.00',
  currency: 'USD',
  paymentMethod: 'bank_transfer',
  custodyTransferred: true,
  ...(declared ? { declaredMaterial: declared } : {}),
});
const SITES = new Map<string, SiteFacts>([
  ['urn:site:cd', { name: 'CD site', country: 'CD', licenceType: 'artisanal' }],
  ['urn:site:pe', { name: 'PE site', country: 'PE', licenceType: 'exploration' }],
]);

describe('fine gold bought or received in the year, by origin', () => {
  it('splits a mixed lot over the countries of its mine sites, and calls the untraced part recycled when a seller declared it so', () => {
    const events = [
      produced('A', 'urn:site:cd', 30),
      produced('B', 'urn:site:nowhere', 10),
      { ...base('2026-03-02', 'urn:org:house'), type: 'transform', operation: 'mix', inputs: [{ lot: 'A', massMg: 30_000 }, { lot: 'B', massMg: 10_000 }], outputs: [{ lot: 'M', form: 'dore', grossMg: 40_000, fineness: 10000, cocModel: 'mass_balance' }] },
      bought(['M'], '2026-04-01', 'recycled'),
    ] as GoldEvent[];
    const f = goldFigures(ORG, YEAR, { lots: [{ lot: 'A', site: 'urn:site:cd' }, { lot: 'B', site: null }, { lot: 'M', site: null }], edges: [{ output: 'M', input: 'A', fineMg: 30_000 }, { output: 'M', input: 'B', fineMg: 10_000 }], events: events.map((event, seq) => ({ seq, event })) }, SITES);
    expect(f.byCountry).toEqual([{ country: 'CD', fineMg: 30_000 }, { country: 'recycled', fineMg: 10_000 }]);
    expect(f.byClass).toEqual({ asm: 30_000, other_mined: 0, recycled: 10_000, unknown: 0 });
  });

  it('counts a lot once at its first intake in the year, at the fine gold it held then, and classes an exploration site as not ASM', () => {
    const events = [
      produced('P', 'urn:site:pe', 20, 8000, 'fairmined'),
      { ...base('2026-02-01', 'urn:org:house'), type: 'assay', lot: 'P', fineness: 7500, assay: { method: 'fire_assay', date: '2026-02-01' } },
      bought(['P'], '2026-03-01'),
      { ...base('2026-03-02', 'urn:org:house'), type: 'receive', lots: ['P'], from: 'urn:org:house', to: ORG },
      bought(['Q'], '2026-03-03'),
    ] as GoldEvent[];
    const f = goldFigures(ORG, YEAR, { lots: [{ lot: 'P', site: 'urn:site:pe' }], edges: [], events: events.map((event, seq) => ({ seq, event })) }, SITES);
    expect(f).toMatchObject({ lots: 1, totalMg: 15_000, byCountry: [{ country: 'PE', fineMg: 15_000 }], certifiedMg: 15_000, byClass: { asm: 0, other_mined: 15_000 } });
    expect(goldFigures(ORG, { fromMs: YEAR.toMs, toMs: YEAR.toMs + 1 }, { lots: [], edges: [], events: events.map((event, seq) => ({ seq, event })) }, SITES).totalMg).toBe(0);
  });

  it('prints kilograms with three decimals and shares with one, "n/a" when the whole is zero', () => {
    expect([kg(1_234_567), kg(0), kg(500)]).toEqual(['1.235', '0.000', '0.001']);
    expect([percent(1, 3), percent(2, 3), percent(0, 5), percent(5, 5)]).toEqual(['33.3%', '66.7%', '0.0%', '100.0%']);
    expect(percent(0, 0)).toBe('n/a');
  });
});
