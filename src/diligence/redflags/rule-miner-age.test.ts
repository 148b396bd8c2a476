import { describe, expect, it } from 'vitest';
import type { ProductionEvent } from '../../custody/index.js';
import { SHIPPED_REDFLAG_RULES, materialContext, scanGold } from '../../../test/support/scan-context.js';
import { scanMiners } from './rule-miner-age.js';
import type { MinerFacts } from './types.js';

const ASMO = 'urn:asmo';
const miner = (n: number, birthYear: number, registeredOn = '2026-03-01', country = 'CD'): MinerFacts => ({ uri: `urn:miner:${n}`, id: `asmo-m${n}`, org: ASMO, country, birthYear, registeredOn });

const production = (minerUri: string | undefined, at: string): ProductionEvent => ({
  type: 'production',
  eventTime: at,
  eventTimeZoneOffset: '+02:00',
  recorder: 'urn:house',
  site: 'urn:site:a',
  producer: ASMO,
  ...(minerUri ? { miner: minerUri } : {}),
  lot: { lot: `urn:lot:${at}`, form: 'dore', grossMg: 10_000, fineness: 8500, cocModel: 'segregated' },
});

describe('miner under the minimum working age', () => {
  it('flags a miner certainly under 18 at registration, and says the age is bounded by the birth year only', () => {
    const hits = scanMiners(materialContext({ miners: [miner(1, 2010), miner(2, 1990)] }));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      rule: 'miner_under_age',
      key: 'miner_under_age|urn:miner:1|registered',
      org: ASMO,
      subject: 'urn:miner:1',
      seqs: [],
      numbers: { miner: 'asmo-m1', birthYear: 2010, ageAtLeast: 15, ageAtMost: 16, ageBoundedByBirthYear: true, registeredOn: '2026-03-01' },
      threshold: { minimumAge: 18, country: 'CD' },
    });
  });

  it('does not flag a miner who may already be 18 (born 2008, registered in 2026: 17 or 18), but flags one born 2009 even on 31 December', () => {
    const hits = scanMiners(materialContext({ miners: [miner(1, 2008), miner(2, 2009, '2026-12-31')] }));
    expect(hits.map((h) => [h.subject, h.numbers['ageAtMost']])).toEqual([['urn:miner:2', 17]]);
  });

  it('uses the minimum age of the miner’s country when the rule table has one, else the default', () => {
    const rules = [...SHIPPED_REDFLAG_RULES, { rule: 'redflag.miner_under_age', key: 'PE', effectiveFrom: '2000-01-01', value: { enabled: true, minimumAge: 16 }, source: 'test', confidence: 'assumed' as const }];
    const hits = scanMiners(materialContext({ rules, miners: [miner(1, 2009, '2026-03-01', 'PE'), miner(2, 2009, '2026-03-01', 'GH')] }));
    expect(hits.map((h) => [h.subject, h.threshold['minimumAge'], h.ruleVersion.key])).toEqual([['urn:miner:2', 18, 'default']]);
  });

  it('leaves out miners whose incident is already known (a rescan raises nothing twice)', () => {
    const ctx = materialContext({ miners: [miner(1, 2010)] });
    expect(scanMiners(ctx, new Set(['miner_under_age|urn:miner:1|registered']))).toEqual([]);
  });

  it('flags production naming a miner certainly under age on its date, once a month, by id and never by name', () => {
    const m = miner(1, 2010, '2025-01-01');
    const hits = scanGold([production(m.uri, '2026-03-02T08:00:00Z'), production(m.uri, '2026-03-20T08:00:00Z'), production(m.uri, '2026-04-02T08:00:00Z'), production(undefined, '2026-04-03T08:00:00Z')], { miners: [m] }).filter((h) => h.rule === 'miner_under_age');
    expect(hits.map((h) => [h.key, h.seqs])).toEqual([
      ['miner_under_age|urn:miner:1|2026-03', [1]],
      ['miner_under_age|urn:miner:1|2026-04', [3]],
    ]);
    expect(hits[0]!.summary).toContain('asmo-m1');
    expect(hits[0]!.numbers).toMatchObject({ ageAtMost: 16, productionDate: '2026-03-02' });
  });

  it('does not flag production once the miner may have come of age', () => {
    const m = miner(1, 2008, '2024-06-01');
    expect(scanMiners(materialContext({ miners: [m] }))).toHaveLength(1);
    expect(scanGold([production(m.uri, '2026-03-02T08:00:00Z')], { miners: [m] }).filter((h) => h.rule === 'miner_under_age')).toEqual([]);
  });
});
