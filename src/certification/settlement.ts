import { badInput, fineGoldMg, formatFineness, formatGrams, formatMoney, isCurrencyCode, parseDecimal, parseMoney, type Decimal, type Fineness, type Milligrams } from '../kernel/index.js';
import type { AppliedPrice } from './lbma.js';
import type { RuleRef } from './rules.js';
import { perOunceCents, troyOunces, valueCents } from './valuation.js';

/*
 * A refinery settlement statement for a delivery (GOLD-RULES s.2): payable fine gold = net melt mass x
 * final assay x payable % (a contract term); value = payable fine gold (troy oz) x benchmark price on the
 * agreed date; less refining, treatment and assay charges; plus a silver credit. Masses are integer
 * milligrams rounded down (never more gold than there was); money is exact until rounded once per line
 * to the cent, half up.
 */

export const SETTLEMENT_ROUNDING =
  'fine and payable masses rounded down to the milligram; each money line computed exactly and rounded to the cent, half up; the amount due is the sum of the rounded lines';

export const CHARGE_KINDS = ['refining', 'treatment', 'assay', 'other'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

/** A charge: a flat amount, or a rate per troy ounce of payable fine gold. */
export type Charge =
  | { kind: ChargeKind; description?: string; amount: string }
  | { kind: ChargeKind; description?: string; perPayableTroyOunce: string };

/** The benchmark price a statement used: looked up (see applicablePrice) or agreed by the parties. */
export interface PriceUsed {
  kind: AppliedPrice['kind'] | 'agreed';
  date: string;
  value: string;
  currency: string;
  source: string;
}

/** Credit for the silver in the delivery: its fineness, payable share and benchmark price. */
export interface SilverCredit {
  /** Silver content of the net melt mass, tenths of per-mille. */
  fineness: Fineness;
  /** Share of the fine silver paid, percent (decimal string, e.g. "90"). */
  payablePercent: string;
  /** Silver benchmark price, USD per troy ounce, and its date and source. */
  price: PriceUsed;
}

/** Everything a statement is computed from. */
export interface SettlementInput {
  /** Net mass after melting, milligrams. */
  netMeltMg: Milligrams;
  /** Final gold assay (see reconcileAssays), tenths of per-mille, and where it came from. */
  fineness: Fineness;
  assay: { basis: string; exchange?: string };
  /** Share of the fine gold paid, percent (decimal string; commonly 98-99.5, a contract term). */
  payablePercent: string;
  /** The benchmark price applied and why (see applicablePrice). */
  price: PriceUsed;
  charges: Charge[];
  silverCredit?: SilverCredit;
}

export interface SettlementLine {
  kind: ChargeKind | 'gold' | 'silver_credit';
  description: string;
  /** Signed amount in the statement currency: positive credits the seller, negative debits it. */
  amount: string;
}

export interface SettlementResult {
  currency: string;
  netMeltGrams: string;
  fineness: string;
  fineGoldMg: Milligrams;
  fineGoldGrams: string;
  fineGoldTroyOunces: string;
  payablePercent: string;
  payableGoldMg: Milligrams;
  payableGoldGrams: string;
  payableTroyOunces: string;
  benchmark: { kind: string; date: string; usdPerTroyOz: string; source: string };
  goldValue: string;
  charges: SettlementLine[];
  silverCredit?: SettlementLine & { fineSilverGrams: string; payableSilverGrams: string };
  totalCharges: string;
  amountDue: string;
  rounding: string;
}

/** `mg` x percent / 100, rounded down to the milligram. */
function share(mg: Milligrams, percent: Decimal): Milligrams {
  return Number((BigInt(mg) * percent.units) / (100n * 10n ** BigInt(percent.scale)));
}

function percent(text: string, field: string): Decimal {
  const d = parseDecimal(text, field, 4);
  if (d.units > 100n * 10n ** BigInt(d.scale)) throw badInput(`${field} cannot exceed 100 %`, { [field]: text });
  return d;
}

/** Computes a settlement statement. Throws ORP_BAD_INPUT on unusable input (nothing to store). */
export function settle(input: SettlementInput): SettlementResult {
  if (!Number.isSafeInteger(input.netMeltMg) || input.netMeltMg <= 0) throw badInput('the net melt mass must be positive', { netMeltMg: input.netMeltMg });
  if (!Number.isInteger(input.fineness) || input.fineness <= 0 || input.fineness > 10000) throw badInput('the final assay must be above 0 and at most 1000 per-mille', { fineness: input.fineness });
  const currency = input.price.currency;
  if (!isCurrencyCode(currency)) throw badInput(`currency "${currency}" is not an ISO 4217 code`, { currency });
  const payable = percent(input.payablePercent, 'payablePercent');
  const price = parseDecimal(input.price.value, 'benchmark price');

  const fineMg = fineGoldMg(input.netMeltMg, input.fineness);
  const payableMg = share(fineMg, payable);
  const goldCents = valueCents(payableMg, price);

  let chargeCents = 0n;
  const charges: SettlementLine[] = input.charges.map((c) => {
    if (!(CHARGE_KINDS as readonly string[]).includes(c.kind)) throw badInput(`charge kind must be one of ${CHARGE_KINDS.join(', ')}`, { kind: c.kind });
    let cents: bigint;
    let description: string;
    if ('amount' in c) {
      cents = BigInt(parseMoney(c.amount, `${c.kind} charge`));
      description = c.description ?? `${c.kind} charge`;
    } else {
      const rate = parseDecimal(c.perPayableTroyOunce, `${c.kind} charge per troy ounce`, 6);
      cents = perOunceCents(payableMg, rate);
      description = c.description ?? `${c.kind} charge, ${c.perPayableTroyOunce} ${currency} per payable troy ounce`;
    }
    chargeCents += cents;
    return { kind: c.kind, description, amount: formatMoney(-cents) };
  });

  let silver: SettlementResult['silverCredit'];
  let silverCents = 0n;
  if (input.silverCredit) {
    const s = input.silverCredit;
    if (!Number.isInteger(s.fineness) || s.fineness < 0 || s.fineness + input.fineness > 10000) throw badInput('silver and gold together cannot exceed 1000 per-mille', { silverFineness: s.fineness });
    if (s.price.currency !== currency) throw badInput(`the silver price is in ${s.price.currency}, the gold price in ${currency}`, {});
    const fineSilver = fineGoldMg(input.netMeltMg, s.fineness);
    const payableSilver = share(fineSilver, percent(s.payablePercent, 'silver payablePercent'));
    silverCents = valueCents(payableSilver, parseDecimal(s.price.value, 'silver price'));
    silver = {
      kind: 'silver_credit',
      description: `silver credit: ${formatGrams(payableSilver)} g payable (${s.payablePercent} % of ${formatGrams(fineSilver)} g at ${formatFineness(s.fineness)}) at ${s.price.value} ${currency}/ozt (${s.price.kind} ${s.price.date})`,
      amount: formatMoney(silverCents),
      fineSilverGrams: formatGrams(fineSilver),
      payableSilverGrams: formatGrams(payableSilver),
    };
  }

  return {
    currency,
    netMeltGrams: formatGrams(input.netMeltMg),
    fineness: formatFineness(input.fineness),
    fineGoldMg: fineMg,
    fineGoldGrams: formatGrams(fineMg),
    fineGoldTroyOunces: troyOunces(fineMg),
    payablePercent: input.payablePercent,
    payableGoldMg: payableMg,
    payableGoldGrams: formatGrams(payableMg),
    payableTroyOunces: troyOunces(payableMg),
    benchmark: { kind: input.price.kind, date: input.price.date, usdPerTroyOz: input.price.value, source: input.price.source },
    goldValue: formatMoney(goldCents),
    charges,
    ...(silver ? { silverCredit: silver } : {}),
    totalCharges: formatMoney(chargeCents),
    amountDue: formatMoney(goldCents - chargeCents + silverCents),
    rounding: SETTLEMENT_ROUNDING,
  };
}

/** A stored statement: the document with every input, the result and the rule versions used. */
export interface SettlementStatement {
  id: string;
  /** The delivery lot (URI). */
  lot: string;
  seller: string;
  buyer: string;
  /** The agreed pricing date. */
  pricingDate: string;
  input: SettlementInput;
  result: SettlementResult;
  rules: RuleRef[];
  createdAt: string;
  /** Organisation (id) that computed and stored it. */
  org: string;
  /** User or token id (or "cli") that made it. */
  createdBy: string;
}

/** Stored settlement statements. src/store implements it. */
export interface SettlementStore {
  add(s: SettlementStatement): Promise<void>;
  get(id: string): Promise<SettlementStatement | undefined>;
}
