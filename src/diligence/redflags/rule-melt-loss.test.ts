import { describe, expect, it } from 'vitest';
import type { ProductionEvent, TransformEvent } from '../../custody/index.js';
import { SHIPPED_REDFLAG_RULES, scanGold } from '../../../test/support/scan-context.js';

const HOUSE = 'urn:house';
const at = (d: number) => new Date(Date.UTC(2026, 2, d, 8)).toISOString();

const produced = (lot: string, grams: number, fineness: number): ProductionEvent => ({
  type: 'production',
  eventTime: at(1),
  eventTimeZoneOffset: '+02:00',
  recorder: HOUSE,
  site: 'urn:site:a',
  producer: 'urn:asmo',
  lot: { lot, form: 'dore', grossMg: grams * 1000, fineness: fineness * 10, cocModel: 'segregated' },
});

/** 100 g at 800.0 melted into 77 g at 1000.0: 80 g fine in, 77 g out, 37.5 per mille lost. */
const melt = (declared: boolean): TransformEvent => ({
  type: 'transform',
  eventTime: at(5),
  eventTimeZoneOffset: '+02:00',
  recorder: HOUSE,
  operation: 'melt',
  inputs: [{ lot: 'urn:lot:A', massMg: 100_000 }],
  outputs: [{ lot: 'urn:lot:M', form: 'grain', grossMg: 77_000, fineness: 10000, cocModel: 'segregated' }],
  ...(declared ? { lossDeviation: { lossPermille: 37.5, tolerancePermille: 30, reason: 'slag and base metals' } } : {}),
});

describe('melt loss beyond tolerance', () => {
  it('raises an incident for a transformation accepted with a declared loss deviation, with the loss, the tolerance, the reason and the fine gold in and out', () => {
    const hits = scanGold([produced('urn:lot:A', 100, 800), melt(true)]).filter((h) => h.rule === 'melt_loss_beyond_tolerance');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      key: 'melt_loss_beyond_tolerance|urn:lot:M',
      org: HOUSE,
      seqs: [2],
      numbers: { lossPermille: 37.5, reason: 'slag and base metals', inputsFineGrams: '80.000', outputsFineGrams: '77.000', inputsFineDerivedFromLoss: false, inputs: 'urn:lot:A 100.000 g' },
      threshold: { tolerancePermille: 30, operation: 'melt' },
      ruleVersion: { rule: 'redflag.melt_loss_beyond_tolerance', key: 'default' },
    });
    expect(hits[0]!.summary).toContain('37.5 per mille');
  });

  it('raises nothing for a transformation that declares no deviation', () => {
    expect(scanGold([produced('urn:lot:A', 100, 800), melt(false)]).filter((h) => h.rule === 'melt_loss_beyond_tolerance')).toEqual([]);
  });

  it('reads the fineness of an input from before the scan from the context, and derives the fine gold in from the loss when nobody knows it', () => {
    const fromStore = scanGold([melt(true)], { lots: { 'urn:lot:A': { form: 'dore', fineness: 8000 } } }).find((h) => h.rule === 'melt_loss_beyond_tolerance');
    expect(fromStore?.numbers).toMatchObject({ inputsFineGrams: '80.000', inputsFineDerivedFromLoss: false });
    const derived = scanGold([melt(true)]).find((h) => h.rule === 'melt_loss_beyond_tolerance');
    expect(derived?.numbers).toMatchObject({ inputsFineGrams: '80.000', inputsFineDerivedFromLoss: true });
  });

  it('follows the rule version in force on the event date: switched off from a later date', () => {
    const off = [...SHIPPED_REDFLAG_RULES, { rule: 'redflag.melt_loss_beyond_tolerance', key: 'default', effectiveFrom: '2026-03-04', value: { enabled: false }, source: 'test', confidence: 'firm' as const }];
    expect(scanGold([produced('urn:lot:A', 100, 800), melt(true)], { rules: off }).filter((h) => h.rule === 'melt_loss_beyond_tolerance')).toEqual([]);
  });
});
