import { badInput, isCountryCode } from '../../kernel/index.js';

/*
 * Conflict-affected and high-risk areas (CAHRA) and other areas whose gold needs enhanced due
 * diligence (protected areas, indigenous territories), as dated country lists and GeoJSON polygons.
 * A default set ships in rules/risk-areas.geojson; users load their own with `orpaille diligence areas load`.
 */

export const AREA_CATEGORIES = ['cahra', 'protected_area'] as const;
export type AreaCategory = (typeof AREA_CATEGORIES)[number];

/** A ring of [longitude, latitude] positions (WGS84), first = last. */
export type Ring = [number, number][];
/** Polygons, each an outer ring followed by holes. */
export type Polygons = Ring[][];

export interface RiskArea {
  id: string;
  name: string;
  category: AreaCategory;
  /** Whole countries (ISO 3166-1 alpha-2) the area covers. */
  countries: string[];
  /** Polygons the area covers (besides its countries). */
  polygons: Polygons;
  /** First day the area is listed (inclusive) and first day it no longer is (exclusive). */
  effectiveFrom: string;
  effectiveTo?: string;
  source: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Is the area listed on `day` (YYYY-MM-DD)? */
export function areaInForce(a: RiskArea, day: string): boolean {
  return a.effectiveFrom <= day && (!a.effectiveTo || day < a.effectiveTo);
}

/** Areas in force on `day` whose polygons contain the point (WGS84 longitude, latitude). */
export function areasContainingPoint(areas: readonly RiskArea[], day: string, lon: number, lat: number): RiskArea[] {
  return areas.filter((a) => areaInForce(a, day) && a.polygons.some((p) => polygonContains(p, lon, lat)));
}

/** Areas in force on `day` that list the whole country. */
export function areasCoveringCountry(areas: readonly RiskArea[], day: string, country: string): RiskArea[] {
  return areas.filter((a) => areaInForce(a, day) && a.countries.includes(country));
}

/** Even-odd ray casting on the outer ring, minus the holes. */
export function polygonContains(polygon: Ring[], lon: number, lat: number): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !ringContains(outer, lon, lat)) return false;
  return !holes.some((h) => ringContains(h, lon, lat));
}

function ringContains(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Reads a GeoJSON FeatureCollection of risk areas. Each feature's properties: `id`, `name`,
 * `effectiveFrom` (YYYY-MM-DD) and `source` (required); `category` (cahra | protected_area, default
 * cahra), `countries` (ISO 3166-1 alpha-2 list), `effectiveTo`. Geometry: Polygon, MultiPolygon or
 * null (a country list only). Throws ORP_BAD_INPUT naming the feature and the field.
 */
export function parseRiskAreas(doc: unknown, defaults: { category?: AreaCategory; source?: string } = {}): RiskArea[] {
  const fc = asRecord(doc);
  if (!fc || fc['type'] !== 'FeatureCollection' || !Array.isArray(fc['features'])) throw badInput('risk areas must be a GeoJSON FeatureCollection', {});
  const seen = new Set<string>();
  return (fc['features'] as unknown[]).map((f, i) => {
    const feature = asRecord(f);
    const props = asRecord(feature?.['properties']) ?? {};
    const where = `feature ${i}`;
    const id = text(props['id'], `${where}: properties.id`);
    if (seen.has(`${id}|${String(props['effectiveFrom'])}`)) throw badInput(`${where}: area ${id} appears twice with the same effectiveFrom`, { id });
    seen.add(`${id}|${String(props['effectiveFrom'])}`);
    const category = (props['category'] ?? defaults.category ?? 'cahra') as AreaCategory;
    if (!AREA_CATEGORIES.includes(category)) throw badInput(`${where}: category must be one of ${AREA_CATEGORIES.join(', ')}`, { id, category });
    const countries = props['countries'] ?? [];
    if (!Array.isArray(countries) || !countries.every((c) => typeof c === 'string' && isCountryCode(c))) {
      throw badInput(`${where}: countries must be ISO 3166-1 alpha-2 codes`, { id, countries });
    }
    const effectiveFrom = text(props['effectiveFrom'], `${where}: properties.effectiveFrom`);
    if (!DAY.test(effectiveFrom)) throw badInput(`${where}: effectiveFrom must be a date YYYY-MM-DD`, { id, effectiveFrom });
    const effectiveTo = props['effectiveTo'];
    if (effectiveTo !== undefined && effectiveTo !== null && (typeof effectiveTo !== 'string' || !DAY.test(effectiveTo) || effectiveTo <= effectiveFrom)) {
      throw badInput(`${where}: effectiveTo must be a date after effectiveFrom`, { id, effectiveTo });
    }
    const polygons = geometryPolygons(feature?.['geometry'], where);
    if (polygons.length === 0 && countries.length === 0) throw badInput(`${where}: an area needs a polygon or a list of countries`, { id });
    const source = props['source'] ?? defaults.source;
    return {
      id,
      name: typeof props['name'] === 'string' ? props['name'] : id,
      category,
      countries: countries as string[],
      polygons,
      effectiveFrom,
      ...(typeof effectiveTo === 'string' ? { effectiveTo } : {}),
      source: text(source, `${where}: properties.source`),
    };
  });
}

/** The areas as a GeoJSON FeatureCollection (the format `parseRiskAreas` reads). */
export function riskAreasGeoJson(areas: readonly RiskArea[]): Record<string, unknown> {
  return {
    type: 'FeatureCollection',
    features: areas.map((a) => ({
      type: 'Feature',
      properties: {
        id: a.id,
        name: a.name,
        category: a.category,
        countries: a.countries,
        effectiveFrom: a.effectiveFrom,
        ...(a.effectiveTo ? { effectiveTo: a.effectiveTo } : {}),
        source: a.source,
      },
      geometry: a.polygons.length === 0 ? null : { type: 'MultiPolygon', coordinates: a.polygons },
    })),
  };
}

function geometryPolygons(g: unknown, where: string): Polygons {
  if (g === null || g === undefined) return [];
  const geom = asRecord(g);
  const coords = geom?.['coordinates'];
  if (geom?.['type'] === 'Polygon' && isPolygon(coords)) return [coords];
  if (geom?.['type'] === 'MultiPolygon' && Array.isArray(coords) && coords.every(isPolygon)) return coords as Polygons;
  throw badInput(`${where}: geometry must be a GeoJSON Polygon or MultiPolygon of [longitude, latitude] positions, or null`, {});
}

function isPolygon(v: unknown): v is Ring[] {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every(
      (ring) =>
        Array.isArray(ring) &&
        ring.length >= 4 &&
        ring.every((p) => Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90),
    )
  );
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function text(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw badInput(`${field} must be a non-empty string`, { field });
  return v;
}
