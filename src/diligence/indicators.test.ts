import { describe, expect, it } from 'vitest';
import { hgAuRatio, indicatorProblems, indicatorSeries, type SiteIndicators } from './indicators.js';

const point = (id: string, from: string, over: Partial<SiteIndicators> = {}): SiteIndicators => ({
  id,
  owner: 'urn:buyer',
  site: 'urn:site',
  periodFrom: from,
  periodTo: `${from.slice(0, 8)}28`,
  practicesObserved: [],
  mercuryFreeMethods: [],
  source: 'monthly report',
  recordedBy: 'A',
  ...over,
});

describe('mercury and ESG indicators per site', () => {
  it('computes the Hg:Au ratio with two decimals, rounded half up, from integer milligrams', () => {
    expect(hgAuRatio({ mercuryUsedMg: 1_300_000, goldProducedMg: 1_000_000 })).toBe('1.30');
    expect(hgAuRatio({ mercuryUsedMg: 2_005, goldProducedMg: 1_000 })).toBe('2.01');
    expect(hgAuRatio({ mercuryUsedMg: 1_000 })).toBeUndefined();
    expect(hgAuRatio({ mercuryUsedMg: 1_000, goldProducedMg: 0 })).toBeUndefined();
  });

  it('orders a site’s periods and says the ratio is improving when it went down', () => {
    const s = indicatorSeries('urn:site', [
      point('b', '2026-02-01', { mercuryUsedMg: 900, goldProducedMg: 1000, practicesObserved: ['mercury-open-burning'] }),
      point('a', '2026-01-01', { mercuryUsedMg: 2000, goldProducedMg: 1000 }),
      point('x', '2026-01-01', { site: 'urn:other' }),
    ]);
    expect(s.points.map((p) => p.id)).toEqual(['a', 'b']);
    expect(s.trend).toEqual({ from: '2.00', to: '0.90', improving: true });
    expect(s.practicesInLastPeriod).toEqual(['mercury-open-burning']);
  });

  it('rejects a period ending before it starts, negative or fractional counts and unknown practices', () => {
    const p = indicatorProblems(point('a', '2026-02-01', { periodTo: '2026-01-01', retortsInUse: -1, mercuryUsedMg: 1.5, practicesObserved: ['dumping' as never] })).join('\n');
    expect(p).toMatch(/ends \(2026-01-01\) before it starts/);
    expect(p).toMatch(/retortsInUse must be a whole number/);
    expect(p).toMatch(/mercuryUsedMg must be a whole number/);
    expect(p).toMatch(/practice dumping/);
  });
});
