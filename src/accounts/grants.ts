import { newId, type AccessGrant } from '../access/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { requireOrganisation } from './users.js';

/**
 * `from` lets `to` (typically an auditor) see what `from` sees of its own events and lots, until `until`
 * (exclusive) when given.
 */
export async function addGrant(orp: Orpaille, input: { from: string; to: string; until?: number }): Promise<AccessGrant> {
  const from = await requireOrganisation(orp, input.from);
  const to = await requireOrganisation(orp, input.to);
  if (from.id === to.id) throw new OrpailleError('ORP_BAD_INPUT', 'an organisation already sees its own data', { org: from.id });
  const now = orp.clock.now().getTime();
  if (input.until !== undefined && input.until <= now) throw new OrpailleError('ORP_BAD_INPUT', 'the end date is already past', {});
  const grant: AccessGrant = { id: newId('grt'), grantor: from.id, grantee: to.id, createdAt: now, ...(input.until !== undefined ? { until: input.until } : {}) };
  await orp.access.addGrant(grant);
  return grant;
}

/** Ends a grant given by `org` (any grant when undefined); 404 when there is none. */
export async function revokeGrant(orp: Orpaille, id: string, org?: string): Promise<AccessGrant> {
  const g = await orp.access.grant(id);
  if (!g || (org !== undefined && g.grantor !== org)) throw new OrpailleError('ORP_NOT_FOUND', `no grant ${id}`, { grant: id });
  await orp.access.revokeGrant(id, orp.clock.now().getTime());
  return (await orp.access.grant(id))!;
}
