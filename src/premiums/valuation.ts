import { PRICE_SCHEMES, quotePrice, type AppliedPrice, type CertificationRules, type Metal, type PriceScheme } from '../certification/index.js';
import type { LotState, PartyUri, PurchaseEvent } from '../custody/index.js';
import { OrpailleError, fineGoldMg, formatGrams, formatMoney, isOrpailleError, parseMoney } from '../kernel/index.js';
import { usdCents } from './fx.js';
import type { BelowMinimumPolicy, FxRate, PurchaseValuation, ValuationPart } from './types.js';

/**
 * What pricing a batch of purchases needs, answered from data loaded for the batch (see the ledger's
 * decision context): the rules, which benchmark price and which exchange rate apply on a date, who the
 * producer behind a seller is, and each buyer's below-minimum policy.
 */
export interface PricingData {
  rules: CertificationRules;
  /** The benchmark price that applies on a date (see certification's applicablePrice). */
  benchmark(metal: Metal, date: string): AppliedPrice | undefined;
  /** The exchange rate that applies on a date. */
  fxRate(currency: string, date: string): FxRate | undefined;
  /** The producer organisation selling (itself, or a miner's organisation); undefined for a trader. */
  producerOf(seller: PartyUri): PartyUri | undefined;
  policyOf(buyer: PartyUri): BelowMinimumPolicy;
}

/** The calendar date of an event where it happened (its own time-zone offset). */
export function localDay(eventTime: string, offset: string): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(Date.parse(eventTime) + minutes * 60_000).toISOString().slice(0, 10);
}

function isPriceScheme(s: string | undefined): s is PriceScheme {
  return s !== undefined && (PRICE_SCHEMES as readonly string[]).includes(s);
}

/** The certified lots of a purchase grouped by scheme, with their fine gold. */
function partsOf(lots: readonly LotState[]): ValuationPart[] {
  const parts = new Map<PriceScheme, ValuationPart>();
  for (const lot of lots) {
    if (!isPriceScheme(lot.scheme)) continue;
    const part = parts.get(lot.scheme) ?? { scheme: lot.scheme, lots: [], fineMg: 0 };
    part.lots.push(lot.lot);
    part.fineMg += fineGoldMg(lot.heldMg, lot.fineness);
    parts.set(lot.scheme, part);
  }
  return [...parts.values()];
}

/**
 * Prices a purchase of lots (as they stand just before it) against the schemes they carry: minimum due
 * on the fine content at the benchmark price that applies on the purchase date, price paid in USD,
 * premium due, each with the rule versions in force on that date. Undefined when it is no certified
 * purchase from a producer (no lot under a price scheme, or the seller is no producer). When something
 * is missing (benchmark price, exchange rate, rule) the valuation says "not evaluated" and why.
 */
export function valuePurchase(p: PurchaseEvent, lots: readonly LotState[], data: PricingData): PurchaseValuation | undefined {
  const producer = data.producerOf(p.seller);
  if (!producer) return undefined;
  const parts = partsOf(lots);
  if (parts.length === 0) return undefined;
  const base: ValuationBase = {
    purchaseNumber: p.purchaseNumber,
    eventTime: p.eventTime,
    date: localDay(p.eventTime, p.eventTimeZoneOffset),
    producer,
    buyer: p.buyer,
    seller: p.seller,
    price: { amount: p.price, currency: p.currency },
    policy: data.policyOf(p.buyer),
  };
  return evaluateParts(base, parts, data);
}

/** What a valuation states about the purchase itself, before any pricing. */
export type ValuationBase = Pick<PurchaseValuation, 'purchaseNumber' | 'eventTime' | 'date' | 'producer' | 'buyer' | 'seller' | 'price' | 'policy'>;

/**
 * Prices the certified parts of a purchase (scheme, lots, fine content) on its date: also used to price
 * again, later, a purchase that could not be evaluated when it was captured.
 */
export function evaluateParts(purchase: ValuationBase, certified: readonly ValuationPart[], data: PricingData): PurchaseValuation {
  const { purchaseNumber, eventTime, date, producer, buyer, seller, price, policy } = purchase;
  const parts = certified.map(({ scheme, lots, fineMg }) => ({ scheme, lots, fineMg }));
  const base = { purchaseNumber, eventTime, date, producer, buyer, seller, price, policy, fineMg: parts.reduce((a, x) => a + x.fineMg, 0), parts, belowMinimum: false };
  const notEvaluated = (reason: string, extra: Partial<PurchaseValuation> = {}): PurchaseValuation => ({ ...base, ...extra, status: 'not_evaluated', reason });

  const benchmark = data.benchmark('gold', date);
  if (!benchmark) return notEvaluated(`no LBMA gold price for ${date}`);
  if (benchmark.currency !== 'USD') return notEvaluated(`the gold price of ${benchmark.date} is in ${benchmark.currency}, not USD`, { benchmark });
  let fx: FxRate | undefined;
  if (price.currency !== 'USD') {
    fx = data.fxRate(price.currency, date);
    if (!fx) return notEvaluated(`no rate for ${price.currency} on ${date}`, { benchmark });
  }
  const priced: ValuationPart[] = [];
  for (const part of parts) {
    try {
      // The part's fine content is already computed: quote it as metal of fineness 1000.0.
      const q = quotePrice({ scheme: part.scheme, metal: 'gold', grossMg: part.fineMg, fineness: 10000, benchmarkUsdPerOz: benchmark.value, date }, data.rules);
      priced.push({ ...part, minimumCents: parseMoney(q.minimumPrice), premiumCents: parseMoney(q.premium), rules: q.rules });
    } catch (err) {
      if (isOrpailleError(err) && err.code === 'ORP_NO_RULE') return notEvaluated(err.message, { benchmark, ...(fx ? { fx } : {}) });
      throw err;
    }
  }
  const paidCents = usdCents(price.amount, price.currency, fx);
  const minimumCents = priced.reduce((a, x) => a + x.minimumCents!, 0);
  return {
    ...base,
    parts: priced,
    status: 'evaluated',
    benchmark,
    ...(fx ? { fx } : {}),
    paidCents,
    minimumCents,
    premiumCents: priced.reduce((a, x) => a + x.premiumCents!, 0),
    belowMinimum: paidCents < minimumCents,
  };
}

/** "850.000 g fine fairmined at 2000 USD/oz (earlier_fixing of 2026-02-27)" */
function basis(v: PurchaseValuation): string {
  const schemes = v.parts.map((x) => `${formatGrams(x.fineMg)} g fine ${x.scheme}`).join(' and ');
  return v.benchmark ? `${schemes} at ${v.benchmark.value} ${v.benchmark.currency}/oz (${v.benchmark.kind} of ${v.benchmark.date})` : schemes;
}

/**
 * Applies the buyer's below-minimum policy: under `reject` a certified purchase paid below the minimum
 * is refused (ORP_PRICE_BELOW_MINIMUM naming minimum and paid), and so is one that cannot be checked
 * (ORP_PRICE_NOT_EVALUATED with the reason); under `flag` both are accepted and become findings.
 */
export function checkPurchasePrice(v: PurchaseValuation | undefined): void {
  if (!v || v.policy !== 'reject') return;
  if (v.status === 'not_evaluated') {
    throw new OrpailleError('ORP_PRICE_NOT_EVALUATED', `purchase ${v.purchaseNumber} cannot be checked against its scheme minimum (${v.reason}); ${v.buyer} refuses prices it cannot check`, {
      purchaseNumber: v.purchaseNumber,
      reason: v.reason,
      policy: v.policy,
    });
  }
  if (!v.belowMinimum) return;
  const paid = formatMoney(v.paidCents!);
  const minimum = formatMoney(v.minimumCents!);
  const inCurrency = v.fx ? ` (${v.price.amount} ${v.price.currency} at ${v.fx.usdPerUnit} USD of ${v.fx.date})` : '';
  throw new OrpailleError('ORP_PRICE_BELOW_MINIMUM', `purchase ${v.purchaseNumber} pays ${paid} USD${inCurrency}; the minimum is ${minimum} USD for ${basis(v)}`, {
    purchaseNumber: v.purchaseNumber,
    minimum,
    paid,
    currency: 'USD',
    price: v.price,
    benchmark: v.benchmark,
    ...(v.fx ? { fx: v.fx } : {}),
    schemes: v.parts.map((x) => ({ scheme: x.scheme, fineGrams: formatGrams(x.fineMg), minimum: formatMoney(x.minimumCents!), rule: x.rules?.minimumPrice })),
    policy: v.policy,
  });
}

/** What the ledger asks of pricing for each purchase of a batch. */
export interface PurchasePricer {
  /** Throws when the buyer's policy refuses the purchase's price (called from decide). */
  check(p: PurchaseEvent, lots: readonly LotState[]): void;
  /** The valuation to record with an accepted purchase, if it is a certified purchase from a producer. */
  value(p: PurchaseEvent, lots: readonly LotState[]): PurchaseValuation | undefined;
}

/** The pricer over a batch's data. Pure: everything comes from `data`. */
export function purchasePricer(data: PricingData): PurchasePricer {
  return {
    check: (p, lots) => checkPurchasePrice(valuePurchase(p, lots, data)),
    value: (p, lots) => valuePurchase(p, lots, data),
  };
}
