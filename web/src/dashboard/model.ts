/**
 * The dashboard's model (no DOM; unit-tested): what the API answers for the map, the flow diagram and the
 * incidents, the default period, and the geometry helpers the SVG components use.
 */

import type { IcglrStatus } from '../../../src/certification/shapes.js';
import type { Incident } from '../../../src/diligence/shapes.js';
import type { DashboardSite } from '../../../src/reporting/dashboard-types.js';

export type { IcglrStatus } from '../../../src/certification/shapes.js';
export type { DashboardSite, FlowLink, FlowNode, Flows } from '../../../src/reporting/dashboard-types.js';
/** ICGLR statuses in the legend's order: the best first, not yet inspected last. */
export const ICGLR_STATUSES: readonly IcglrStatus[] = ['green', 'yellow', 'red', 'blue'];

/** GET /dashboard/sites. */
export interface SitesAnswer {
  date: string;
  sites: DashboardSite[];
}

/** GET /incidents (src/http/incidents.ts): a page of incidents and how many match. */
export interface IncidentList {
  total: number;
  incidents: Incident[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The last twelve months up to and including `today`: [same day a year earlier, tomorrow), `to` exclusive. */
export function lastTwelveMonths(today: Date): { from: string; to: string } {
  const from = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), today.getUTCDate() + 1));
  const to = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1));
  return { from: day(from), to: day(to) };
}

/** Whether a site asks for attention: open risks in the register or open incidents. */
export const hasOpenRisk = (s: DashboardSite) => s.openRisks + s.openIncidents > 0;

/**
 * The longitude/latitude box to show for the sites: their extent widened to at least `minSpan` degrees each way
 * (a few sites close together still show their country and neighbours) with a margin; the world when there is none.
 */
export function mapBox(sites: readonly { latitude: number; longitude: number }[], minSpan = 24, margin = 0.15): [[number, number], [number, number]] {
  if (sites.length === 0) return [[-180, -60], [180, 75]];
  const lons = sites.map((s) => s.longitude);
  const lats = sites.map((s) => s.latitude);
  const widen = (lo: number, hi: number, limit: number): [number, number] => {
    const span = Math.max(hi - lo, minSpan) * (1 + 2 * margin);
    const mid = (lo + hi) / 2;
    return [Math.max(-limit, mid - span / 2), Math.min(limit, mid + span / 2)];
  };
  const [west, east] = widen(Math.min(...lons), Math.max(...lons), 180);
  const [south, north] = widen(Math.min(...lats), Math.max(...lats), 85);
  return [[west, south], [east, north]];
}

/** The points of a regular marker shape centred on (0, 0): each ICGLR status has its own, so colour is not the only cue. */
export function markerPath(status: IcglrStatus, r: number): string {
  switch (status) {
    case 'green':
      return `M ${-r} 0 A ${r} ${r} 0 1 0 ${r} 0 A ${r} ${r} 0 1 0 ${-r} 0 Z`;
    case 'yellow':
      return `M 0 ${-r * 1.2} L ${r * 1.1} ${r * 0.8} L ${-r * 1.1} ${r * 0.8} Z`;
    case 'red':
      return `M ${-r * 0.9} ${-r * 0.9} H ${r * 0.9} V ${r * 0.9} H ${-r * 0.9} Z`;
    default:
      return `M 0 ${-r * 1.2} L ${r * 1.2} 0 L 0 ${r * 1.2} L ${-r * 1.2} 0 Z`;
  }
}

/** A marker's place on the drawing: where the site is (`x`, `y`) and where its marker is drawn (`mx`, `my`). */
export interface Placed<T> {
  item: T;
  x: number;
  y: number;
  mx: number;
  my: number;
}

/**
 * Moves markers that would overlap (closer than `minDist` pixels: sites a few kilometres apart on a country-wide
 * map) onto a small circle around their group's centre, so that each stays visible and focusable; the drawing
 * links each moved marker to its true place with a line. Groups are formed greedily, in the given order.
 */
export function spreadMarkers<T>(points: readonly { item: T; x: number; y: number }[], minDist: number): Placed<T>[] {
  const groups: { item: T; x: number; y: number }[][] = [];
  for (const p of points) {
    const near = groups.find((g) => g.some((q) => Math.hypot(q.x - p.x, q.y - p.y) < minDist));
    if (near) near.push(p);
    else groups.push([p]);
  }
  return groups.flatMap((g) => {
    if (g.length === 1) return [{ ...g[0]!, mx: g[0]!.x, my: g[0]!.y }];
    const cx = g.reduce((a, p) => a + p.x, 0) / g.length;
    const cy = g.reduce((a, p) => a + p.y, 0) / g.length;
    // Adjacent markers on the circle are `minDist` apart: chord = 2 r sin(pi / n).
    const r = minDist / (2 * Math.sin(Math.PI / g.length));
    return g.map((p, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / g.length;
      return { ...p, mx: cx + r * Math.cos(a), my: cy + r * Math.sin(a) };
    });
  });
}

/** A label cut to `max` characters with an ellipsis (the full text stays in the element's title). */
export const shorten = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);
