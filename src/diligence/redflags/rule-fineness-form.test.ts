import { describe, expect, it } from 'vitest';
import type { AssayEvent, LotForm, ProductionEvent, TransformEvent } from '../../custody/index.js';
import { scanGold } from '../../../test/support/scan-context.js';

const HOUSE = 'urn:house';
const at = (d: number) => new Date(Date.UTC(2026, 2, d, 8)).toISOString();

const produced = (lot: string, form: LotForm, fineness: number): ProductionEvent => ({
  type: 'production',
  eventTime: at(1),
  eventTimeZoneOffset: '+02:00',
  recorder: HOUSE,
  site: 'urn:site:a',
  producer: 'urn:asmo',
  lot: { lot, form, grossMg: 100_000, fineness: fineness * 10, cocModel: 'segregated' },
});

const assay = (lot: string, fineness: number): AssayEvent => ({ type: 'assay', eventTime: at(3), eventTimeZoneOffset: '+02:00', recorder: HOUSE, lot, fineness: fineness * 10, assay: { method: 'fire_assay', date: at(3).slice(0, 10) } });

const refine = (form: LotForm, fineness: number): TransformEvent => ({
  type: 'transform',
  eventTime: at(4),
  eventTimeZoneOffset: '+02:00',
  recorder: HOUSE,
  operation: 'refine',
  inputs: [{ lot: 'urn:lot:D', massMg: 100_000 }],
  outputs: [{ lot: 'urn:lot:R', form, grossMg: 80_000, fineness: fineness * 10, cocModel: 'segregated' }],
});

const mismatches = (hits: ReturnType<typeof scanGold>) => hits.filter((h) => h.rule === 'fineness_form_mismatch');

describe('fineness inconsistent with the declared form', () => {
  it('accepts doré within the typical 600-950 per mille, bounds included, and flags doré outside it', () => {
    expect(mismatches(scanGold([produced('urn:lot:1', 'dore', 600), produced('urn:lot:2', 'dore', 950), produced('urn:lot:3', 'dore', 850)]))).toEqual([]);
    const hits = mismatches(scanGold([produced('urn:lot:4', 'dore', 999.9), produced('urn:lot:5', 'dore', 450)]));
    expect(hits.map((h) => [h.subject, h.numbers['finenessPermille'], h.numbers['below']])).toEqual([
      ['urn:lot:4', '999.9', false],
      ['urn:lot:5', '450.0', true],
    ]);
    expect(hits[0]).toMatchObject({ threshold: { form: 'dore', minPermille: 600, maxPermille: 950 }, ruleVersion: { rule: 'redflag.fineness_form_mismatch', key: 'dore', confidence: 'likely' } });
  });

  it('flags a transformation output declared as a bar below refined fineness (995), not one at 999.9', () => {
    expect(mismatches(scanGold([produced('urn:lot:D', 'dore', 850), refine('bar', 999.9)]))).toEqual([]);
    const hits = mismatches(scanGold([produced('urn:lot:D', 'dore', 850), refine('bar', 900)]));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ subject: 'urn:lot:R', seqs: [2], numbers: { form: 'bar', event: 'transform' }, threshold: { minPermille: 995 } });
  });

  it('judges each form by its own range: ore, concentrate and product', () => {
    const hits = mismatches(scanGold([produced('urn:lot:o', 'ore', 150), produced('urn:lot:c', 'concentrate', 300), produced('urn:lot:p', 'product', 250)]));
    expect(hits.map((h) => h.subject)).toEqual(['urn:lot:o', 'urn:lot:p']);
  });

  it('judges an assay by the form the lot has: from the scan, or from the context for an older lot; an unknown lot is not judged', () => {
    const fromScan = mismatches(scanGold([produced('urn:lot:1', 'dore', 850), assay('urn:lot:1', 400)]));
    expect(fromScan.map((h) => [h.subject, h.numbers['event'], h.seqs])).toEqual([['urn:lot:1', 'assay', [2]]]);
    const fromStore = mismatches(scanGold([assay('urn:lot:9', 700)], { lots: { 'urn:lot:9': { form: 'bar', fineness: 9999 } } }));
    expect(fromStore.map((h) => h.numbers['form'])).toEqual(['bar']);
    expect(mismatches(scanGold([assay('urn:lot:unknown', 100)]))).toEqual([]);
  });

  it('raises once per lot and fineness: the same implausible value again raises nothing new', () => {
    const hits = mismatches(scanGold([produced('urn:lot:1', 'dore', 990), assay('urn:lot:1', 990), assay('urn:lot:1', 300)]));
    expect(hits.map((h) => h.key)).toEqual(['fineness_form_mismatch|urn:lot:1|9900', 'fineness_form_mismatch|urn:lot:1|3000']);
  });
});
