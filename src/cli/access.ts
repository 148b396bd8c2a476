import { randomPassword } from '../access/index.js';
import { addUser, bootstrapPlatformAdmin } from '../accounts/index.js';
import type { Orpaille } from '../orpaille.js';

/**
 * First-start accounts for `serve`: the platform administrator when there is no user, and, when the demo
 * was just seeded, one admin per demo organisation (`admin@<org id>.demo`) sharing one printed password.
 * Returns the lines telling how to log in; passwords are printed this once and never stored in clear.
 */
export async function firstStartAccounts(orp: Orpaille, url: string, demoSeeded: boolean): Promise<string[]> {
  const admin = await bootstrapPlatformAdmin(orp);
  const lines: string[] = [];
  if (admin) lines.push(`  platform admin (shown once): ${admin.email} / ${admin.password}`);
  if (demoSeeded && admin) {
    const password = randomPassword();
    for (const org of await orp.registry.organisations()) await addUser(orp, { org: org.id, email: `admin@${org.id}.demo`, role: 'admin', password });
    lines.push(`  demo organisation admins (shown once): admin@<org id>.demo / ${password}  (e.g. admin@th-mongbwalu.demo)`);
  }
  lines.push(
    `  log in:   POST ${url}/auth/login {"email","password"} (cookie), or an API token: npx orpaille token create --org ORG --role viewer --name NAME`,
    `  then:     curl -H "Authorization: Bearer orp_..." ${url}/lots`,
  );
  return lines;
}
