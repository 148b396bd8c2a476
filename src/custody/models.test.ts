import { describe, expect, it } from 'vitest';
import { OrpailleError } from '../kernel/index.js';
import { availableMg, creditKey, earn, emptyAccount, expiredMg, spend } from './credits.js';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import type { CustodyRules, DecisionContext } from './rules.js';
import { emptyState, type CustodyState } from './state.js';
import type { CocModel, LotState, NewLot, TransformEvent } from './types.js';

/*
 * The chain-of-custody model rules (GOLD-RULES s.3 invariants 4 and 5 and the stricter identity
 * preserved model) and dated mass-balance credits, decided on a state built by hand.
 */

const HOLDER = 'org:refiner';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);
const iso = (ms: number) => new Date(ms).toISOString();

/** Credits of every scheme live 30 days, except "forever", which has no expiry rule. */
const rules: CustodyRules = {
  lossTolerancePermille: () => 30,
  lossDeviationPolicy: () => 'reject',
  creditExpiresAt: (scheme, _metal, earnedAt) => (scheme === 'forever' ? undefined : earnedAt + 30 * DAY),
};

const ctx: DecisionContext = {
  now: T0 + 400 * DAY,
  maxClockSkewMs: 0,
  rules,
  isOrganisation: () => true,
  isSite: () => true,
  isMiner: () => true,
};

function lot(id: string, cocModel: CocModel, opts: { scheme?: string; site?: string; grams?: number; fineness?: number } = {}): LotState {
  const mg = (opts.grams ?? 100) * 1000;
  return {
    lot: id,
    form: 'dore',
    initialMg: mg,
    heldMg: mg,
    fineness: (opts.fineness ?? 900) * 10,
    custodian: HOLDER,
    owner: HOLDER,
    status: 'active',
    cocModel,
    ...(opts.scheme ? { scheme: opts.scheme } : {}),
    ...(opts.site ? { site: opts.site } : {}),
    createdAt: T0,
    lastEventAt: T0,
  };
}

function stateWith(...lots: LotState[]): CustodyState {
  const s = emptyState();
  for (const l of lots) s.lots.set(l.lot, l);
  return s;
}

function out(id: string, cocModel: CocModel, grams: number, scheme?: string): NewLot {
  return { lot: id, form: 'dore', grossMg: grams * 1000, fineness: 9000, cocModel, ...(scheme ? { scheme } : {}) };
}

function transform(inputs: { lot: string; grams: number }[], outputs: NewLot[], day = 1, operation: TransformEvent['operation'] = 'melt'): TransformEvent {
  return {
    type: 'transform',
    eventTime: iso(T0 + day * DAY),
    eventTimeZoneOffset: '+00:00',
    recorder: HOLDER,
    operation,
    inputs: inputs.map((i) => ({ lot: i.lot, massMg: i.grams * 1000 })),
    outputs,
  };
}

function refusal(fn: () => void): OrpailleError {
  try {
    fn();
  } catch (err) {
    if (err instanceof OrpailleError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('identity preserved', () => {
  it('never combines a lot with another, even one of the same scheme and model', () => {
    const s = stateWith(lot('A', 'identity_preserved', { scheme: 'fairmined', site: 'site:1' }), lot('B', 'identity_preserved', { scheme: 'fairmined', site: 'site:1' }));
    const e = transform([{ lot: 'A', grams: 100 }, { lot: 'B', grams: 100 }], [out('AB', 'identity_preserved', 200, 'fairmined')]);
    expect(refusal(() => decide(e, s, ctx))).toMatchObject({ code: 'ORP_IDENTITY_NOT_PRESERVED', details: { lot: 'AB', inputs: ['A', 'B'] } });
  });

  it('does not come from a segregated lot, nor carry another scheme than its input', () => {
    const s = stateWith(lot('S', 'segregated', { scheme: 'fairmined', site: 'site:1' }), lot('I', 'identity_preserved', { scheme: 'fairmined', site: 'site:1' }));
    expect(refusal(() => decide(transform([{ lot: 'S', grams: 100 }], [out('X', 'identity_preserved', 100, 'fairmined')]), s, ctx)).code).toBe('ORP_IDENTITY_NOT_PRESERVED');
    expect(refusal(() => decide(transform([{ lot: 'I', grams: 100 }], [out('Y', 'identity_preserved', 100, 'fairtrade')]), s, ctx)).code).toBe('ORP_IDENTITY_NOT_PRESERVED');
  });

  it('splits into identity-preserved pieces that keep the single site of origin', () => {
    const s = stateWith(lot('I', 'identity_preserved', { scheme: 'fairmined', site: 'site:1' }));
    const e = transform([{ lot: 'I', grams: 100 }], [out('I1', 'identity_preserved', 50, 'fairmined'), out('I2', 'identity_preserved', 50, 'fairmined')], 1, 'split');
    decide(e, s, ctx);
    evolve(s, e, rules);
    expect(s.lots.get('I1')).toMatchObject({ cocModel: 'identity_preserved', scheme: 'fairmined', site: 'site:1' });
    expect(s.lots.get('I2')?.site).toBe('site:1');
  });

  it('counts as segregated: identity-preserved lots of a scheme may go into a segregated output of it', () => {
    const s = stateWith(lot('A', 'identity_preserved', { scheme: 'fairmined', site: 'site:1' }), lot('S', 'segregated', { scheme: 'fairmined', site: 'site:2' }));
    expect(() => decide(transform([{ lot: 'A', grams: 100 }, { lot: 'S', grams: 100 }], [out('M', 'segregated', 200, 'fairmined')]), s, ctx)).not.toThrow();
  });
});

describe('segregated (unchanged)', () => {
  it('needs every input segregated, of the same scheme', () => {
    const s = stateWith(
      lot('A', 'segregated', { scheme: 'fairmined' }),
      lot('F', 'segregated', { scheme: 'fairtrade' }),
      lot('M', 'mass_balance', { scheme: 'fairmined' }),
      lot('B', 'book_and_claim', { scheme: 'fairmined' }),
    );
    for (const other of ['F', 'M', 'B']) {
      const e = transform([{ lot: 'A', grams: 100 }, { lot: other, grams: 100 }], [out('X', 'segregated', 200, 'fairmined')]);
      expect(refusal(() => decide(e, s, ctx)), other).toMatchObject({ code: 'ORP_SEGREGATION_BROKEN', details: { input: other } });
    }
  });
});

describe('book and claim', () => {
  it('comes from any material, with no physical link, when the holder has the credits to back its scheme', () => {
    const s = stateWith(lot('U', 'mass_balance'));
    const account = emptyAccount(HOLDER, 'fairmined');
    earn(account, 100_000, T0, T0 + 30 * DAY);
    s.credits.set(creditKey(HOLDER, 'fairmined'), account);
    const e = transform([{ lot: 'U', grams: 100 }], [out('BC', 'book_and_claim', 100, 'fairmined')]);
    decide(e, s, ctx);
    evolve(s, e, rules);
    expect(availableMg(account, T0 + DAY)).toBe(10_000);
  });

  it('is refused when no credits back its scheme', () => {
    const s = stateWith(lot('U', 'mass_balance'));
    const e = transform([{ lot: 'U', grams: 100 }], [out('BC', 'book_and_claim', 100, 'fairmined')]);
    expect(refusal(() => decide(e, s, ctx))).toMatchObject({ code: 'ORP_CREDIT_NEGATIVE', details: { scheme: 'fairmined', metal: 'gold', balanceGrams: '0.000', askedGrams: '90.000' } });
  });
});

describe('mass-balance credits', () => {
  /** 100 g at 900 in, 99 g out: `grams` of it claimed as Fairmined, the rest uncertified. */
  const claim = (input: string, grams: number, day: number) =>
    transform([{ lot: input, grams: 100 }], [out(`C-${input}`, 'mass_balance', grams, 'fairmined'), ...(grams < 99 ? [out(`R-${input}`, 'mass_balance', 99 - grams)] : [])], day);

  it('are kept per holder, scheme and metal', () => {
    expect(creditKey(HOLDER, 'fairmined', 'gold')).not.toBe(creditKey(HOLDER, 'fairmined', 'silver'));
    expect(creditKey(HOLDER, 'fairmined')).toBe(creditKey(HOLDER, 'fairmined', 'gold'));
    expect(creditKey(HOLDER, 'fairmined')).not.toBe(creditKey(HOLDER, 'fairtrade'));
  });

  it('are earned as a dated entry expiring by the rule in force the day they are earned', () => {
    const s = stateWith(lot('C', 'mass_balance', { scheme: 'fairmined' }));
    const e = transform([{ lot: 'C', grams: 100 }], [out('U', 'mass_balance', 99)], 3);
    evolve(s, e, rules);
    expect(s.credits.get(creditKey(HOLDER, 'fairmined'))?.entries).toEqual([
      { entry: 1, earnedAt: T0 + 3 * DAY, expiresAt: T0 + 33 * DAY, amountMg: 90_000, remainingMg: 90_000 },
    ]);
  });

  it('a mass-balance account that would go negative is refused', () => {
    const s = stateWith(lot('C', 'mass_balance', { scheme: 'fairmined' }), lot('U', 'mass_balance'));
    // 90 g fine earned, 89.1 g claimed: 0.9 g left.
    const first = claim('C', 99, 1);
    decide(first, s, ctx);
    evolve(s, first, rules);
    expect(refusal(() => decide(claim('U', 2, 2), s, ctx))).toMatchObject({
      code: 'ORP_CREDIT_NEGATIVE',
      details: { holder: HOLDER, scheme: 'fairmined', metal: 'gold', balanceGrams: '0.900', askedGrams: '1.800' },
    });
    expect(() => decide(claim('U', 1, 2), s, ctx)).not.toThrow();
  });

  it('an expired credit does not count', () => {
    const s = stateWith(lot('C', 'mass_balance', { scheme: 'fairmined' }), lot('U', 'mass_balance'));
    const earned = transform([{ lot: 'C', grams: 100 }], [out('X', 'mass_balance', 99)], 1);
    evolve(s, earned, rules);
    // Earned on day 1, the 90 g expire on day 31: usable the day before, refused on the day.
    expect(() => decide(claim('U', 10, 30), s, ctx)).not.toThrow();
    const err = refusal(() => decide(claim('U', 10, 31), s, ctx));
    expect(err).toMatchObject({ code: 'ORP_CREDIT_NEGATIVE', details: { balanceGrams: '0.000', expiredGrams: '90.000' } });
    expect(err.message).toContain('expired');
  });

  it('spends the oldest credit first, so the newer one outlives it', () => {
    const account = emptyAccount(HOLDER, 'fairmined');
    earn(account, 5_000, T0, T0 + 30 * DAY);
    earn(account, 5_000, T0 + 10 * DAY, T0 + 40 * DAY);
    expect(spend(account, 3_000, T0 + 20 * DAY)).toBe(0);
    expect(account.entries.map((e) => e.remainingMg)).toEqual([2_000, 5_000]);
    // After the first entry expires, only the second counts.
    expect(availableMg(account, T0 + 35 * DAY)).toBe(5_000);
    expect(expiredMg(account, T0 + 35 * DAY)).toBe(2_000);
    expect(spend(account, 6_000, T0 + 35 * DAY)).toBe(1_000);
    expect(account.entries.map((e) => e.remainingMg)).toEqual([2_000, 0]);
  });

  it('cannot back a claim dated before it was earned', () => {
    const account = emptyAccount(HOLDER, 'fairmined');
    earn(account, 5_000, T0 + 10 * DAY, T0 + 40 * DAY);
    expect(availableMg(account, T0 + 9 * DAY)).toBe(0);
  });

  it('do not expire when no rule dates the scheme', () => {
    const s = stateWith(lot('C', 'mass_balance', { scheme: 'forever' }));
    evolve(s, transform([{ lot: 'C', grams: 100 }], [out('X', 'mass_balance', 99)], 1), rules);
    const account = s.credits.get(creditKey(HOLDER, 'forever'))!;
    expect(account.entries[0]?.expiresAt).toBeUndefined();
    expect(availableMg(account, T0 + 3000 * DAY)).toBe(90_000);
  });
});
