import { describe, expect, it } from 'vitest';
import { lastTwelveMonths, mapBox, shorten, spreadMarkers } from './model';

describe('the dashboard model', () => {
  it('defaults to the last twelve months, today included (to is exclusive)', () => {
    expect(lastTwelveMonths(new Date('2026-12-03T10:00:00Z'))).toEqual({ from: '2025-12-04', to: '2026-12-04' });
    expect(lastTwelveMonths(new Date('2026-12-31T23:00:00Z'))).toEqual({ from: '2026-01-01', to: '2027-01-01' });
  });

  it('frames the sites with a minimum span and a margin, the world when there is none', () => {
    expect(mapBox([])).toEqual([[-180, -60], [180, 75]]);
    const [[w, s], [e, n]] = mapBox([{ longitude: 30, latitude: 1.4 }, { longitude: 30.3, latitude: 1.9 }], 20, 0.1);
    expect(e - w).toBeCloseTo(24);
    expect(n - s).toBeCloseTo(24);
    expect((w + e) / 2).toBeCloseTo(30.15);
    // Never past the poles or the antimeridian.
    const [[w2, s2], [e2, n2]] = mapBox([{ longitude: -170, latitude: -80 }, { longitude: 170, latitude: 80 }]);
    expect([w2, s2, e2, n2]).toEqual([-180, -85, 180, 85]);
  });

  it('spreads markers that would overlap onto a circle, minDist apart, and leaves the others in place', () => {
    const placed = spreadMarkers([{ item: 'a', x: 100, y: 100 }, { item: 'b', x: 102, y: 101 }, { item: 'c', x: 101, y: 99 }, { item: 'd', x: 300, y: 50 }], 16);
    const at = (k: string) => placed.find((p) => p.item === k)!;
    expect(at('d')).toMatchObject({ mx: 300, my: 50 });
    for (const [p, q] of [['a', 'b'], ['b', 'c'], ['a', 'c']] as const) expect(Math.hypot(at(p).mx - at(q).mx, at(p).my - at(q).my)).toBeCloseTo(16);
    expect(at('a')).toMatchObject({ x: 100, y: 100 });
  });

  it('shortens long labels', () => {
    expect(shorten('Pra River concession (Twifo Praso)', 20)).toBe('Pra River concessio…');
    expect(shorten('Frente Aurora', 20)).toBe('Frente Aurora');
  });
});
