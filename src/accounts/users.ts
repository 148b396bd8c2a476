import { hashPassword, isUserRole, newId, randomPassword, USER_ROLES, type User, type UserRole } from '../access/index.js';
import { badInput, OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The role named, or a clear error. */
export function parseRole(role: string): UserRole {
  if (!isUserRole(role)) throw badInput(`role must be one of ${USER_ROLES.join(', ')}, got "${role}"`, { role });
  return role;
}

/** An organisation by id or URI, or 404. */
export async function requireOrganisation(orp: Orpaille, idOrUri: string) {
  const org = await orp.registry.organisation(idOrUri);
  if (!org) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${idOrUri}"`, { org: idOrUri });
  return org;
}

/**
 * Adds a user to an organisation (`org` null: a platform administrator). Without a password one is
 * generated and returned, to be shown once.
 */
export async function addUser(
  orp: Orpaille,
  input: { org: string | null; email: string; role: UserRole; password?: string },
): Promise<{ user: User; password?: string }> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw badInput(`"${input.email}" is not an e-mail address`, { email: input.email });
  if (input.password !== undefined && input.password.length < 12) throw badInput('a password needs at least 12 characters', {});
  const org = input.org === null ? null : (await requireOrganisation(orp, input.org)).id;
  if (await orp.access.userByEmail(email)) throw new OrpailleError('ORP_BAD_INPUT', `a user ${email} already exists`, { email });
  const password = input.password ?? randomPassword();
  const user: User = { id: newId('usr'), org, email, role: org === null ? 'admin' : input.role, createdAt: orp.clock.now().getTime() };
  await orp.access.addUser(user, await hashPassword(password));
  return input.password === undefined ? { user, password } : { user };
}

export const PLATFORM_ADMIN_EMAIL = 'admin@orpaille.local';

/**
 * On first start (no users at all) creates the platform administrator, who manages organisations'
 * users and tokens but sees no organisation's lots or events. Returns its password, to print once.
 */
export async function bootstrapPlatformAdmin(orp: Orpaille): Promise<{ email: string; password: string } | undefined> {
  if ((await orp.access.countUsers()) > 0) return undefined;
  const { user, password } = await addUser(orp, { org: null, email: PLATFORM_ADMIN_EMAIL, role: 'admin' });
  return { email: user.email, password: password! };
}
