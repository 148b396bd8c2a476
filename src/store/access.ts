import type { Selectable } from 'kysely';
import type { AccessGrant, ApiToken, Session, User, UserRole } from '../access/index.js';
import type { AccessGrantsTable, AccessTables, ApiTokensTable, DisclosuresTable, UsersTable } from './access-tables.js';
import type { Db } from './db.js';

/** A user row with its password hash, for login only. */
export interface UserWithSecret extends User {
  passwordHash: string;
}

/** A public disclosure of chosen facts about a lot. */
export interface DisclosureRecord {
  code: string;
  lot: string;
  fields: string[];
  org: string;
  createdBy: string;
  createdAt: number;
  revokedAt?: number;
}

function userFromRow(r: Selectable<UsersTable>): UserWithSecret {
  const u: UserWithSecret = { id: r.id, org: r.org_id, email: r.email, role: r.role as UserRole, createdAt: Number(r.created_at), passwordHash: r.password_hash };
  if (r.disabled_at !== null) u.disabledAt = Number(r.disabled_at);
  return u;
}

function tokenFromRow(r: Selectable<ApiTokensTable>): ApiToken {
  const t: ApiToken = { id: r.id, org: r.org_id, role: r.role as UserRole, name: r.name, createdAt: Number(r.created_at) };
  if (r.user_id !== null) t.user = r.user_id;
  if (r.expires_at !== null) t.expiresAt = Number(r.expires_at);
  if (r.last_used_at !== null) t.lastUsedAt = Number(r.last_used_at);
  if (r.revoked_at !== null) t.revokedAt = Number(r.revoked_at);
  return t;
}

function grantFromRow(r: Selectable<AccessGrantsTable>): AccessGrant {
  const g: AccessGrant = { id: r.id, grantor: r.grantor_org, grantee: r.grantee_org, createdAt: Number(r.created_at) };
  if (r.until !== null) g.until = Number(r.until);
  if (r.revoked_at !== null) g.revokedAt = Number(r.revoked_at);
  return g;
}

function disclosureFromRow(r: Selectable<DisclosuresTable>): DisclosureRecord {
  const d: DisclosureRecord = { code: r.code, lot: r.lot_id, fields: JSON.parse(r.fields) as string[], org: r.org_id, createdBy: r.created_by, createdAt: Number(r.created_at) };
  if (r.revoked_at !== null) d.revokedAt = Number(r.revoked_at);
  return d;
}

function withoutSecret({ passwordHash: _, ...user }: UserWithSecret): User {
  return user;
}

/** Users, API tokens, sessions, access grants and disclosures. */
export function accessStore(db: Db) {
  const k = db.kysely.withTables<AccessTables>();
  return {
    async addUser(u: User, passwordHash: string): Promise<void> {
      await k
        .insertInto('users')
        .values({ id: u.id, org_id: u.org, email: u.email, password_hash: passwordHash, role: u.role, created_at: u.createdAt, disabled_at: null })
        .execute();
    },

    /** A user by e-mail (stored lower-case), with the password hash. */
    async userByEmail(email: string): Promise<UserWithSecret | undefined> {
      const r = await k.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
      return r ? userFromRow(r) : undefined;
    },

    async user(id: string): Promise<User | undefined> {
      const r = await k.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? withoutSecret(userFromRow(r)) : undefined;
    },

    /** Users of an organisation, or all users (platform administrators included) when `org` is undefined. */
    async users(org?: string): Promise<User[]> {
      let q = k.selectFrom('users').selectAll().orderBy('email');
      if (org !== undefined) q = q.where('org_id', '=', org);
      return (await q.execute()).map((r) => withoutSecret(userFromRow(r)));
    },

    async countUsers(): Promise<number> {
      return Number((await k.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    },

    /** Disables a user and ends its sessions; its tokens are revoked too. */
    async disableUser(id: string, at: number): Promise<void> {
      await k.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ disabled_at: at }).where('id', '=', id).where('disabled_at', 'is', null).execute();
        await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
        await trx.updateTable('api_tokens').set({ revoked_at: at }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
      });
    },

    async addToken(t: ApiToken, tokenHash: string): Promise<void> {
      await k
        .insertInto('api_tokens')
        .values({
          id: t.id,
          token_hash: tokenHash,
          org_id: t.org,
          user_id: t.user ?? null,
          role: t.role,
          name: t.name,
          created_at: t.createdAt,
          expires_at: t.expiresAt ?? null,
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
    },

    async tokenByHash(tokenHash: string): Promise<ApiToken | undefined> {
      const r = await k.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return r ? tokenFromRow(r) : undefined;
    },

    async token(id: string): Promise<ApiToken | undefined> {
      const r = await k.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? tokenFromRow(r) : undefined;
    },

    async tokens(org?: string): Promise<ApiToken[]> {
      let q = k.selectFrom('api_tokens').selectAll().orderBy('created_at').orderBy('id');
      if (org !== undefined) q = q.where('org_id', '=', org);
      return (await q.execute()).map(tokenFromRow);
    },

    /** Revokes a token; false when it does not exist or was already revoked. */
    async revokeToken(id: string, at: number): Promise<boolean> {
      const r = await k.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** Records use; callers throttle so a busy token does not write on every request. */
    async touchToken(id: string, at: number): Promise<void> {
      await k.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },

    async addSession(idHash: string, s: Session): Promise<void> {
      await k
        .insertInto('sessions')
        .values({ id_hash: idHash, user_id: s.user, csrf_token: s.csrf, created_at: s.createdAt, expires_at: s.expiresAt })
        .execute();
    },

    async session(idHash: string): Promise<Session | undefined> {
      const r = await k.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      return r ? { user: r.user_id, csrf: r.csrf_token, createdAt: Number(r.created_at), expiresAt: Number(r.expires_at) } : undefined;
    },

    /** Ends a session and, in passing, every expired one. */
    async endSession(idHash: string, now: number): Promise<void> {
      await k.deleteFrom('sessions').where((eb) => eb.or([eb('id_hash', '=', idHash), eb('expires_at', '<=', now)])).execute();
    },

    async addGrant(g: AccessGrant): Promise<void> {
      await k
        .insertInto('access_grants')
        .values({ id: g.id, grantor_org: g.grantor, grantee_org: g.grantee, created_at: g.createdAt, until: g.until ?? null, revoked_at: null })
        .execute();
    },

    /** Grants given or received by an organisation, or all of them. */
    async grants(org?: string): Promise<AccessGrant[]> {
      let q = k.selectFrom('access_grants').selectAll().orderBy('created_at').orderBy('id');
      if (org !== undefined) q = q.where((eb) => eb.or([eb('grantor_org', '=', org), eb('grantee_org', '=', org)]));
      return (await q.execute()).map(grantFromRow);
    },

    async grant(id: string): Promise<AccessGrant | undefined> {
      const r = await k.selectFrom('access_grants').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? grantFromRow(r) : undefined;
    },

    async revokeGrant(id: string, at: number): Promise<boolean> {
      const r = await k.updateTable('access_grants').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** Party URIs of the organisations whose grant to `grantee` is in force at `now`. */
    async grantorUris(grantee: string, now: number): Promise<string[]> {
      const rows = await k
        .selectFrom('access_grants')
        .innerJoin('organisations', 'organisations.id', 'access_grants.grantor_org')
        .select('organisations.uri')
        .where('access_grants.grantee_org', '=', grantee)
        .where('access_grants.revoked_at', 'is', null)
        .where((eb) => eb.or([eb('access_grants.until', 'is', null), eb('access_grants.until', '>', now)]))
        .distinct()
        .execute();
      return rows.map((r) => r.uri);
    },

    async addDisclosure(d: DisclosureRecord): Promise<void> {
      await k
        .insertInto('disclosures')
        .values({ code: d.code, lot_id: d.lot, fields: JSON.stringify(d.fields), org_id: d.org, created_by: d.createdBy, created_at: d.createdAt, revoked_at: null })
        .execute();
    },

    async disclosure(code: string): Promise<DisclosureRecord | undefined> {
      const r = await k.selectFrom('disclosures').selectAll().where('code', '=', code).executeTakeFirst();
      return r ? disclosureFromRow(r) : undefined;
    },

    /** Disclosures made by an organisation. */
    async disclosures(org: string): Promise<DisclosureRecord[]> {
      const rows = await k.selectFrom('disclosures').selectAll().where('org_id', '=', org).orderBy('created_at').orderBy('code').execute();
      return rows.map(disclosureFromRow);
    },

    async revokeDisclosure(code: string, at: number): Promise<boolean> {
      const r = await k.updateTable('disclosures').set({ revoked_at: at }).where('code', '=', code).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}

export type AccessStore = ReturnType<typeof accessStore>;
