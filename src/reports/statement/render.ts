import { toCsv } from '../csv.js';
import type { Block, ReportDocument, ReportStamp } from '../document.js';
import { grams, usd, type Statement } from './statement.js';

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

function figureRows(s: Statement): [string, string][] {
  return [
    ['Premium due on purchases of the period (USD)', usd(s.periodFigures.dueCents)],
    ['Premium paid in the period (USD)', usd(s.periodFigures.paidCents)],
    ['Premium due up to the end of the period (USD)', usd(s.toDate.dueCents)],
    ['Premium paid up to the end of the period (USD)', usd(s.toDate.paidCents)],
    ['Premium outstanding at the end of the period (USD)', usd(s.toDate.outstandingCents)],
  ];
}

/** The statement as a document for the PDF and HTML renderers. */
export function statementDocument(s: Statement, stamp: ReportStamp): ReportDocument {
  const blocks: Block[] = [
    { kind: 'fields', rows: [['Producer organisation', `${s.producer.name} (${s.producer.id})`], ['Identifier', s.producer.uri], ['Period', `${s.period.from} to ${s.period.to} (exclusive)`], ['View', s.view === 'producer' ? 'the whole premium ledger' : 'the purchases and payments of the viewing buyer']] },
    { kind: 'heading', text: 'Purchases', level: 2 },
    s.purchases.length === 0
      ? { kind: 'paragraph', text: 'No certified purchase in the period.' }
      : {
          kind: 'table',
          columns: ['Date', 'Purchase', 'Lots', 'Gross g', 'Fine g', 'Price paid', 'Paid USD', 'Minimum USD', 'Below min.', 'Premium USD'],
          align: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left', 'right'],
          rows: s.purchases.map((p) => [p.date, p.purchaseNumber, p.lots.join(' '), grams(p.grossMg), grams(p.fineMg), `${p.price.amount} ${p.price.currency}`, usd(p.paidCents), usd(p.minimumCents), p.status === 'evaluated' ? yesNo(p.belowMinimum) : 'not evaluated', usd(p.premiumCents)]),
        },
    ...s.purchases.filter((p) => p.status === 'not_evaluated').map((p): Block => ({ kind: 'paragraph', text: `${p.purchaseNumber} not evaluated: ${p.reason ?? 'no reason recorded'}` })),
    { kind: 'heading', text: 'Premium payments in the period', level: 2 },
    s.payments.length === 0
      ? { kind: 'paragraph', text: 'No premium payment in the period.' }
      : { kind: 'table', columns: ['Paid on', 'Payer', 'Reference', 'Method', 'Amount', 'USD'], align: ['left', 'left', 'left', 'left', 'right', 'right'], rows: s.payments.map((p) => [p.paidOn, p.payer, p.reference, p.method, `${p.amount} ${p.currency}`, usd(p.usdCents)]) },
    { kind: 'heading', text: 'Premiums', level: 2 },
    { kind: 'fields', rows: figureRows(s) },
  ];
  if (s.buyers.length > 0) {
    blocks.push({ kind: 'table', columns: ['Buyer', 'Due USD', 'Paid USD', 'Outstanding USD'], align: ['left', 'right', 'right', 'right'], rows: s.buyers.map((b) => [b.buyer, usd(b.dueCents), usd(b.paidCents), usd(b.outstandingCents)]) });
  }
  return { title: 'Premium and price statement', subtitle: s.producer.name, lang: 'en', stamp, blocks };
}

export const STATEMENT_CSV_COLUMNS = ['date', 'purchase_number', 'buyer', 'lots', 'gross_g', 'fine_g', 'price', 'currency', 'paid_usd', 'minimum_usd', 'below_minimum', 'premium_due_usd', 'status', 'reason'] as const;

/**
 * The statement as CSV: one row per purchase under STATEMENT_CSV_COLUMNS, an empty row, then `figure,value`
 * rows (producer, period, ledger head, premiums due, paid and outstanding).
 */
export function statementCsv(s: Statement, stamp: ReportStamp): string {
  const purchases = s.purchases.map((p) => [p.date, p.purchaseNumber, p.buyer, p.lots.join(' '), grams(p.grossMg), grams(p.fineMg), p.price.amount, p.price.currency, usd(p.paidCents), usd(p.minimumCents), p.status === 'evaluated' ? yesNo(p.belowMinimum) : '', usd(p.premiumCents), p.status, p.reason ?? '']);
  const figures: [string, string][] = [
    ['producer', s.producer.uri],
    ['period_from', s.period.from],
    ['period_to', s.period.to],
    ['ledger_seq', String(stamp.ledgerSeq)],
    ['ledger_head', stamp.ledgerHead],
    ['generated_at', stamp.generatedAt],
    ['premium_due_period_usd', usd(s.periodFigures.dueCents)],
    ['premium_paid_period_usd', usd(s.periodFigures.paidCents)],
    ['premium_due_to_date_usd', usd(s.toDate.dueCents)],
    ['premium_paid_to_date_usd', usd(s.toDate.paidCents)],
    ['premium_outstanding_usd', usd(s.toDate.outstandingCents)],
  ];
  return toCsv([[...STATEMENT_CSV_COLUMNS], ...purchases, [], ['figure', 'value'], ...figures]);
}
