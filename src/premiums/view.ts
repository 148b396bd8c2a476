import { formatGrams, formatMoney } from '../kernel/index.js';
import { bpsToPercent, type Contract, type Delivery, type FailedDelivery } from './contracts.js';
import type { ContractStatement } from './service.js';
import type { Finding, PremiumStatement } from './statement.js';
import type { PremiumPayment, PremiumPlan, PremiumProject, PremiumSpending, RecordedValuation, ValuationPart } from './types.js';

/*
 * JSON shapes of the premium ledger and contracts: money as decimal strings of USD ("1700.00"), masses as
 * gram strings with three decimals, rates as percent a year; each figure says which price, rate and rule.
 */

const opt = <K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> => (v === undefined ? {} : ({ [key]: v } as Record<K, V>));
const usd = <K extends string>(key: K, cents: number | undefined) => opt(key, cents === undefined ? undefined : formatMoney(cents));

function partView(p: ValuationPart) {
  return {
    scheme: p.scheme,
    lots: p.lots,
    fineGrams: formatGrams(p.fineMg),
    ...usd('minimumDue', p.minimumCents),
    ...usd('premiumDue', p.premiumCents),
    ...opt('rules', p.rules),
  };
}

/** A due line: one certified purchase with minimum due, price paid and premium due (USD). */
export function valuationView(v: RecordedValuation) {
  return {
    eventId: v.eventId,
    purchaseNumber: v.purchaseNumber,
    eventTime: v.eventTime,
    date: v.date,
    producer: v.producer,
    buyer: v.buyer,
    seller: v.seller,
    status: v.status,
    ...opt('reason', v.reason),
    fineGrams: formatGrams(v.fineMg),
    price: v.price,
    currency: 'USD',
    ...usd('paid', v.paidCents),
    ...usd('minimumDue', v.minimumCents),
    ...usd('premiumDue', v.premiumCents),
    belowMinimum: v.belowMinimum,
    policy: v.policy,
    ...opt('benchmark', v.benchmark),
    ...opt('fx', v.fx),
    schemes: v.parts.map(partView),
  };
}

export function paymentView(p: PremiumPayment) {
  return {
    id: p.id,
    producer: p.producer,
    payer: p.payer,
    reference: p.reference,
    paidOn: p.paidOn,
    method: p.method,
    amount: p.amount,
    currency: p.currency,
    usd: formatMoney(p.usdCents),
    ...opt('fx', p.fx),
    recordedBy: p.recordedBy,
  };
}

export function planView(p: PremiumPlan) {
  return { id: p.id, producer: p.producer, scheme: p.scheme, from: p.from, to: p.to, decidedOn: p.decidedOn, decidedBy: p.decidedBy, ...opt('minutes', p.minutes) };
}

export function projectView(p: PremiumProject) {
  return { id: p.id, plan: p.plan, name: p.name, budget: formatMoney(p.budgetCents), from: p.from, to: p.to, decidedOn: p.decidedOn };
}

export function spendingView(s: PremiumSpending) {
  return {
    id: s.id,
    project: s.project,
    spentOn: s.spentOn,
    amount: s.amount,
    currency: s.currency,
    usd: formatMoney(s.usdCents),
    ...opt('fx', s.fx),
    description: s.description,
    receipts: s.receipts,
    recordedBy: s.recordedBy,
  };
}

function findingView(f: Finding) {
  return {
    kind: f.kind,
    eventId: f.eventId,
    purchaseNumber: f.purchaseNumber,
    date: f.date,
    buyer: f.buyer,
    ...usd('minimumDue', f.minimumCents),
    ...usd('paid', f.paidCents),
    ...opt('reason', f.reason),
  };
}

/** The premium statement of a producer (USD). */
export function statementView(s: PremiumStatement) {
  return {
    producer: s.producer,
    view: s.view,
    currency: 'USD',
    due: formatMoney(s.dueCents),
    paid: formatMoney(s.paidCents),
    outstanding: formatMoney(s.outstandingCents),
    buyers: s.buyers.map((b) => ({
      buyer: b.buyer,
      purchases: b.purchases,
      notEvaluated: b.notEvaluated,
      due: formatMoney(b.dueCents),
      paid: formatMoney(b.paidCents),
      outstanding: formatMoney(b.outstandingCents),
    })),
    dues: s.dues.map(valuationView),
    payments: s.payments.map(paymentView),
    findings: s.findings.map(findingView),
    plans: s.plans.map(({ plan, projects }) => ({
      ...planView(plan),
      projects: projects.map((p) => ({ ...projectView(p.project), spent: formatMoney(p.spentCents), remaining: formatMoney(p.remainingCents), spending: p.spending.map(spendingView) })),
    })),
    ...(s.investment
      ? { investment: { received: formatMoney(s.investment.receivedCents), spent: formatMoney(s.investment.spentCents), unspent: formatMoney(s.investment.unspentCents) } }
      : {}),
  };
}

export function contractView(c: Contract) {
  return {
    id: c.id,
    reference: c.reference,
    buyer: c.buyer,
    seller: c.seller,
    scheme: c.scheme,
    startsOn: c.startsOn,
    trialConsignments: c.trialConsignments,
    ...opt('trialEndedOn', c.trialEndedOn),
    prefinance: formatMoney(c.prefinanceCents),
    inventoryFinancing: formatMoney(c.inventoryFinancingCents),
    currency: 'USD',
    financingCostPercent: bpsToPercent(c.financingCostBps),
    costComponents: Object.fromEntries(Object.entries(c.costComponents).map(([k, r]) => [k, { percent: bpsToPercent(r.bps), ...opt('source', r.source) }])),
    ...(c.costCap ? { costCap: { percent: bpsToPercent(c.costCap.bps), marginPercent: bpsToPercent(c.costCap.marginBps), rule: c.costCap.rule } } : {}),
    ...opt('trialRule', c.trialRule),
  };
}

export function deliveryView(d: Delivery) {
  return { id: d.id, deliveredOn: d.deliveredOn, fineGrams: formatGrams(d.fineMg), value: formatMoney(d.valueCents), trial: d.trial, repaid: formatMoney(d.repaidCents), ...opt('purchaseNumber', d.purchaseNumber) };
}

export function failedDeliveryView(f: FailedDelivery) {
  return { id: f.id, reportedOn: f.reportedOn, reason: f.reason, shortGrams: formatGrams(f.shortMg) };
}

/** A contract with its deliveries, failures and balances. */
export function contractStatementView(s: ContractStatement) {
  return {
    ...contractView(s.contract),
    trialConsignmentsUsed: s.trialConsignmentsUsed,
    prefinanceRepaid: formatMoney(s.prefinanceRepaidCents),
    prefinanceOutstanding: formatMoney(s.prefinanceOutstandingCents),
    deliveredFineGrams: formatGrams(s.deliveredFineMg),
    deliveredValue: formatMoney(s.deliveredValueCents),
    shortGrams: formatGrams(s.shortMg),
    deliveries: s.deliveries.map(deliveryView),
    failedDeliveries: s.failedDeliveries.map(failedDeliveryView),
  };
}
