import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areasContainingPoint, areasCoveringCountry } from '../../src/diligence/index.js';
import { projectRoot } from '../../src/paths.js';
import { defaultRiskAreas } from '../../src/redflags.js';

const file = JSON.parse(readFileSync(join(projectRoot(), 'rules', 'risk-areas.geojson'), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
const REAL = JSON.parse(readFileSync(join(projectRoot(), 'test', 'fixtures', 'mine-sites', 'redflag-points.json'), 'utf8')) as {
  points: { id: string; territory?: string; region?: string; country: string; lon: number; lat: number }[];
};

describe('the default risk areas (rules/risk-areas.geojson)', () => {
  const areas = defaultRiskAreas();

  it('parses, and every feature states its id, the day it is listed from and its source with a confidence', () => {
    expect(areas).toHaveLength(file.features.length);
    for (const f of file.features) {
      expect(typeof f.properties['id']).toBe('string');
      expect(f.properties['effectiveFrom']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(f.properties['source']).toMatch(/\[(firm|likely|assumed)/);
    }
    expect(new Set(areas.map((a) => a.id)).size).toBe(areas.length);
  });

  it('lists each country in one area at most on any day, so a site raises one origin incident, not two', () => {
    const days = [...new Set(areas.map((a) => a.effectiveFrom))];
    const countries = [...new Set(areas.flatMap((a) => a.countries))];
    for (const day of days) for (const c of countries) expect(areasCoveringCountry(areas, day, c).length, `${c} on ${day}`).toBeLessThanOrEqual(1);
  });

  it('holds the CMRT covered countries from 21 July 2010 and the EU indicative list’s countries from its first edition', () => {
    expect(areasCoveringCountry(areas, '2010-07-21', 'CD').map((a) => a.id)).toEqual(['cmrt-covered-countries']);
    expect(areasCoveringCountry(areas, '2020-12-16', 'ML')).toEqual([]);
    expect(areasCoveringCountry(areas, '2021-01-01', 'ML').map((a) => a.id)).toEqual(['eu-cahra-ml']);
    expect(areasCoveringCountry(areas, '2025-06-29', 'TG')).toEqual([]);
    expect(areasCoveringCountry(areas, '2025-06-30', 'TG').map((a) => a.id)).toEqual(['eu-cahra-tg']);
  });

  it('leaves the real Amazon and Peru mining points unflagged (neither Brazil nor Peru is listed): their flags come from areas a user loads', () => {
    for (const p of REAL.points) {
      expect(areasCoveringCountry(areas, '2026-06-01', p.country), p.id).toEqual([]);
      expect(areasContainingPoint(areas, '2026-06-01', p.lon, p.lat), p.id).toEqual([]);
    }
    expect(REAL.points.some((p) => p.country === 'PE') && REAL.points.some((p) => p.country === 'BR')).toBe(true);
  });
});
