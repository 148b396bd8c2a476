import { formatGrams, formatMoney, type Cents, type Milligrams } from '../../kernel/index.js';
import { premiumStatement, type BuyerBalance, type PremiumPayment, type RecordedValuation } from '../../premiums/index.js';
import type { ReportPeriod } from '../document.js';
import { inPeriod } from '../period.js';

/** What the statement of a producer organisation is built from (read by src/reporting/statement.ts). */
export interface StatementInput {
  producer: { id: string; name: string; uri: string };
  period: ReportPeriod;
  /** `producer`: the whole ledger; `buyer`: only what the viewing buyer owes and paid (src/premiums statement views). */
  view: 'producer' | 'buyer';
  /** Due lines of the producer's certified purchases recorded up to the ledger head the report is stamped with. */
  dues: readonly RecordedValuation[];
  payments: readonly PremiumPayment[];
  /** Gross mass of each purchased lot (its mass when bought). */
  grossMg: ReadonlyMap<string, Milligrams>;
}

/** One purchase of the period: what was bought, what was paid, the scheme minimum and the premium due on it. */
export interface StatementPurchase {
  date: string;
  purchaseNumber: string;
  buyer: string;
  lots: string[];
  grossMg: Milligrams;
  fineMg: Milligrams;
  price: { amount: string; currency: string };
  status: RecordedValuation['status'];
  reason?: string;
  paidCents?: Cents;
  minimumCents?: Cents;
  belowMinimum: boolean;
  premiumCents?: Cents;
}

export interface PremiumFigures {
  dueCents: Cents;
  paidCents: Cents;
  outstandingCents: Cents;
}

/** A producer's premium and price statement for a period (figures in USD cents, masses in milligrams). */
export interface Statement {
  producer: StatementInput['producer'];
  period: ReportPeriod;
  view: StatementInput['view'];
  purchases: StatementPurchase[];
  payments: PremiumPayment[];
  /** Premium due on the period's purchases and paid in the period. */
  periodFigures: PremiumFigures;
  /** Everything due and paid before the end of the period: what is still owed when it ends. */
  toDate: PremiumFigures;
  buyers: BuyerBalance[];
}

const figures = (s: { dueCents: Cents; paidCents: Cents; outstandingCents: Cents }): PremiumFigures => ({ dueCents: s.dueCents, paidCents: s.paidCents, outstandingCents: s.outstandingCents });

/**
 * The statement of a producer for a period. The minimum due, price paid and premium due of each purchase are
 * the ones src/premiums recorded with it (scheme rules and benchmark price of the purchase date); the premium
 * balances are src/premiums' statement over the period's lines and over every line before the period ends.
 */
export function buildStatement(input: StatementInput): Statement {
  const { period } = input;
  const before = (d: string) => d.slice(0, 10) < period.to;
  const dues = input.dues.filter((d) => inPeriod(period, d.date));
  const payments = input.payments.filter((p) => inPeriod(period, p.paidOn));
  const ofPeriod = premiumStatement({ producer: input.producer.uri, view: 'buyer', dues: [...dues], payments: [...payments] });
  const toDate = premiumStatement({ producer: input.producer.uri, view: 'buyer', dues: input.dues.filter((d) => before(d.date)), payments: input.payments.filter((p) => before(p.paidOn)) });
  const purchases = dues.map((d): StatementPurchase => {
    const lots = [...new Set(d.parts.flatMap((p) => p.lots))];
    return {
      date: d.date,
      purchaseNumber: d.purchaseNumber,
      buyer: d.buyer,
      lots,
      grossMg: lots.reduce((a, l) => a + (input.grossMg.get(l) ?? 0), 0),
      fineMg: d.fineMg,
      price: d.price,
      status: d.status,
      ...(d.reason ? { reason: d.reason } : {}),
      ...(d.paidCents !== undefined ? { paidCents: d.paidCents } : {}),
      ...(d.minimumCents !== undefined ? { minimumCents: d.minimumCents } : {}),
      belowMinimum: d.belowMinimum,
      ...(d.premiumCents !== undefined ? { premiumCents: d.premiumCents } : {}),
    };
  });
  return { producer: input.producer, period, view: input.view, purchases, payments, periodFigures: figures(ofPeriod), toDate: figures(toDate), buyers: toDate.buyers };
}

/** Money or an empty cell when the purchase could not be priced. */
export const usd = (cents: Cents | undefined) => (cents === undefined ? '' : formatMoney(cents));
export const grams = formatGrams;
