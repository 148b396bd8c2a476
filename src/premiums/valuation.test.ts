import { describe, expect, it } from 'vitest';
import { certificationRulesFrom } from '../certification/index.js';
import { OrpailleError } from '../kernel/index.js';
import { certifiedLot, lbma, PRODUCER, pricing, purchaseOf, TRADER } from '../../test/premiums/fixtures.js';
import { checkPurchasePrice, localDay, valuePurchase } from './valuation.js';

const dore = (scheme?: string) => certifiedLot('L1', 1000, 850, scheme);
const at2000 = { prices: [lbma('2026-03-02', '2000')] };

describe('a certified purchase: minimum due, price paid, premium due', () => {
  it('prices 1,000 g of doré at 850.0 fine, LBMA 2,000 USD/oz, under Fairmined: 850 g fine, minimum 51,923.46 USD, premium 3,400 USD', () => {
    const v = valuePurchase(purchaseOf([dore('fairmined')], '52000.00'), [dore('fairmined')], pricing(at2000))!;
    expect(v).toMatchObject({ status: 'evaluated', producer: PRODUCER, fineMg: 850_000, minimumCents: 5_192_346, paidCents: 5_200_000, premiumCents: 340_000, belowMinimum: false });
  });

  it.each([
    ['fairtrade', 170_000],
    ['fairmined-eco', 510_000],
    ['fairtrade-eco', 819_844],
  ])('owes the %s premium on the same purchase (%i cents)', (scheme, cents) => {
    expect(valuePurchase(purchaseOf([dore(scheme)], '52000'), [dore(scheme)], pricing(at2000))).toMatchObject({ premiumCents: cents, minimumCents: 5_192_346 });
  });

  it('states which benchmark price and which date it used, and the rule versions', () => {
    const v = valuePurchase(purchaseOf([dore('fairmined')], '52000'), [dore('fairmined')], pricing({ prices: [lbma('2026-02-27', '1990'), lbma('2026-03-03', '2100')] }))!;
    expect(v.benchmark).toMatchObject({ requestedDate: '2026-03-02', kind: 'earlier_fixing', date: '2026-02-27', fixing: 'pm', value: '1990', currency: 'USD' });
    expect(v.parts[0]!.rules).toMatchObject({ minimumPrice: { rule: 'certification.minimum_price', key: 'fairmined:gold' }, premium: { rule: 'certification.premium', key: 'fairmined:gold' } });
  });

  it('judges the purchase by the rules in force on its date: a Fairtrade premium before August 2013 is 10 % of the LBMA price', () => {
    const p = purchaseOf([dore('fairtrade')], '60000', 'USD', '2013-07-31T08:00:00.000Z');
    const v = valuePurchase(p, [dore('fairtrade')], pricing({ prices: [lbma('2013-07-31', '2000')] }))!;
    expect(v.premiumCents).toBe(546_563);
    expect(v.parts[0]!.rules!.premium.effectiveTo).toBe('2013-08-01');
  });

  it('uses the date where the purchase happened: 23:30 UTC on the 1st is the 2nd in Bunia', () => {
    expect(localDay('2026-03-01T23:30:00.000Z', '+02:00')).toBe('2026-03-02');
    expect(localDay('2026-03-02T03:00:00.000Z', '-05:00')).toBe('2026-03-01');
  });

  it('owes nothing on uncertified lots, and counts only the certified ones', () => {
    expect(valuePurchase(purchaseOf([dore()], '100'), [dore()], pricing(at2000))).toBeUndefined();
    const mixed = [dore('fairmined'), certifiedLot('L2', 500, 900)];
    expect(valuePurchase(purchaseOf(mixed, '60000'), mixed, pricing(at2000))).toMatchObject({ fineMg: 850_000 });
  });

  it('owes no premium on a purchase from a trader: the premium goes to the producer organisation', () => {
    const p = { ...purchaseOf([dore('fairmined')], '52000'), seller: TRADER };
    expect(valuePurchase(p, [dore('fairmined')], pricing(at2000))).toBeUndefined();
  });

  it('is not evaluated, and says so, when no LBMA price was published on or before its date', () => {
    expect(valuePurchase(purchaseOf([dore('fairmined')], '52000'), [dore('fairmined')], pricing({ prices: [lbma('2026-03-03', '2000')] }))).toMatchObject({
      status: 'not_evaluated',
      reason: 'no LBMA gold price for 2026-03-02',
    });
  });

  it('is not evaluated when its scheme has no rule in force on its date', () => {
    const v = valuePurchase(purchaseOf([dore('fairmined')], '52000'), [dore('fairmined')], pricing({ ...at2000, rules: certificationRulesFrom([]) }))!;
    expect(v.status).toBe('not_evaluated');
    expect(v.reason).toContain('certification.minimum_price');
  });
});

describe('a purchase in another currency than USD', () => {
  const rate = { currency: 'CDF', date: '2026-02-27', usdPerUnit: '0.00036', source: 'Banque Centrale du Congo' };

  it('is converted at the latest rate on or before its date and states it', () => {
    const v = valuePurchase(purchaseOf([dore('fairmined')], '150000000', 'CDF'), [dore('fairmined')], pricing({ ...at2000, rates: [rate] }))!;
    expect(v).toMatchObject({ status: 'evaluated', paidCents: 5_400_000, fx: rate });
  });

  it('is "not evaluated: no rate for CDF on D" without a rate', () => {
    expect(valuePurchase(purchaseOf([dore('fairmined')], '150000000', 'CDF'), [dore('fairmined')], pricing(at2000))).toMatchObject({
      status: 'not_evaluated',
      reason: 'no rate for CDF on 2026-03-02',
    });
  });
});

describe('the below-minimum policy of the buying organisation', () => {
  const under = (policy: 'reject' | 'flag', price = '50000.00', currency = 'USD') =>
    valuePurchase(purchaseOf([dore('fairmined')], price, currency), [dore('fairmined')], pricing({ ...at2000, policy }));

  it('reject: refuses a price below the minimum with ORP_PRICE_BELOW_MINIMUM naming minimum and paid', () => {
    const err = (() => {
      try {
        checkPurchasePrice(under('reject'));
      } catch (e) {
        return e as OrpailleError;
      }
      throw new Error('not refused');
    })();
    expect(err.code).toBe('ORP_PRICE_BELOW_MINIMUM');
    expect(err.details).toMatchObject({ purchaseNumber: 'P-1', minimum: '51923.46', paid: '50000.00', currency: 'USD' });
    expect(err.message).toContain('51923.46');
  });

  it('flag: accepts a price below the minimum and marks it for the findings', () => {
    const v = under('flag');
    expect(() => checkPurchasePrice(v)).not.toThrow();
    expect(v).toMatchObject({ belowMinimum: true, policy: 'flag' });
  });

  it('reject: accepts a price at the minimum', () => {
    expect(() => checkPurchasePrice(under('reject', '51923.46'))).not.toThrow();
  });

  it('reject: refuses a purchase it cannot check (ORP_PRICE_NOT_EVALUATED with the reason)', () => {
    expect(() => checkPurchasePrice(under('reject', '150000000', 'CDF'))).toThrow(expect.objectContaining({ code: 'ORP_PRICE_NOT_EVALUATED' }));
  });

  it('never judges a purchase that is not certified', () => {
    expect(() => checkPurchasePrice(undefined)).not.toThrow();
  });
});
