import type { PartyUri } from '../custody/index.js';
import type { Cents } from '../kernel/index.js';
import type { PremiumPayment, PremiumPlan, PremiumProject, PremiumSpending, RecordedValuation } from './types.js';

/** Something about a certified purchase that needs a look: paid below the minimum, or not priced at all. */
export interface Finding {
  kind: 'below_minimum' | 'not_evaluated';
  eventId: string;
  purchaseNumber: string;
  date: string;
  buyer: PartyUri;
  minimumCents?: Cents;
  paidCents?: Cents;
  reason?: string;
}

export interface BuyerBalance {
  buyer: PartyUri;
  purchases: number;
  notEvaluated: number;
  dueCents: Cents;
  paidCents: Cents;
  outstandingCents: Cents;
}

export interface ProjectAccount {
  project: PremiumProject;
  spentCents: Cents;
  remainingCents: Cents;
  spending: PremiumSpending[];
}

/** A producer organisation's premium ledger: what is due, what was paid, what is outstanding, and where it went. */
export interface PremiumStatement {
  producer: PartyUri;
  /** `producer`: the whole ledger; `buyer`: only what the caller's organisation owes and paid. */
  view: 'producer' | 'buyer';
  dueCents: Cents;
  paidCents: Cents;
  outstandingCents: Cents;
  buyers: BuyerBalance[];
  dues: RecordedValuation[];
  payments: PremiumPayment[];
  findings: Finding[];
  /** The Premium Investment Plans with each project's spending (producer view only). */
  plans: { plan: PremiumPlan; projects: ProjectAccount[] }[];
  /** Premium received and spent on projects (producer view only). */
  investment?: { receivedCents: Cents; spentCents: Cents; unspentCents: Cents };
}

/** Premium a payer still owes a producer: premiums due on its evaluated purchases less its payments. */
export function outstandingOf(dues: readonly RecordedValuation[], payments: readonly PremiumPayment[], payer: PartyUri): Cents {
  const due = dues.filter((d) => d.buyer === payer).reduce((a, d) => a + (d.premiumCents ?? 0), 0);
  const paid = payments.filter((p) => p.payer === payer).reduce((a, p) => a + p.usdCents, 0);
  return due - paid;
}

/** The findings among valuations: purchases below the minimum (accepted under the flag policy) and purchases not evaluated. */
export function findingsOf(dues: readonly RecordedValuation[]): Finding[] {
  const out: Finding[] = [];
  for (const d of dues) {
    const base = { eventId: d.eventId, purchaseNumber: d.purchaseNumber, date: d.date, buyer: d.buyer };
    if (d.status === 'not_evaluated') out.push({ ...base, kind: 'not_evaluated', ...(d.reason ? { reason: d.reason } : {}) });
    else if (d.belowMinimum) out.push({ ...base, kind: 'below_minimum', minimumCents: d.minimumCents!, paidCents: d.paidCents! });
  }
  return out;
}

/**
 * Builds the statement of a producer from its ledger rows. For the `buyer` view pass only that buyer's
 * dues and payments (the caller filters by who may see what); plans and spending are left out.
 */
export function premiumStatement(input: {
  producer: PartyUri;
  view: 'producer' | 'buyer';
  dues: RecordedValuation[];
  payments: PremiumPayment[];
  plans?: PremiumPlan[];
  projects?: PremiumProject[];
  spending?: PremiumSpending[];
}): PremiumStatement {
  const { dues, payments } = input;
  const buyers = new Map<PartyUri, BuyerBalance>();
  const balance = (buyer: PartyUri) => {
    let b = buyers.get(buyer);
    if (!b) buyers.set(buyer, (b = { buyer, purchases: 0, notEvaluated: 0, dueCents: 0, paidCents: 0, outstandingCents: 0 }));
    return b;
  };
  for (const d of dues) {
    const b = balance(d.buyer);
    b.purchases++;
    if (d.status === 'not_evaluated') b.notEvaluated++;
    b.dueCents += d.premiumCents ?? 0;
  }
  for (const p of payments) balance(p.payer).paidCents += p.usdCents;
  for (const b of buyers.values()) b.outstandingCents = b.dueCents - b.paidCents;
  const list = [...buyers.values()].sort((a, b) => a.buyer.localeCompare(b.buyer));
  const dueCents = list.reduce((a, b) => a + b.dueCents, 0);
  const paidCents = list.reduce((a, b) => a + b.paidCents, 0);
  const statement: PremiumStatement = {
    producer: input.producer,
    view: input.view,
    dueCents,
    paidCents,
    outstandingCents: dueCents - paidCents,
    buyers: list,
    dues,
    payments,
    findings: findingsOf(dues),
    plans: [],
  };
  if (input.view === 'buyer') return statement;
  const projects = input.projects ?? [];
  const spending = input.spending ?? [];
  statement.plans = (input.plans ?? []).map((plan) => ({
    plan,
    projects: projects
      .filter((p) => p.plan === plan.id)
      .map((project) => {
        const own = spending.filter((s) => s.project === project.id);
        const spentCents = own.reduce((a, s) => a + s.usdCents, 0);
        return { project, spentCents, remainingCents: project.budgetCents - spentCents, spending: own };
      }),
  }));
  const spentCents = spending.reduce((a, s) => a + s.usdCents, 0);
  statement.investment = { receivedCents: paidCents, spentCents, unspentCents: paidCents - spentCents };
  return statement;
}
