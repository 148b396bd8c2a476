import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/access/index.js';
import { buildApp } from '../../src/http/index.js';
import { fixedClock } from '../../src/kernel/index.js';
import { openOrpaille } from '../../src/orpaille.js';
import { run } from '../support/cli.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, NOW, type World } from '../support/world.js';

const sqliteStore = testStores.find((s) => s.name === 'sqlite')!;

describe('the access subcommands of orpaille', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(sqliteStore);
    await appendOk(w, w.buy('A', { grams: 10, fineness: 800 }));
    await w.orp.close();
  });
  afterAll(async () => {
    w.orp = await openOrpaille(w.config);
    await w.cleanup();
  });

  it.each([['user', 'add'], ['user', 'list'], ['token', 'create'], ['token', 'list'], ['token', 'revoke'], ['grant', 'add'], ['grant', 'list'], ['grant', 'revoke'], ['disclose']])(
    'explains `%s %s` with --help',
    async (...cmd) => {
      const r = await run(w, ...cmd.filter(Boolean), '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain('Usage: orpaille');
    },
  );

  it('adds a user with a generated password printed once, and lists users without secrets', async () => {
    const r = await run(w, 'user', 'add', '--org', 'house', '--email', 'clerk@house.example', '--role', 'operator', '--json');
    expect(r.code).toBe(0);
    const { user, password } = JSON.parse(r.out) as { user: { email: string; role: string }; password: string };
    expect(user).toMatchObject({ email: 'clerk@house.example', role: 'operator' });
    const list = await run(w, 'user', 'list', '--org', 'house');
    expect(list.out).toContain('clerk@house.example');
    expect(list.out).not.toContain(password);
    const orp = await openOrpaille(w.config);
    expect(await verifyPassword(password, (await orp.access.userByEmail('clerk@house.example'))!.passwordHash)).toBe(true);
    await orp.close();
  });

  it('refuses an unknown role or organisation with exit 2', async () => {
    expect((await run(w, 'user', 'add', '--org', 'house', '--email', 'x@y.z', '--role', 'god')).code).toBe(2);
    const r = await run(w, 'token', 'create', '--org', 'nowhere', '--role', 'viewer', '--name', 'n');
    expect(r.code).toBe(2);
    expect(r.err).toContain('ORP_NOT_FOUND');
  });

  it('creates a token printed once that authenticates, and revokes it', async () => {
    const r = await run(w, 'token', 'create', '--org', 'house', '--role', 'viewer', '--name', 'scale', '--json');
    const { token, secret } = JSON.parse(r.out) as { token: { id: string }; secret: string };
    expect(secret).toMatch(/^orp_[\w-]{43}$/);
    expect((await run(w, 'token', 'list', '--json')).out).not.toContain(secret);
    const orp = await openOrpaille({ ...w.config, clock: fixedClock(NOW) });
    const app = await buildApp(orp, { rateLimit: false });
    const get = () => app.inject({ method: 'GET', url: '/lots', headers: { authorization: `Bearer ${secret}` } });
    expect((await get()).statusCode).toBe(200);
    expect((await run(w, 'token', 'revoke', token.id)).code).toBe(0);
    expect((await get()).statusCode).toBe(401);
    await app.close();
    await orp.close();
  });

  it('adds, lists and ends access grants', async () => {
    const r = await run(w, 'grant', 'add', '--from', 'house', '--to', 'refiner', '--until', '2027-01-01', '--json');
    const g = JSON.parse(r.out) as { id: string; grantor: string; grantee: string };
    expect(g).toMatchObject({ grantor: 'house', grantee: 'refiner' });
    expect((await run(w, 'grant', 'list', '--org', 'refiner')).out).toContain(g.id);
    expect((await run(w, 'grant', 'add', '--from', 'house', '--to', 'refiner', '--until', 'soon')).code).toBe(2);
    expect((await run(w, 'grant', 'revoke', g.id)).code).toBe(0);
  });

  it('discloses chosen facts of a lot and refuses a price', async () => {
    const r = await run(w, 'disclose', 'A', '--fields', 'originCountries,forms', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ fields: ['originCountries', 'forms'], url: expect.stringMatching(/^\/v\/[\w-]{10}$/) });
    const bad = await run(w, 'disclose', 'A', '--fields', 'forms,prices');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('ORP_FIELD_NOT_DISCLOSABLE');
  });
});
