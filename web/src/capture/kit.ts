import { api, ApiError, setCsrfToken } from '../api';
import type { Me } from '../session';
import { deviceKeyPair, publicJwk } from './device';
import type { DeviceIdentity } from './ids';
import { basisOf, BASIS_GRAMS, type PriceBasis, type Quote } from './pricing';
import { queuedSerials } from './serials';
import { loadKit, queuedCaptures, saveKit, type FieldKit, type LotSummary, type MinerSummary, type SiteSummary } from './store';

/** The schemes whose minimum price and premium the purchase form shows. */
export const PRICE_SCHEMES = ['fairmined', 'fairtrade'] as const;

/** A name for the device in the organisation's list: the browser and platform it runs on. */
function deviceName(): string {
  const ua = navigator.userAgent;
  const browser = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'browser';
  const platform = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : 'device';
  return `${browser} on ${platform}`;
}

async function basis(scheme: string): Promise<PriceBasis | undefined> {
  try {
    return basisOf(await api.post<Quote>('/prices/quote', { scheme, grams: String(BASIS_GRAMS), fineness: '1000' }));
  } catch (err) {
    // No benchmark price for today: the form says so; anything else is a real failure.
    if (err instanceof ApiError && (err.code === 'ORP_NO_PRICE' || err.code === 'ORP_NO_RULE')) return undefined;
    throw err;
  }
}

/**
 * Asks the server for the session's CSRF token again: a session cookie outlives a page reloaded offline, its token
 * (kept in memory only) does not, and every write needs it.
 */
export async function renewCsrf(): Promise<void> {
  setCsrfToken((await api.get<Me>('/auth/me')).csrfToken);
}

/**
 * Fetches the field kit while online: registers this device's key (the server answers the device already
 * registered for the same key), then the organisation's sites, miners, the lots it holds, the tag and seal serials
 * it holds unused and today's price bases. Miners registered on this device and not yet synced are kept; serials
 * named by pack captures still queued are left out (the server does not know they are used yet).
 */
export async function refreshKit(org: string): Promise<FieldKit> {
  await renewCsrf();
  const pair = await deviceKeyPair(org);
  const device = await api.post<DeviceIdentity>('/devices', { name: deviceName(), publicKey: await publicJwk(pair) });
  const [sites, miners, lots, tags] = await Promise.all([
    api.get<SiteSummary[]>('/sites'),
    api.get<MinerSummary[]>('/miners'),
    api.get<{ lots: LotSummary[] }>('/lots', { org, limit: 1000 }),
    api.get<{ stock: { onHandSerials: string[] } }>('/tags/stock', { agent: org }),
  ]);
  const used = queuedSerials(await queuedCaptures(org));
  const bases: Record<string, PriceBasis> = {};
  for (const scheme of PRICE_SCHEMES) {
    const b = await basis(scheme);
    if (b) bases[scheme] = b;
  }
  const known = new Set(miners.map((m) => m.uri));
  const prior = await loadKit(org);
  const pendingMiners = (prior?.miners ?? []).filter((m) => m.local && !known.has(m.uri));
  const kit: FieldKit = {
    device,
    sites: sites.map(({ id, uri, name, country, owner, own }) => ({ id, uri, name, country, owner, own })),
    miners: [...miners.map(({ id, uri, displayName }) => ({ id, uri, displayName })), ...pendingMiners],
    lots: lots.lots.map(({ id, lotNumber, form, grossGrams, custodian, status, inTransitTo, bag }) => ({ id, lotNumber, form, grossGrams, custodian, status, ...(inTransitTo ? { inTransitTo } : {}), ...(bag ? { bag } : {}) })),
    bases,
    tags: tags.stock.onHandSerials.filter((s) => !used.has(s)),
    refreshedAt: new Date().toISOString(),
  };
  await saveKit(org, kit);
  return kit;
}
