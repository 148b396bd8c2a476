import { PRICE_SCHEMES, type CertificationRules, type PriceScheme, type RuleRef } from '../certification/index.js';
import type { PartyUri } from '../custody/index.js';
import { OrpailleError, formatMoney, gramsToMg, parseDecimal, parseMoney, type Cents, type Milligrams } from '../kernel/index.js';
import { isoDay } from './fx.js';

/*
 * Trading terms and finance of the Just Gold and Fairmined models: a contract between a buyer and a
 * certified seller may start with a trial period (at most the scheme's number of consignments), carries
 * pre-finance and inventory financing whose yearly cost may not exceed the scheme's cap (the named
 * market rates plus a margin), and each delivery's value repays the pre-finance until none is left.
 * The numbers (trial limit, cap components and margin) are rule data read for the date in question.
 */

/** A yearly rate in basis points (1 % = 100), with where the figure comes from. */
export interface Rate {
  bps: number;
  source?: string;
}

export interface Contract {
  id: string;
  reference: string;
  buyer: PartyUri;
  seller: PartyUri;
  scheme: PriceScheme;
  startsOn: string;
  /** Trial consignments agreed (0: no trial period). */
  trialConsignments: number;
  /** First day the relationship is no longer on trial. */
  trialEndedOn?: string;
  prefinanceCents: Cents;
  inventoryFinancingCents: Cents;
  /** Yearly cost of the financing, basis points. */
  financingCostBps: number;
  /** The cap's components given by the parties (e.g. bank_lending_rate, credit_insurance). */
  costComponents: Record<string, Rate>;
  /** The cap in force when the contract was made, with its rule version. */
  costCap?: { bps: number; marginBps: number; rule: RuleRef };
  trialRule?: RuleRef;
  createdBy: string;
  createdAt: number;
}

export interface Delivery {
  id: string;
  contract: string;
  deliveredOn: string;
  fineMg: Milligrams;
  valueCents: Cents;
  /** A trial consignment (delivered while the relationship was on trial). */
  trial: boolean;
  /** How much of the pre-finance this delivery repaid. */
  repaidCents: Cents;
  purchaseNumber?: string;
  createdAt: number;
}

export interface FailedDelivery {
  id: string;
  contract: string;
  reportedOn: string;
  reason: string;
  shortMg: Milligrams;
  createdAt: number;
}

/** A contract as entered: amounts are USD decimal strings, rates percent a year. */
export interface ContractInput {
  reference: string;
  buyer: PartyUri;
  seller: PartyUri;
  scheme: string;
  startsOn: string;
  /** Default: the scheme's limit when it has one, else no trial. */
  trialConsignments?: number;
  prefinance?: string;
  inventoryFinancing?: string;
  financingCostPercent?: string;
  /** Components of the cost cap, percent a year ("5.25"), by the names the rule uses; optionally with a source. */
  costComponents?: Record<string, { percent: string; source?: string }>;
}

/** The rules of a scheme family: "fairmined-eco" trades under the Fairmined terms. */
function family(scheme: PriceScheme): string {
  return scheme.replace(/-eco$/, '');
}

/** Percent a year ("5.25") to basis points (525). */
export function percentToBps(text: string, field: string): number {
  const d = parseDecimal(text, field, 2);
  return Number(d.units * 10n ** BigInt(2 - d.scale));
}

/** Basis points as percent text ("5.25"). */
export function bpsToPercent(bps: number): string {
  return formatMoney(bps);
}

function trialLimit(rules: CertificationRules, scheme: PriceScheme, date: string) {
  return rules.trialPeriod(family(scheme), date);
}

/**
 * Checks a new contract and settles its terms: the trial period may not exceed the scheme's limit
 * (ORP_TRIAL_LIMIT_EXCEEDED), and the yearly cost of pre-finance and inventory financing may not exceed
 * the scheme's cap, the sum of the named rates plus the margin (ORP_FINANCING_COST_ABOVE_CAP).
 */
export function contractTerms(input: ContractInput, rules: CertificationRules, by: string, at: number): Omit<Contract, 'id'> {
  if (!(PRICE_SCHEMES as readonly string[]).includes(input.scheme)) {
    throw new OrpailleError('ORP_BAD_INPUT', `scheme must be one of ${PRICE_SCHEMES.join(', ')}, got "${input.scheme}"`, { scheme: input.scheme });
  }
  const scheme = input.scheme as PriceScheme;
  if (input.reference.trim() === '') throw new OrpailleError('ORP_BAD_INPUT', 'a contract needs a reference', {});
  if (input.buyer === input.seller) throw new OrpailleError('ORP_BAD_INPUT', 'buyer and seller are the same party', { party: input.buyer });
  const startsOn = isoDay(input.startsOn, 'start');
  const trial = trialLimit(rules, scheme, startsOn);
  const trialConsignments = input.trialConsignments ?? trial?.value.maxConsignments ?? 0;
  if (!Number.isInteger(trialConsignments) || trialConsignments < 0) {
    throw new OrpailleError('ORP_BAD_INPUT', `trial consignments must be a whole number, got ${trialConsignments}`, { trialConsignments });
  }
  if (trial && trialConsignments > trial.value.maxConsignments) {
    throw new OrpailleError('ORP_TRIAL_LIMIT_EXCEEDED', `a ${family(scheme)} trial period has at most ${trial.value.maxConsignments} consignments; ${trialConsignments} asked`, {
      max: trial.value.maxConsignments,
      asked: trialConsignments,
      rule: trial.version,
    });
  }
  const prefinanceCents = parseMoney(input.prefinance ?? '0', 'pre-finance');
  const inventoryFinancingCents = parseMoney(input.inventoryFinancing ?? '0', 'inventory financing');
  const financed = prefinanceCents + inventoryFinancingCents > 0;
  if (financed && input.financingCostPercent === undefined) {
    throw new OrpailleError('ORP_BAD_INPUT', 'financing needs its yearly cost (financing cost, percent a year)', {});
  }
  const financingCostBps = percentToBps(input.financingCostPercent ?? '0', 'financing cost');
  const costComponents: Record<string, Rate> = {};
  for (const [name, r] of Object.entries(input.costComponents ?? {})) {
    costComponents[name] = { bps: percentToBps(r.percent, name), ...(r.source ? { source: r.source } : {}) };
  }
  const cap = rules.prefinanceCostCap(family(scheme), startsOn);
  let costCap: Contract['costCap'];
  if (cap && financed) {
    const missing = cap.value.plus.filter((n) => costComponents[n] === undefined);
    if (missing.length > 0) {
      throw new OrpailleError('ORP_BAD_INPUT', `the ${family(scheme)} cost cap is ${[...cap.value.plus, `${bpsToPercent(cap.value.marginBasisPointsPerYear)} %`].join(' + ')} a year: give ${missing.join(' and ')}`, {
        missing,
        rule: cap.version,
      });
    }
    const bps = cap.value.plus.reduce((a, n) => a + costComponents[n]!.bps, 0) + cap.value.marginBasisPointsPerYear;
    costCap = { bps, marginBps: cap.value.marginBasisPointsPerYear, rule: cap.version };
    if (financingCostBps > bps) {
      throw new OrpailleError('ORP_FINANCING_COST_ABOVE_CAP', `financing at ${bpsToPercent(financingCostBps)} % a year exceeds the ${family(scheme)} cap of ${bpsToPercent(bps)} % (${cap.value.plus.map((n) => `${n} ${bpsToPercent(costComponents[n]!.bps)} %`).join(' + ')} + margin ${bpsToPercent(cap.value.marginBasisPointsPerYear)} %)`, {
        financingCostPercent: bpsToPercent(financingCostBps),
        capPercent: bpsToPercent(bps),
        rule: cap.version,
      });
    }
  }
  return {
    reference: input.reference.trim(),
    buyer: input.buyer,
    seller: input.seller,
    scheme,
    startsOn,
    trialConsignments,
    prefinanceCents,
    inventoryFinancingCents,
    financingCostBps,
    costComponents,
    ...(costCap ? { costCap } : {}),
    ...(trial ? { trialRule: trial.version } : {}),
    createdBy: by,
    createdAt: at,
  };
}

/** Is the relationship on trial on `date`? */
export function onTrial(c: Contract, date: string): boolean {
  return c.trialConsignments > 0 && (c.trialEndedOn === undefined || date < c.trialEndedOn);
}

/** Pre-finance still to be repaid after `deliveries`. */
export function prefinanceOutstanding(c: Contract, deliveries: readonly Delivery[]): Cents {
  return c.prefinanceCents - deliveries.reduce((a, d) => a + d.repaidCents, 0);
}

/**
 * Records a delivery against a contract: a delivery while on trial is a trial consignment, refused
 * beyond the agreed number or the scheme's limit on its date (ORP_TRIAL_LIMIT_EXCEEDED); its value
 * repays the pre-finance still outstanding.
 */
export function deliveryOf(
  c: Contract,
  prior: readonly Delivery[],
  input: { deliveredOn: string; fineGrams: string; value: string; purchaseNumber?: string },
  rules: CertificationRules,
): Omit<Delivery, 'id' | 'createdAt'> {
  const deliveredOn = isoDay(input.deliveredOn, 'delivery date');
  if (deliveredOn < c.startsOn) throw new OrpailleError('ORP_BAD_INPUT', `contract ${c.reference} starts on ${c.startsOn}; a delivery on ${deliveredOn} precedes it`, { startsOn: c.startsOn });
  const fineMg = gramsToMg(input.fineGrams, 'fine gold');
  if (fineMg <= 0) throw new OrpailleError('ORP_BAD_INPUT', 'a delivery needs a positive quantity of fine gold', {});
  const valueCents = parseMoney(input.value, 'value');
  const trial = onTrial(c, deliveredOn);
  if (trial) {
    const used = prior.filter((d) => d.trial).length;
    const rule = trialLimit(rules, c.scheme, deliveredOn);
    const limit = Math.min(c.trialConsignments, rule?.value.maxConsignments ?? Number.POSITIVE_INFINITY);
    if (used >= limit) {
      throw new OrpailleError(
        'ORP_TRIAL_LIMIT_EXCEEDED',
        `contract ${c.reference} is on trial and has had its ${limit} trial consignments; end the trial period before consignment ${used + 1}`,
        { contract: c.id, used, limit, agreed: c.trialConsignments, ...(rule ? { rule: rule.version } : {}) },
      );
    }
  }
  const repaidCents = Math.min(valueCents, Math.max(0, prefinanceOutstanding(c, prior)));
  return { contract: c.id, deliveredOn, fineMg, valueCents, trial, repaidCents, ...(input.purchaseNumber ? { purchaseNumber: input.purchaseNumber } : {}) };
}

/** Ends the trial period from `on` (the relationship goes on under regular terms). */
export function endTrial(c: Contract, on: string): string {
  const day = isoDay(on, 'date');
  if (c.trialConsignments === 0) throw new OrpailleError('ORP_BAD_INPUT', `contract ${c.reference} has no trial period`, { contract: c.id });
  if (c.trialEndedOn !== undefined) throw new OrpailleError('ORP_ALREADY_RECORDED', `the trial period of contract ${c.reference} ended on ${c.trialEndedOn}`, { contract: c.id, trialEndedOn: c.trialEndedOn });
  if (day < c.startsOn) throw new OrpailleError('ORP_BAD_INPUT', `contract ${c.reference} starts on ${c.startsOn}`, { startsOn: c.startsOn });
  return day;
}

/** A failed-delivery report: date, reason and the fine gold short. */
export function failedDeliveryOf(c: Contract, input: { reportedOn: string; reason: string; shortGrams: string }): Omit<FailedDelivery, 'id' | 'createdAt'> {
  const reportedOn = isoDay(input.reportedOn, 'report date');
  if (reportedOn < c.startsOn) throw new OrpailleError('ORP_BAD_INPUT', `contract ${c.reference} starts on ${c.startsOn}`, { startsOn: c.startsOn });
  if (input.reason.trim() === '') throw new OrpailleError('ORP_BAD_INPUT', 'a failed-delivery report needs a reason', {});
  const shortMg = gramsToMg(input.shortGrams, 'quantity short');
  if (shortMg <= 0) throw new OrpailleError('ORP_BAD_INPUT', 'a failed delivery is short of a positive quantity', {});
  return { contract: c.id, reportedOn, reason: input.reason.trim(), shortMg };
}
