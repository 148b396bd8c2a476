import { GENDERS, type Gender, type Miner, type Organisation } from '../parties/index.js';
import { makeMiner } from '../parties/index.js';
import { OrpailleError } from '../kernel/index.js';
import { deviceSerialBase } from './blocks.js';
import type { MinerCapture } from './types.js';

/** What registering a miner asks for: deliberately minimal personal data (GOLD-RULES: no name in any event). */
export interface MinerInput {
  displayName: string;
  gender: string;
  birthYear: number;
  registeredOn: string;
  site?: string;
}

const bad = (message: string, details: Record<string, unknown> = {}) => new OrpailleError('ORP_BAD_INPUT', message, details);

function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

/**
 * Checks a miner registration against the organisation's mine sites and today's date: a name, a gender of the
 * list, a year of birth no later than the registration, a real registration date not in the future, a site of
 * the organisation. ORP_BAD_INPUT naming the field otherwise.
 */
export function checkMinerInput(input: MinerInput, siteUris: ReadonlySet<string>, today: string): MinerInput & { gender: Gender } {
  const displayName = typeof input.displayName === 'string' ? input.displayName.trim() : '';
  if (displayName.length === 0 || displayName.length > 200) throw bad('displayName must be 1 to 200 characters', { field: 'displayName' });
  if (!(GENDERS as readonly string[]).includes(input.gender)) throw bad(`gender must be one of ${GENDERS.join(', ')}`, { field: 'gender' });
  if (typeof input.registeredOn !== 'string' || !isIsoDate(input.registeredOn) || input.registeredOn > today) {
    throw bad(`registeredOn must be a date (YYYY-MM-DD) no later than ${today}`, { field: 'registeredOn' });
  }
  const year = Number(input.registeredOn.slice(0, 4));
  if (!Number.isInteger(input.birthYear) || input.birthYear < 1900 || input.birthYear > year) throw bad(`birthYear must be a year from 1900 to ${year}`, { field: 'birthYear' });
  if (input.site !== undefined && !siteUris.has(input.site)) throw new OrpailleError('ORP_UNKNOWN_SITE', `site ${input.site} is not a mine site of this organisation`, { site: input.site });
  return { displayName, gender: input.gender as Gender, birthYear: input.birthYear, registeredOn: input.registeredOn, ...(input.site !== undefined ? { site: input.site } : {}) };
}

/** The miner record of a checked registration under `serial`. */
export function minerRecord(org: Organisation, serial: number, input: MinerInput & { gender: Gender }): Miner {
  const { site, ...personal } = input;
  return { ...makeMiner(org, serial, personal), ...(site !== undefined ? { site } : {}) };
}

/** The GSRN service reference of a miner of the organisation (the digits between the prefix and the check digit). */
export function minerSerialOf(org: Pick<Organisation, 'companyPrefix'>, miner: Pick<Miner, 'uri'>): number | undefined {
  const m = /\/8018\/(\d{18})$/.exec(miner.uri);
  if (!m || !m[1]!.startsWith(org.companyPrefix)) return undefined;
  return Number(m[1]!.slice(org.companyPrefix.length, 17));
}

/** The next serial a miner registered online takes: one above the highest below the devices' blocks. */
export function nextMinerSerial(org: Pick<Organisation, 'companyPrefix'>, miners: readonly Pick<Miner, 'uri'>[]): number {
  const base = deviceSerialBase(org.companyPrefix);
  let max = 0;
  for (const m of miners) {
    const s = minerSerialOf(org, m);
    if (s !== undefined && s < base && s > max) max = s;
  }
  if (max + 1 >= base) throw bad('no miner serial left below the devices’ blocks', {});
  return max + 1;
}

/** Reads the JSON a device signed to register a miner; ORP_BAD_INPUT when it is not one. */
export function readMinerCapture(body: string): MinerCapture {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    throw bad('the miner capture is not JSON', {});
  }
  const o = (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {}) as Record<string, unknown>;
  const allowed = new Set(['serial', 'displayName', 'gender', 'birthYear', 'registeredOn', 'site']);
  const extra = Object.keys(o).find((k) => !allowed.has(k));
  if (extra !== undefined) throw bad(`the miner capture has an unknown field "${extra}"`, { field: extra });
  if (typeof o['serial'] !== 'number' || !Number.isInteger(o['serial'])) throw bad('the miner capture needs an integer serial', { field: 'serial' });
  return {
    serial: o['serial'],
    displayName: String(o['displayName'] ?? ''),
    gender: String(o['gender'] ?? ''),
    birthYear: typeof o['birthYear'] === 'number' ? o['birthYear'] : Number.NaN,
    registeredOn: String(o['registeredOn'] ?? ''),
    ...(o['site'] !== undefined ? { site: String(o['site']) } : {}),
  };
}

/** True when a stored miner is the registration again (a retry), field by field. */
export function sameMiner(a: Miner, b: Miner): boolean {
  return a.uri === b.uri && a.displayName === b.displayName && a.gender === b.gender && a.birthYear === b.birthYear && a.registeredOn === b.registeredOn && (a.site ?? '') === (b.site ?? '');
}
