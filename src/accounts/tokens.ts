import { newApiToken, newId, roleWithin, type ApiToken, type UserRole } from '../access/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { requireOrganisation } from './users.js';

/**
 * Creates an API token for an organisation, optionally on behalf of one of its users (then it carries at
 * most that user's authority). Returns the token itself, to be shown once: only its hash is stored.
 */
export async function createToken(
  orp: Orpaille,
  input: { org: string; role: UserRole; name: string; user?: string; expiresAt?: number },
): Promise<{ token: ApiToken; secret: string }> {
  const org = await requireOrganisation(orp, input.org);
  if (input.name.trim() === '') throw new OrpailleError('ORP_BAD_INPUT', 'a token needs a name (what uses it)', {});
  if (input.user) {
    const user = await orp.access.user(input.user);
    if (!user || user.org !== org.id) throw new OrpailleError('ORP_NOT_FOUND', `no user ${input.user} in ${org.id}`, { user: input.user });
    if (!roleWithin(input.role, user.role)) {
      throw new OrpailleError('ORP_FORBIDDEN', `a ${user.role} cannot create a ${input.role} token`, { role: input.role, userRole: user.role });
    }
  }
  const now = orp.clock.now().getTime();
  if (input.expiresAt !== undefined && input.expiresAt <= now) throw new OrpailleError('ORP_BAD_INPUT', 'the expiry date is already past', {});
  const { token: secret, hash } = newApiToken();
  const token: ApiToken = {
    id: newId('tok'),
    org: org.id,
    role: input.role,
    name: input.name.trim(),
    createdAt: now,
    ...(input.user ? { user: input.user } : {}),
    ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
  };
  await orp.access.addToken(token, hash);
  return { token, secret };
}

/** Revokes a token (of `org` when given); 404 when there is no such live token. */
export async function revokeToken(orp: Orpaille, id: string, org?: string): Promise<ApiToken> {
  const t = await orp.access.token(id);
  if (!t || (org !== undefined && t.org !== org)) throw new OrpailleError('ORP_NOT_FOUND', `no token ${id}`, { token: id });
  await orp.access.revokeToken(id, orp.clock.now().getTime());
  return (await orp.access.token(id))!;
}
