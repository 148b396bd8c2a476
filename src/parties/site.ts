import { badInput } from '../kernel/index.js';
import type { SiteGeometry } from './types.js';

/** ICGLR mine-site id: ISO country code, WGS84 latitude and longitude with 4 decimals, a 5-digit number. */
export function icglrSiteId(country: string, latitude: number, longitude: number, serial: number): string {
  if (!/^[A-Z]{2}$/.test(country)) throw badInput(`country "${country}" is not an ISO 3166-1 alpha-2 code`);
  if (!Number.isInteger(serial) || serial < 0 || serial > 99999) throw badInput(`site serial ${serial} must be 0-99999`);
  return `${country}-${latitude.toFixed(4)}-${longitude.toFixed(4)}-${String(serial).padStart(5, '0')}`;
}

const ICGLR = /^([A-Z]{2})-(-?\d{1,2}\.\d{4})-(-?\d{1,3}\.\d{4})-(\d{5})$/;

/** Parses an ICGLR mine-site id, or returns undefined when it is malformed. */
export function parseIcglrSiteId(id: string): { country: string; latitude: number; longitude: number; serial: number } | undefined {
  const m = ICGLR.exec(id);
  if (!m) return undefined;
  const latitude = Number(m[2]);
  const longitude = Number(m[3]);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { country: m[1]!, latitude, longitude, serial: Number(m[4]) };
}

/** The representative point of a site: the point itself, or the mean of a polygon's outer ring. */
export function representativePoint(g: SiteGeometry): { latitude: number; longitude: number } {
  if (g.type === 'Point') return { longitude: g.coordinates[0], latitude: g.coordinates[1] };
  const ring = g.coordinates[0] ?? [];
  const pts = ring.length > 1 ? ring.slice(0, -1) : ring;
  const lon = pts.reduce((a, p) => a + p[0], 0) / Math.max(1, pts.length);
  const lat = pts.reduce((a, p) => a + p[1], 0) / Math.max(1, pts.length);
  return { latitude: lat, longitude: lon };
}

/**
 * A site's UTC offset approximated from its longitude (15 degrees an hour), for logbooks that give
 * dates without a time. Good for the ASM regions served (Ituri +02:00, Madre de Dios -05:00, Ghana +00:00).
 */
export function approximateOffset(longitude: number): string {
  const hours = Math.max(-12, Math.min(14, Math.round(longitude / 15)));
  const sign = hours < 0 ? '-' : '+';
  return `${sign}${String(Math.abs(hours)).padStart(2, '0')}:00`;
}
