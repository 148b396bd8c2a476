import type { Command, Option } from 'commander';
import { DISCLOSABLE_FIELDS, randomPassword } from '../access/index.js';
import { addGrant, addUser, bootstrapPlatformAdmin, createDisclosure, createToken, parseRole, requireOrganisation, revokeGrant, revokeToken } from '../accounts/index.js';
import { OrpailleError, parseDateOrDateTime } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { table } from './io.js';

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

/** What the access subcommands need from `main`: the opened Orpaille, printing, the --json option. */
export interface AccessCommandContext {
  open(): Promise<Orpaille>;
  print(json: boolean, data: unknown, text: () => string): void;
  json(): Option;
}

function instant(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const ms = parseDateOrDateTime(v);
  if (Number.isNaN(ms)) throw new OrpailleError('ORP_BAD_INPUT', `--${flag} must be YYYY-MM-DD or an ISO 8601 date-time, got "${v}"`);
  return ms;
}

const when = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

/** `orpaille user`, `token`, `grant` and `disclose`: the same operations as the HTTP admin routes. */
export function registerAccessCommands(program: Command, { open, print, json }: AccessCommandContext): void {
  const user = program.command('user').description('users of organisations (web login)');
  user
    .command('add')
    .description('add a user; without --password one is generated and printed once')
    .requiredOption('--org <id>', 'organisation')
    .requiredOption('--email <email>', 'e-mail address (the login)')
    .requiredOption('--role <role>', 'admin, operator, auditor or viewer')
    .option('--password <password>', 'at least 12 characters')
    .addOption(json())
    .action(async (o: { org: string; email: string; role: string; password?: string; json?: boolean }) => {
      const r = await addUser(await open(), { org: o.org, email: o.email, role: parseRole(o.role), ...(o.password !== undefined ? { password: o.password } : {}) });
      print(Boolean(o.json), r, () => `added ${r.user.email} (${r.user.role} of ${r.user.org}, ${r.user.id})` + (r.password ? `\npassword (shown once): ${r.password}` : ''));
    });
  user
    .command('list')
    .description('list users')
    .option('--org <id>', 'only this organisation')
    .addOption(json())
    .action(async (o: { org?: string; json?: boolean }) => {
      const orp = await open();
      const users = await orp.access.users(o.org ? (await requireOrganisation(orp, o.org)).id : undefined);
      print(Boolean(o.json), users, () =>
        table(users.map((u) => ({ ...u, org: u.org ?? '(platform)', created: when(u.createdAt), disabled: when(u.disabledAt) })), ['email', 'org', 'role', 'id', 'created', 'disabled']),
      );
    });

  const token = program.command('token').description('API tokens (Authorization: Bearer orp_...)');
  token
    .command('create')
    .description('create an API token; it is printed once, only its hash is kept')
    .requiredOption('--org <id>', 'organisation')
    .requiredOption('--role <role>', 'admin, operator, auditor or viewer')
    .requiredOption('--name <name>', 'what uses it ("scale at Mongbwalu")')
    .option('--expires <date>', 'YYYY-MM-DD or ISO 8601 date-time')
    .addOption(json())
    .action(async (o: { org: string; role: string; name: string; expires?: string; json?: boolean }) => {
      const expiresAt = instant(o.expires, 'expires');
      const r = await createToken(await open(), { org: o.org, role: parseRole(o.role), name: o.name, ...(expiresAt !== undefined ? { expiresAt } : {}) });
      print(Boolean(o.json), r, () => `token ${r.token.id} (${r.token.role} of ${r.token.org}, "${r.token.name}"); shown once:\n${r.secret}`);
    });
  token
    .command('list')
    .description('list API tokens (never the tokens themselves)')
    .option('--org <id>', 'only this organisation')
    .addOption(json())
    .action(async (o: { org?: string; json?: boolean }) => {
      const orp = await open();
      const tokens = await orp.access.tokens(o.org ? (await requireOrganisation(orp, o.org)).id : undefined);
      print(Boolean(o.json), tokens, () =>
        table(tokens.map((t) => ({ ...t, lastUsed: when(t.lastUsedAt), expires: when(t.expiresAt), revoked: when(t.revokedAt) })), ['id', 'org', 'role', 'name', 'lastUsed', 'expires', 'revoked']),
      );
    });
  token
    .command('revoke <id>')
    .description('revoke an API token')
    .addOption(json())
    .action(async (id: string, o: { json?: boolean }) => {
      const t = await revokeToken(await open(), id);
      print(Boolean(o.json), t, () => `revoked ${t.id} ("${t.name}" of ${t.org})`);
    });

  const grant = program.command('grant').description('access grants: an organisation lets an auditor see what it sees of its own');
  grant
    .command('add')
    .description('let --to see what --from sees of its own events and lots')
    .requiredOption('--from <org>', 'the organisation giving access')
    .requiredOption('--to <org>', 'the auditor organisation')
    .option('--until <date>', 'end (exclusive), YYYY-MM-DD or ISO 8601 date-time')
    .addOption(json())
    .action(async (o: { from: string; to: string; until?: string; json?: boolean }) => {
      const until = instant(o.until, 'until');
      const g = await addGrant(await open(), { from: o.from, to: o.to, ...(until !== undefined ? { until } : {}) });
      print(Boolean(o.json), g, () => `grant ${g.id}: ${g.grantee} sees what ${g.grantor} sees of its own${g.until ? ` until ${when(g.until)}` : ''}`);
    });
  grant
    .command('list')
    .description('list access grants')
    .option('--org <id>', 'only those given or received by this organisation')
    .addOption(json())
    .action(async (o: { org?: string; json?: boolean }) => {
      const orp = await open();
      const grants = await orp.access.grants(o.org ? (await requireOrganisation(orp, o.org)).id : undefined);
      print(Boolean(o.json), grants, () =>
        table(grants.map((g) => ({ ...g, from: g.grantor, to: g.grantee, until: when(g.until), revoked: when(g.revokedAt) })), ['id', 'from', 'to', 'until', 'revoked']),
      );
    });
  grant
    .command('revoke <id>')
    .description('end an access grant')
    .addOption(json())
    .action(async (id: string, o: { json?: boolean }) => {
      const g = await revokeGrant(await open(), id);
      print(Boolean(o.json), g, () => `ended grant ${g.id} (${g.grantor} to ${g.grantee})`);
    });

  program
    .command('disclose <lot>')
    .description(`publish chosen facts about a lot at /v/CODE (fields: ${DISCLOSABLE_FIELDS.join(', ')}; never miners or prices)`)
    .requiredOption('--fields <list>', 'comma-separated fields')
    .addOption(json())
    .action(async (lotId: string, o: { fields: string; json?: boolean }) => {
      const orp = await open();
      const lot = await orp.queries.lot(lotId);
      if (!lot) throw new OrpailleError('ORP_NOT_FOUND', `no lot ${lotId}`, { lot: lotId });
      // On the command line (full database access) the disclosure is made in the name of the lot's owner, else its custodian.
      const org = (await orp.registry.organisation(lot.owner)) ?? (await orp.registry.organisation(lot.custodian));
      if (!org) throw new OrpailleError('ORP_BAD_INPUT', `lot ${lotId} is held by no registered organisation`, { lot: lot.lot });
      const fields = o.fields.split(',').map((f) => f.trim()).filter(Boolean);
      const d = await createDisclosure(orp, { lot, org: org.id, createdBy: 'cli', fields });
      print(Boolean(o.json), { ...d, url: `/v/${d.code}` }, () => `disclosed ${d.fields.join(', ')} of ${lotId} for ${org.id}: /v/${d.code}`);
    });
}
