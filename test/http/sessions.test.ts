import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, bootstrapPlatformAdmin, PLATFORM_ADMIN_EMAIL } from '../../src/accounts/index.js';
import { buildApp } from '../../src/http/index.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const PASSWORD = 'correct horse battery';

function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'orp_session');
  if (!c) throw new Error('no session cookie');
  return `orp_session=${c.value}`;
}

describe.each(testStores)('web sessions and API tokens on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  let adminPassword: string;
  const login = (email: string, password: string) => app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });

  beforeAll(async () => {
    w = await makeWorld(store);
    await appendOk(w, w.buy('A'));
    adminPassword = (await bootstrapPlatformAdmin(w.orp))!.password;
    await addUser(w.orp, { org: 'house', email: 'Buyer@House.example', role: 'operator', password: PASSWORD });
    app = await buildApp(w.orp, { rateLimit: false });
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  it('creates the platform administrator only on first start', async () => {
    expect(await bootstrapPlatformAdmin(w.orp)).toBeUndefined();
    expect((await w.orp.access.users()).map((u) => u.email)).toContain(PLATFORM_ADMIN_EMAIL);
  });

  it('stores passwords only as salted scrypt hashes', async () => {
    const u = (await w.orp.access.userByEmail('buyer@house.example'))!;
    expect(u.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    expect(u.passwordHash).not.toContain(PASSWORD);
  });

  it('logs in with a HttpOnly, SameSite=Strict, Secure cookie and returns the CSRF token', async () => {
    const res = await login('buyer@house.example', PASSWORD);
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'orp_session')!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true, path: '/' });
    expect(res.json()).toMatchObject({ email: 'buyer@house.example', principal: { kind: 'user', role: 'operator', org: { id: 'house' }, visibleParties: [w.house.uri] } });
    expect(res.json().csrfToken).toMatch(/^[\w-]{43}$/);
    // Only the hash of the session id is stored.
    const rows = await w.orp.db.kysely.withTables<{ sessions: { id_hash: string } }>().selectFrom('sessions').select('id_hash').execute();
    expect(rows.map((r) => r.id_hash)).not.toContain(c.value);
  });

  it('refuses a wrong password and an unknown e-mail alike with 401', async () => {
    for (const [email, password] of [['buyer@house.example', 'wrong password'], ['nobody@house.example', PASSWORD]] as const) {
      const res = await login(email, password);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 'ORP_UNAUTHENTICATED', message: 'wrong e-mail or password', details: {} });
      expect(res.cookies).toEqual([]);
    }
  });

  it('turns the Secure flag off only when configured, for plain http://localhost', async () => {
    const plain = await buildApp(w.orp, { rateLimit: false, cookieSecure: false });
    const res = await plain.inject({ method: 'POST', url: '/auth/login', payload: { email: 'buyer@house.example', password: PASSWORD } });
    expect(res.cookies.find((x) => x.name === 'orp_session')!.secure).toBeUndefined();
    await plain.close();
  });

  it('reads with the session cookie and answers /auth/me with the same CSRF token', async () => {
    const res = await login('buyer@house.example', PASSWORD);
    const cookie = sessionCookie(res);
    const me = await app.inject({ method: 'GET', url: '/auth/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ email: 'buyer@house.example', csrfToken: res.json().csrfToken });
    const lots = await app.inject({ method: 'GET', url: '/lots', headers: { cookie } });
    expect(lots.json().lots.map((l: { lotNumber: string }) => l.lotNumber)).toEqual(['A']);
  });

  it('refuses a cookie-authenticated POST without the matching x-orpaille-csrf header', async () => {
    const res = await login('buyer@house.example', PASSWORD);
    const cookie = sessionCookie(res);
    const payload = { lot: 'A', fields: ['forms'] };
    for (const headers of [{ cookie }, { cookie, 'x-orpaille-csrf': 'forged' }]) {
      const r = await app.inject({ method: 'POST', url: '/disclosures', headers, payload });
      expect(r.statusCode).toBe(403);
      expect(r.json().code).toBe('ORP_FORBIDDEN');
    }
    const ok = await app.inject({ method: 'POST', url: '/disclosures', headers: { cookie, 'x-orpaille-csrf': res.json().csrfToken }, payload });
    expect(ok.statusCode).toBe(201);
  });

  it('ends the session at logout', async () => {
    const res = await login('buyer@house.example', PASSWORD);
    const cookie = sessionCookie(res);
    const out = await app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie, 'x-orpaille-csrf': res.json().csrfToken } });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('refuses an expired session', async () => {
    const short = await buildApp(w.orp, { rateLimit: false, sessionTtlMs: 0 });
    const res = await short.inject({ method: 'POST', url: '/auth/login', payload: { email: 'buyer@house.example', password: PASSWORD } });
    const me = await short.inject({ method: 'GET', url: '/auth/me', headers: { cookie: sessionCookie(res) } });
    expect(me.statusCode).toBe(401);
    await short.close();
  });

  it("lets the platform admin manage any organisation's users and tokens but see no lot", async () => {
    const res = await login(PLATFORM_ADMIN_EMAIL, adminPassword);
    expect(res.json().principal).toMatchObject({ platformAdmin: true, org: null, role: 'admin', visibleParties: [] });
    const headers = { cookie: sessionCookie(res), 'x-orpaille-csrf': res.json().csrfToken };
    const users = await app.inject({ method: 'GET', url: '/orgs/house/users', headers });
    expect(users.json().users.map((u: { email: string }) => u.email)).toContain('buyer@house.example');
    const created = await app.inject({ method: 'POST', url: '/orgs/exporter/tokens', headers, payload: { name: 'ERP', role: 'operator' } });
    expect(created.statusCode).toBe(201);
    expect(created.json().secret).toMatch(/^orp_[\w-]{43}$/);
    expect((await app.inject({ method: 'GET', url: '/lots', headers })).json().lots).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/lots/A', headers })).statusCode).toBe(404);
    const disclose = await app.inject({ method: 'POST', url: '/disclosures', headers, payload: { lot: 'A', fields: ['forms'] } });
    expect(disclose.statusCode).toBe(403);
  });

  it("makes a member's token carry at most the member's role, and dies with the member", async () => {
    await addUser(w.orp, { org: 'house', email: 'boss@house.example', role: 'admin', password: PASSWORD });
    const res = await login('boss@house.example', PASSWORD);
    const headers = { cookie: sessionCookie(res), 'x-orpaille-csrf': res.json().csrfToken };
    const created = await app.inject({ method: 'POST', url: '/orgs/house/tokens', headers, payload: { name: 'scale', role: 'viewer' } });
    const bearer = { authorization: `Bearer ${created.json().secret}` };
    expect((await app.inject({ method: 'GET', url: '/lots', headers: bearer })).statusCode).toBe(200);
    const listed = (await app.inject({ method: 'GET', url: '/orgs/house/tokens', headers })).json().tokens;
    const mine = listed.find((t: { id: string }) => t.id === created.json().token.id);
    expect(mine).toMatchObject({ name: 'scale', role: 'viewer', lastUsedAt: expect.any(String) });
    expect(JSON.stringify(listed)).not.toContain(created.json().secret);
    const boss = (await w.orp.access.userByEmail('boss@house.example'))!;
    const viewerHeaders = { authorization: `Bearer ${created.json().secret}` };
    await app.inject({ method: 'DELETE', url: `/orgs/house/users/${boss.id}`, headers });
    expect((await app.inject({ method: 'GET', url: '/lots', headers: viewerHeaders })).statusCode).toBe(401);
    expect((await login('boss@house.example', PASSWORD)).statusCode).toBe(401);
  });
});
