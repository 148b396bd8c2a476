import { newApiToken, newId, type UserRole } from '../../src/access/index.js';
import type { Orpaille } from '../../src/orpaille.js';

/** Creates (directly in the store) a user-less API token for an organisation and role; returns headers for app.inject(). */
export async function authHeaders(orp: Orpaille, org: string, role: UserRole = 'admin'): Promise<{ authorization: string }> {
  const { token, hash } = newApiToken();
  await orp.access.addToken({ id: newId('tok'), org, role, name: `test ${role}`, createdAt: orp.clock.now().getTime() }, hash);
  return { authorization: `Bearer ${token}` };
}
