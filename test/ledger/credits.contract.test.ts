import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransformEvent } from '../../src/custody/index.js';
import { m0008Claims } from '../../src/store/migration-0008_claims.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

/*
 * Mass-balance credits as dated entries in the store: expiry by the scheme's rule in force when they
 * were earned, oldest spent first, and only the accounts a batch touches loaded.
 */

const DAY = 86_400_000;

describe.each(testStores)('mass-balance credits on $name', (store) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(store);
    await w.orp.rules.seed([
      { rule: 'massbalance.credit_expiry', key: 'fairmined', effectiveFrom: '2026-01-01', value: { months: 1 }, source: 'test: a shorter lifetime from 2026', confidence: 'assumed' },
    ]);
  });
  afterEach(async () => {
    await w.cleanup();
  });

  /** The house melts 10 g at 800 into 9.9 g: `claimed` g of it as Fairmined mass balance, the rest uncertified. */
  const melt = (n: string, input: string, claimed: number, at: string): TransformEvent => ({
    type: 'transform',
    eventTime: at,
    eventTimeZoneOffset: '+02:00',
    recorder: w.house.uri,
    operation: 'melt',
    inputs: [{ lot: w.lot(w.house, 'dore', input), massMg: 10_000 }],
    outputs: [
      ...(claimed > 0 ? [{ lot: w.lot(w.house, 'dore', `${n}-FM`), form: 'dore' as const, grossMg: claimed * 1000, fineness: 8000, cocModel: 'mass_balance' as const, scheme: 'fairmined' }] : []),
      ...(claimed < 9.9 ? [{ lot: w.lot(w.house, 'dore', n), form: 'dore' as const, grossMg: 9900 - claimed * 1000, fineness: 8000, cocModel: 'mass_balance' as const }] : []),
    ],
  });
  const certified = (n: string) => w.buy(n, { grams: 10, fineness: 800, scheme: 'fairmined', cocModel: 'mass_balance' });
  const plain = (n: string) => w.buy(n, { grams: 10, fineness: 800, cocModel: 'mass_balance' });

  it('stores each credit as a dated entry that expires by the rule in force the day it was earned', async () => {
    await appendOk(w, [...certified('C1'), melt('M1', 'C1', 0, w.at(5))]);
    const account = await w.orp.queries.creditAccount(w.house.uri, 'fairmined', 'gold');
    expect(account?.entries).toEqual([
      { entry: 1, earnedAt: Date.parse(w.at(5)), expiresAt: Date.parse(w.at(5)) + 31 * DAY, amountMg: 8000, remainingMg: 8000 },
    ]);
    expect(await w.orp.queries.creditAccount(w.house.uri, 'fairmined', 'silver')).toBeUndefined();
  });

  it('an expired credit does not count, in a later batch', async () => {
    await appendOk(w, [...certified('C1'), ...plain('U1'), ...plain('U2'), melt('M1', 'C1', 0, w.at(5))]);
    // 8 g earned on 5 March expire on 5 April: a 4 g claim on 4 April is covered...
    await appendOk(w, [melt('M2', 'U1', 5, w.at(35))]);
    // ...the 4 g left are void from 5 April on.
    const r = await w.orp.append([melt('M3', 'U2', 1, w.at(36))]);
    expect(r.committed).toBe(false);
    expect(r.results[0]?.error).toMatchObject({ code: 'ORP_CREDIT_NEGATIVE', details: { balanceGrams: '0.000', askedGrams: '0.800' } });
  });

  it('spends the oldest usable credit first, across batches, and skips expired ones', async () => {
    await appendOk(w, [...certified('C1'), ...certified('C2'), ...plain('U1'), ...plain('U2'), ...plain('U3'), melt('M1', 'C1', 0, w.at(5))]);
    await appendOk(w, [melt('M2', 'C2', 0, w.at(20))]);
    // 6 g claimed on 25 March come out of the 5 March entry: 2 g of it and all of the 20 March entry are left.
    await appendOk(w, [melt('M3', 'U1', 7.5, w.at(25))]);
    expect((await w.orp.queries.creditAccount(w.house.uri, 'fairmined'))?.entries.map((e) => [e.entry, e.remainingMg])).toEqual([
      [1, 2000],
      [2, 8000],
    ]);
    // On 10 April the first entry has expired: 7.92 g come out of the second one alone.
    await appendOk(w, [melt('M4', 'U2', 9.9, w.at(41))]);
    expect((await w.orp.queries.creditAccount(w.house.uri, 'fairmined'))?.entries.map((e) => e.remainingMg)).toEqual([2000, 80]);
    const r = await w.orp.append([melt('M5', 'U3', 1.25, w.at(41, 9))]);
    expect(r.results[0]?.error).toMatchObject({ code: 'ORP_CREDIT_NEGATIVE', details: { balanceGrams: '0.080', askedGrams: '1.000' } });
    expect((await w.orp.verify()).ok).toBe(true);
  });

  it('carries a balance recorded before credits were dated over as one undated gold entry', async () => {
    const k = w.orp.db.kysely as unknown as Kysely<any>;
    await m0008Claims.down!(k);
    await k.insertInto('credit_accounts').values([
      { holder: w.house.uri, scheme: 'fairmined', balance_mg: 1234 },
      { holder: w.refiner.uri, scheme: 'fairtrade', balance_mg: 0 },
    ]).execute();
    await m0008Claims.up(k);
    expect(await w.orp.queries.creditAccount(w.house.uri, 'fairmined', 'gold')).toEqual({
      holder: w.house.uri,
      scheme: 'fairmined',
      metal: 'gold',
      lastEntry: 1,
      entries: [{ entry: 1, earnedAt: 0, amountMg: 1234, remainingMg: 1234 }],
    });
    expect(await w.orp.queries.creditAccount(w.refiner.uri, 'fairtrade', 'gold')).toMatchObject({ lastEntry: 0, entries: [] });
    // The carried-over credit backs a claim like any other, and the next entry is number 2.
    await appendOk(w, [...plain('U1'), melt('M1', 'U1', 1.5, w.at(5))]);
    expect((await w.orp.queries.creditAccount(w.house.uri, 'fairmined'))?.entries.map((e) => e.remainingMg)).toEqual([34]);
  });
});
