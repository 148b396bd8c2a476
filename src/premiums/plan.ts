import type { CertificationRules } from '../certification/index.js';
import { PAYMENT_METHODS, type PartyUri } from '../custody/index.js';
import { OrpailleError, formatMoney, isCurrencyCode, parseMoney, type Cents } from '../kernel/index.js';
import { isoDay } from './fx.js';
import type { FxRate, PremiumPayment, PremiumPlan, PremiumProject, PremiumSpending } from './types.js';

/*
 * The premium's way from buyer to community: payments against what is due, the Premium Committee's
 * investment plan (projects with a budget and a period) and the spending on each project with its
 * receipts. Pure checks: the service loads what they need and stores what they return.
 */

/** Plan length allowed under a scheme (rule premiums.investment_plan, e.g. Fairmined 3-5 years). */
export interface PlanLengthRule {
  minYears: number;
  maxYears: number;
}

function planLength(rules: CertificationRules, scheme: string, date: string) {
  const found = rules.valueOn('premiums.investment_plan', scheme.replace(/-eco$/, ''), date);
  if (!found) return undefined;
  const v = found.value as Partial<PlanLengthRule>;
  if (!Number.isInteger(v.minYears) || !Number.isInteger(v.maxYears)) {
    throw new OrpailleError('ORP_NO_RULE', `rule premiums.investment_plan ${scheme} from ${found.version.effectiveFrom} has a malformed value`, { ...found.version });
  }
  return { value: v as PlanLengthRule, version: found.version };
}

function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function period(from: string, to: string, what: string): { from: string; to: string } {
  isoDay(from, `${what} start`);
  isoDay(to, `${what} end`);
  if (to < from) throw new OrpailleError('ORP_BAD_INPUT', `${what} ends (${to}) before it starts (${from})`, { from, to });
  return { from, to };
}

/** Checks a Premium Investment Plan: its period (first to last day) spans the years the scheme asks for. */
export function planOf(
  input: { producer: PartyUri; scheme: string; from: string; to: string; decidedOn: string; decidedBy?: string; minutes?: string },
  rules: CertificationRules,
  at: number,
): Omit<PremiumPlan, 'id'> {
  const { from, to } = period(input.from, input.to, 'the plan');
  const decidedOn = isoDay(input.decidedOn, 'decision date');
  const length = planLength(rules, input.scheme, decidedOn);
  if (length) {
    const end = nextDay(to);
    if (end < addYears(from, length.value.minYears) || end > addYears(from, length.value.maxYears)) {
      throw new OrpailleError('ORP_BAD_INPUT', `a ${input.scheme} Premium Investment Plan covers ${length.value.minYears} to ${length.value.maxYears} years; ${from} to ${to} does not`, {
        from,
        to,
        rule: length.version,
      });
    }
  }
  return {
    producer: input.producer,
    scheme: input.scheme,
    from,
    to,
    decidedOn,
    decidedBy: input.decidedBy?.trim() || 'Premium Committee',
    ...(input.minutes ? { minutes: input.minutes } : {}),
    createdAt: at,
  };
}

/** Checks a project of a plan: a positive USD budget, a period inside the plan's. */
export function projectOf(plan: PremiumPlan, input: { name: string; budget: string; from: string; to: string; decidedOn: string }, at: number): Omit<PremiumProject, 'id'> {
  if (input.name.trim() === '') throw new OrpailleError('ORP_BAD_INPUT', 'a project needs a name', {});
  const budgetCents = parseMoney(input.budget, 'budget');
  if (budgetCents <= 0) throw new OrpailleError('ORP_BAD_INPUT', 'a project needs a positive budget', {});
  const { from, to } = period(input.from, input.to, 'the project');
  if (from < plan.from || to > plan.to) {
    throw new OrpailleError('ORP_BAD_INPUT', `the project (${from} to ${to}) lies outside its plan (${plan.from} to ${plan.to})`, { plan: plan.id });
  }
  return { plan: plan.id, producer: plan.producer, name: input.name.trim(), budgetCents, from, to, decidedOn: isoDay(input.decidedOn, 'decision date'), createdAt: at };
}

function amountIn(amount: string, currency: string): string {
  if (!isCurrencyCode(currency)) throw new OrpailleError('ORP_BAD_INPUT', `currency "${currency}" is not an ISO 4217 code`, { currency });
  if (parseMoney(amount, 'amount') <= 0) throw new OrpailleError('ORP_BAD_INPUT', 'the amount must be positive', { amount });
  return amount.trim();
}

/**
 * Checks spending on a project: inside the project's period, with at least one receipt reference, and
 * within its budget (ORP_PREMIUM_OVER_BUDGET naming budget, spent and asked). `usdCents` is the amount
 * converted at the rate of its date.
 */
export function spendingOf(
  project: PremiumProject,
  spent: readonly PremiumSpending[],
  input: { spentOn: string; amount: string; currency: string; description: string; receipts: string[] },
  converted: { usdCents: Cents; fx?: FxRate },
  by: string,
  at: number,
): Omit<PremiumSpending, 'id'> {
  const spentOn = isoDay(input.spentOn, 'spending date');
  if (spentOn < project.from || spentOn > project.to) {
    throw new OrpailleError('ORP_BAD_INPUT', `project ${project.name} runs from ${project.from} to ${project.to}; spending on ${spentOn} is outside it`, { project: project.id });
  }
  if (input.description.trim() === '') throw new OrpailleError('ORP_BAD_INPUT', 'say what the money was spent on (description)', {});
  const receipts = input.receipts.map((r) => r.trim()).filter(Boolean);
  if (receipts.length === 0) throw new OrpailleError('ORP_BAD_INPUT', 'spending needs at least one receipt reference', {});
  const already = spent.reduce((a, s) => a + s.usdCents, 0);
  if (already + converted.usdCents > project.budgetCents) {
    throw new OrpailleError(
      'ORP_PREMIUM_OVER_BUDGET',
      `project ${project.name} has a budget of ${formatMoney(project.budgetCents)} USD, ${formatMoney(already)} spent; ${formatMoney(converted.usdCents)} more would exceed it`,
      { project: project.id, budget: formatMoney(project.budgetCents), spent: formatMoney(already), asked: formatMoney(converted.usdCents) },
    );
  }
  return {
    project: project.id,
    producer: project.producer,
    spentOn,
    amount: amountIn(input.amount, input.currency),
    currency: input.currency,
    usdCents: converted.usdCents,
    ...(converted.fx ? { fx: converted.fx } : {}),
    description: input.description.trim(),
    receipts,
    recordedBy: by,
    createdAt: at,
  };
}

/**
 * Checks a premium payment: a known payment method, a reference, a positive amount no larger than what
 * the payer still owes the producer (ORP_PREMIUM_OVERPAID: a typo in an amount is caught, not credited).
 */
export function paymentOf(
  input: { producer: PartyUri; payer: PartyUri; reference: string; paidOn: string; method: string; amount: string; currency: string },
  outstandingCents: Cents,
  converted: { usdCents: Cents; fx?: FxRate },
  by: string,
  at: number,
): Omit<PremiumPayment, 'id'> {
  if (!(PAYMENT_METHODS as readonly string[]).includes(input.method)) {
    throw new OrpailleError('ORP_BAD_INPUT', `payment method must be one of ${PAYMENT_METHODS.join(', ')}, got "${input.method}"`, { method: input.method });
  }
  if (input.reference.trim() === '') throw new OrpailleError('ORP_BAD_INPUT', 'a payment needs its reference (transfer, receipt or cheque number)', {});
  const paidOn = isoDay(input.paidOn, 'payment date');
  const amount = amountIn(input.amount, input.currency);
  if (converted.usdCents > outstandingCents) {
    throw new OrpailleError(
      'ORP_PREMIUM_OVERPAID',
      `${input.payer} owes ${input.producer} ${formatMoney(Math.max(0, outstandingCents))} USD of premium; a payment of ${formatMoney(converted.usdCents)} USD exceeds it`,
      { outstanding: formatMoney(Math.max(0, outstandingCents)), paid: formatMoney(converted.usdCents), currency: 'USD' },
    );
  }
  return {
    producer: input.producer,
    payer: input.payer,
    reference: input.reference.trim(),
    paidOn,
    method: input.method,
    amount,
    currency: input.currency,
    usdCents: converted.usdCents,
    ...(converted.fx ? { fx: converted.fx } : {}),
    recordedBy: by,
    createdAt: at,
  };
}
