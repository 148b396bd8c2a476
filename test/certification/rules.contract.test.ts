import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quotePrice } from '../../src/certification/index.js';
import { fixedClock } from '../../src/kernel/index.js';
import { openOrpaille, type Orpaille } from '../../src/orpaille.js';
import { testStores } from '../support/stores.js';

describe.each(testStores)('certification rule tables on $name', (store) => {
  let orp: Orpaille;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const handle = await store.create();
    cleanup = handle.cleanup;
    orp = await openOrpaille({ ...handle, clock: fixedClock('2026-05-04T12:00:00Z') });
  });
  afterEach(async () => {
    await orp.close();
    await cleanup();
  });

  it('seeds rules/certification.json on first start and quotes from the stored versions', async () => {
    const stored = await orp.rules.list('certification.premium');
    expect(stored.map((v) => v.key)).toContain('fairmined-eco:gold');
    const q = quotePrice({ scheme: 'fairmined-eco', grossMg: 1_000_000, fineness: 8500, benchmarkUsdPerOz: '2000', date: '2026-05-04' }, await orp.rules.certificationRules());
    expect(q.premium).toBe('5100.00');
    expect(q.rules.premium.source).toMatch(/GOLD-RULES s.4/);
  });

  it('applies a premium version added to the table to purchases from its date only', async () => {
    await orp.rules.seed([
      { rule: 'certification.premium', key: 'fairmined:gold', effectiveFrom: '2026-06-01', value: { perKgFine: { amount: '4500', currency: 'USD' } }, source: 'test: next year', confidence: 'firm' },
    ]);
    const rules = await orp.rules.certificationRules();
    const req = { scheme: 'fairmined' as const, grossMg: 1_000_000, fineness: 8500, benchmarkUsdPerOz: '2000' };
    expect(quotePrice({ ...req, date: '2026-05-31' }, rules).premium).toBe('3400.00');
    expect(quotePrice({ ...req, date: '2026-06-01' }, rules).premium).toBe('3825.00');
  });

  it('keeps stored values when seeded again (a restart does not undo a correction)', async () => {
    const before = await orp.rules.list();
    const { defaultRuleValues } = await import('../../src/orpaille.js');
    expect(await orp.rules.seed(defaultRuleValues())).toBe(0);
    expect(await orp.rules.list()).toEqual(before);
  });
});
