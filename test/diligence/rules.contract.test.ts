import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser } from '../../src/accounts/index.js';
import type { GoldEvent, PurchaseEvent } from '../../src/custody/index.js';
import { buildApp } from '../../src/http/index.js';
import { authHeaders } from '../support/auth.js';
import { run } from '../support/cli.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const CASH = 'redflag.cash_without_approval';
const PASSWORD = 'a long password!';

/** A production + cash purchase pair paid `price` USD on day `day` of March 2026. */
function cashSale(w: World, n: string, price: string, day: number): GoldEvent[] {
  const [p, b] = w.buy(n, { grams: 10, at: w.at(day) });
  return [p!, { ...(b as PurchaseEvent), price, paymentMethod: 'cash' }];
}

for (const store of testStores) {
  describe(`changing a rule (${store.name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await makeWorld(store);
    });
    afterEach(async () => {
      await w.cleanup();
    });

    it('a lower cash threshold from a day judges purchases from that day, and leaves earlier ones as they were judged', async () => {
      await w.orp.rules.addVersion({ rule: CASH, key: 'USD', effectiveFrom: '2026-03-10', value: { enabled: true, above: '5000.00' }, source: 'board decision', confidence: 'firm' });
      await appendOk(w, [...cashSale(w, '1', '6000.00', 5), ...cashSale(w, '2', '6000.00', 12)]);
      const { incidents } = await w.orp.incidents.list({ rule: 'cash_without_approval' });
      expect(incidents.map((i) => [i.subject, i.evidence.threshold['above'], i.evidence.ruleVersion.effectiveFrom])).toEqual([['P-2', '5000.00', '2026-03-10']]);
      const versions = await w.orp.rules.list(CASH);
      expect(versions.find((v) => v.key === 'USD' && v.effectiveFrom === '2000-01-01')!.effectiveTo).toBe('2026-03-10');
    });

    it('refuses a value of the wrong shape and changes nothing', async () => {
      const before = await w.orp.rules.list(CASH);
      await expect(w.orp.rules.addVersion({ rule: CASH, key: 'USD', effectiveFrom: '2026-03-10', value: { enabled: true, above: 5000 }, source: 'typo', confidence: 'firm' })).rejects.toMatchObject({ code: 'ORP_RULE_VALUE_INVALID' });
      expect(await w.orp.rules.list(CASH)).toEqual(before);
    });

    it('orpaille rules set adds a version and rules list --date shows the one in force', async () => {
      const set = await run(w, 'rules', 'set', CASH, 'USD', '--from', '2026-03-10', '--value', '{"enabled":true,"above":"5000.00"}', '--source', 'board decision');
      expect(set.code).toBe(0);
      expect(set.out).toContain('closed the version from 2000-01-01 on 2026-03-10');
      const list = await run(w, 'rules', 'list', '--rule', CASH, '--date', '2026-03-09', '--json');
      const inForce = JSON.parse(list.out) as { key: string; value: { above: string } }[];
      expect(inForce.find((v) => v.key === 'USD')!.value.above).toBe('10000.00');
      const bad = await run(w, 'rules', 'set', CASH, 'USD', '--from', '2026-01-01', '--value', '{"enabled":true,"above":"1.00"}', '--source', 'x');
      expect(bad.code).not.toBe(0);
      expect(bad.err).toContain('ORP_RULE_BACKDATED');
    });

    describe('over HTTP', () => {
      let app: FastifyInstance;
      beforeEach(async () => {
        app = await buildApp(w.orp, { rateLimit: false });
      });
      afterEach(async () => {
        await app.close();
      });

      it('every caller reads the rules; only the platform administrator adds a version', async () => {
        const house = await authHeaders(w.orp, w.house.id, 'admin');
        const read = await app.inject({ method: 'GET', url: `/rules?rule=${CASH}&date=2026-03-01`, headers: house });
        expect(read.statusCode).toBe(200);
        expect(read.json().versions.map((v: { key: string }) => v.key).sort()).toEqual(['EUR', 'USD']);
        const body = { rule: CASH, key: 'USD', effectiveFrom: '2026-03-10', value: { enabled: true, above: '5000.00' }, source: 'board decision' };
        const denied = await app.inject({ method: 'POST', url: '/rules', headers: house, payload: body });
        expect(denied.statusCode).toBe(403);
        await addUser(w.orp, { org: null, email: 'root@orpaille.test', role: 'admin', password: PASSWORD });
        const login = await app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'root@orpaille.test', password: PASSWORD } });
        const root = { cookie: `orp_session=${login.cookies.find((c) => c.name === 'orp_session')!.value}`, 'x-orpaille-csrf': login.json().csrfToken };
        const wrong = await app.inject({ method: 'POST', url: '/rules', headers: root, payload: { ...body, value: { enabled: 'yes', above: '5000.00' } } });
        expect(wrong.statusCode).toBe(422);
        expect(wrong.json().code).toBe('ORP_RULE_VALUE_INVALID');
        const added = await app.inject({ method: 'POST', url: '/rules', headers: root, payload: body });
        expect(added.statusCode).toBe(201);
        expect(added.json().close).toMatchObject({ effectiveFrom: '2000-01-01', effectiveTo: '2026-03-10' });
        const after = await app.inject({ method: 'GET', url: `/rules?rule=${CASH}&date=2026-03-10`, headers: house });
        expect(after.json().versions.find((v: { key: string }) => v.key === 'USD').value.above).toBe('5000.00');
      });
    });
  });
}
