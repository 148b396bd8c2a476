import { OrpailleError, badInput } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import type { Organisation, Site } from '../parties/index.js';
import { isIsoDate } from '../certification/index.js';

/*
 * Input as typed by a person names organisations and sites by id or URI; the diligence records keep URIs.
 */

/** A registered organisation by id or URI; ORP_UNKNOWN_PARTY otherwise. */
export async function requireParty(orp: Orpaille, idOrUri: string, role: string): Promise<Organisation> {
  const org = await orp.registry.organisation(idOrUri);
  if (!org) throw new OrpailleError('ORP_UNKNOWN_PARTY', `${role} "${idOrUri}" is not a registered organisation`, { [role]: idOrUri });
  return org;
}

/** A registered mine site by id, URI or ICGLR id; ORP_UNKNOWN_SITE otherwise. */
export async function requireMineSite(orp: Orpaille, idOrUri: string): Promise<Site> {
  const s = (await orp.registry.sites()).find((x) => x.id === idOrUri || x.uri === idOrUri || x.icglrId === idOrUri);
  if (!s) throw new OrpailleError('ORP_UNKNOWN_SITE', `no mine site "${idOrUri}"`, { site: idOrUri });
  return s;
}

/** A YYYY-MM-DD date given by a person, or today when absent. */
export function dayOrToday(orp: Orpaille, v: string | undefined, field: string): string {
  if (v === undefined) return orp.clock.now().toISOString().slice(0, 10);
  if (!isIsoDate(v)) throw badInput(`${field} must be a date YYYY-MM-DD, got "${v}"`, { [field]: v });
  return v;
}

/** One of a fixed list of words, or ORP_BAD_INPUT naming them. */
export function oneOf<T extends string>(values: readonly T[], v: string, field: string): T {
  if (!(values as readonly string[]).includes(v)) throw badInput(`${field} must be one of ${values.join(', ')}, got "${v}"`, { [field]: v });
  return v as T;
}
