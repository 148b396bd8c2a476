import type { CertificationRules } from '../certification/index.js';
import type { PartyUri } from '../custody/index.js';
import { newId } from '../access/index.js';
import { OrpailleError, type Cents, type Clock } from '../kernel/index.js';
import { contractTerms, deliveryOf, endTrial, failedDeliveryOf, prefinanceOutstanding, type Contract, type ContractInput, type Delivery, type FailedDelivery } from './contracts.js';
import { checkFxRate, rateOn, usdCents } from './fx.js';
import { paymentOf, planOf, projectOf, spendingOf } from './plan.js';
import { fxMaxAgeDays, pricingDataFrom, pricingQuery } from './pricing.js';
import { outstandingOf, premiumStatement, type PremiumStatement } from './statement.js';
import type { PremiumStore } from './store.js';
import { BELOW_MINIMUM_POLICIES, DEFAULT_BELOW_MINIMUM_POLICY, type BelowMinimumPolicy, type FxRate, type PremiumPayment, type PremiumPlan, type PremiumProject, type PremiumSpending, type RecordedValuation } from './types.js';
import { evaluateParts, type PricingData } from './valuation.js';

export interface PremiumDeps {
  store: PremiumStore;
  clock: Clock;
  /** The certification rules as they stand in the rule table (read per call, so new values apply at once). */
  rules(): Promise<CertificationRules>;
}

/** Who may see what: every party (the command line) or the parties of an organisation and its grantors. */
export type Viewer = 'all' | readonly PartyUri[];

const sees = (viewer: Viewer, party: PartyUri) => viewer === 'all' || viewer.includes(party);

/** A contract with its deliveries, failed-delivery reports and balances. */
export interface ContractStatement {
  contract: Contract;
  deliveries: Delivery[];
  failedDeliveries: FailedDelivery[];
  prefinanceRepaidCents: Cents;
  prefinanceOutstandingCents: Cents;
  trialConsignmentsUsed: number;
  deliveredFineMg: number;
  deliveredValueCents: Cents;
  shortMg: number;
}

/** Premium ledger, below-minimum policy, exchange rates and trading contracts over a PremiumStore. */
export function premiums(deps: PremiumDeps) {
  const { store, clock } = deps;
  const now = () => clock.now().getTime();

  async function convert(amount: string, currency: string, date: string): Promise<{ usdCents: Cents; fx?: FxRate }> {
    if (currency === 'USD') return { usdCents: usdCents(amount, currency, undefined) };
    const rules = await deps.rules();
    const fx = rateOn(await store.fxRates(currency), currency, date, fxMaxAgeDays(rules, date));
    if (!fx) throw new OrpailleError('ORP_NO_FX_RATE', `no rate for ${currency} on ${date}: add one (orpaille fx add)`, { currency, date });
    return { usdCents: usdCents(amount, currency, fx), fx };
  }

  async function requireContract(id: string, viewer: Viewer): Promise<Contract> {
    const c = await store.contract(id);
    if (!c || !(sees(viewer, c.buyer) || sees(viewer, c.seller))) throw new OrpailleError('ORP_NOT_FOUND', `no contract ${id}`, { contract: id });
    return c;
  }

  return {
    async policy(org: PartyUri): Promise<BelowMinimumPolicy> {
      return (await store.settings(org))?.belowMinimumPolicy ?? DEFAULT_BELOW_MINIMUM_POLICY;
    },

    async setPolicy(org: PartyUri, policy: string, by: string): Promise<BelowMinimumPolicy> {
      if (!(BELOW_MINIMUM_POLICIES as readonly string[]).includes(policy)) {
        throw new OrpailleError('ORP_BAD_INPUT', `below-minimum policy must be ${BELOW_MINIMUM_POLICIES.join(' or ')}, got "${policy}"`, { policy });
      }
      await store.setSettings(org, { belowMinimumPolicy: policy as BelowMinimumPolicy }, by, now());
      return policy as BelowMinimumPolicy;
    },

    async addFxRates(rates: FxRate[]): Promise<FxRate[]> {
      const checked = rates.map(checkFxRate);
      await store.addFxRates(checked, now());
      return checked;
    },

    fxRates: (currency?: string) => store.fxRates(currency),

    /**
     * Prices again the purchases of a producer (or all) that were not evaluated when captured, now that
     * the benchmark price, rate or rule they lacked may be there. Returns those now evaluated.
     */
    async revalue(producer?: PartyUri): Promise<RecordedValuation[]> {
      const pending = (await store.valuations(producer ? { producer } : {})).filter((v) => v.status === 'not_evaluated');
      if (pending.length === 0) return [];
      const rules = await deps.rules();
      const query = pricingQuery(pending.map((v) => ({ date: v.date, currency: v.price.currency })), rules);
      const data = pricingDataFrom(await store.pricingFacts(query), rules);
      const done: RecordedValuation[] = [];
      for (const v of pending) {
        const again = { ...evaluateParts(v, v.parts, data), eventId: v.eventId, seq: v.seq };
        if (again.status !== 'evaluated') continue;
        await store.updateValuation(again);
        done.push(again);
      }
      return done;
    },

    /**
     * The lookups pricing applies (benchmark price and exchange rate in force on a date, the producer behind a
     * seller), loaded for purchases on these dates, in these currencies, from these sellers: what reports use to
     * value purchases the premium ledger does not hold (uncertified ones) exactly as it values its own.
     */
    async pricing(items: readonly { date: string; currency: string; seller?: PartyUri }[]): Promise<PricingData> {
      const rules = await deps.rules();
      return pricingDataFrom(await store.pricingFacts(pricingQuery(items, rules)), rules);
    },

    /** Due lines (one per certified purchase) of a producer, or of a buyer, as `viewer` may see them. */
    async dues(filter: { producer?: PartyUri; buyer?: PartyUri }, viewer: Viewer = 'all'): Promise<RecordedValuation[]> {
      const rows = await store.valuations(filter);
      return rows.filter((v) => sees(viewer, v.producer) || sees(viewer, v.buyer));
    },

    /**
     * The premium statement of a producer: the whole ledger for the producer (and whoever it granted
     * access), only its own purchases and payments for a buyer; ORP_NOT_FOUND for anyone else.
     */
    async statement(producer: PartyUri, viewer: Viewer = 'all'): Promise<PremiumStatement> {
      const dues = await store.valuations({ producer });
      const payments = await store.payments({ producer });
      if (sees(viewer, producer)) {
        return premiumStatement({
          producer,
          view: 'producer',
          dues,
          payments,
          plans: await store.plans(producer),
          projects: await store.projects(producer),
          spending: await store.spending(producer),
        });
      }
      const own = dues.filter((d) => sees(viewer, d.buyer));
      if (own.length === 0) throw new OrpailleError('ORP_NOT_FOUND', `no premium ledger of ${producer}`, { producer });
      return premiumStatement({ producer, view: 'buyer', dues: own, payments: payments.filter((p) => sees(viewer, p.payer)) });
    },

    /** Records a premium paid by `payer` to `producer`; refused beyond what the payer still owes. */
    async pay(input: { producer: PartyUri; payer: PartyUri; reference: string; paidOn: string; method: string; amount: string; currency: string }, by: string): Promise<PremiumPayment> {
      const converted = await convert(input.amount, input.currency, input.paidOn);
      return store.transaction(async (s) => {
        const outstanding = outstandingOf(await s.valuations({ producer: input.producer, buyer: input.payer }), await s.payments({ producer: input.producer, buyer: input.payer }), input.payer);
        const payment: PremiumPayment = { id: newId('pay'), ...paymentOf(input, outstanding, converted, by, now()) };
        await s.addPayment(payment);
        return payment;
      });
    },

    async addPlan(input: { producer: PartyUri; scheme: string; from: string; to: string; decidedOn: string; decidedBy?: string; minutes?: string }): Promise<PremiumPlan> {
      const plan: PremiumPlan = { id: newId('plan'), ...planOf(input, await deps.rules(), now()) };
      await store.addPlan(plan);
      return plan;
    },

    /** A project of one of the producer's plans. */
    async addProject(producer: PartyUri, input: { plan: string; name: string; budget: string; from: string; to: string; decidedOn: string }): Promise<PremiumProject> {
      const plan = await store.plan(input.plan);
      if (!plan || plan.producer !== producer) throw new OrpailleError('ORP_NOT_FOUND', `no plan ${input.plan} of ${producer}`, { plan: input.plan });
      const project: PremiumProject = { id: newId('prj'), ...projectOf(plan, input, now()) };
      await store.addProject(project);
      return project;
    },

    async plans(producer: PartyUri): Promise<{ plans: PremiumPlan[]; projects: PremiumProject[] }> {
      return { plans: await store.plans(producer), projects: await store.projects(producer) };
    },

    /** Records premium money spent on a project of the producer, with its receipts; refused beyond the budget. */
    async spend(
      producer: PartyUri,
      input: { project: string; spentOn: string; amount: string; currency: string; description: string; receipts: string[] },
      by: string,
    ): Promise<PremiumSpending> {
      const converted = await convert(input.amount, input.currency, input.spentOn);
      return store.transaction(async (s) => {
        const project = await s.project(input.project);
        if (!project || project.producer !== producer) throw new OrpailleError('ORP_NOT_FOUND', `no project ${input.project} of ${producer}`, { project: input.project });
        const spending: PremiumSpending = { id: newId('spd'), ...spendingOf(project, await s.spending(producer, project.id), input, converted, by, now()) };
        await s.addSpending(spending);
        return spending;
      });
    },

    async createContract(input: ContractInput, by: string): Promise<Contract> {
      const c: Contract = { id: newId('ctr'), ...contractTerms(input, await deps.rules(), by, now()) };
      await store.addContract(c);
      return c;
    },

    contracts: async (viewer: Viewer = 'all') => store.contracts(viewer === 'all' ? undefined : viewer),

    contract: requireContract,

    async contractStatement(id: string, viewer: Viewer = 'all'): Promise<ContractStatement> {
      const contract = await requireContract(id, viewer);
      const deliveries = await store.deliveries(id);
      const failedDeliveries = await store.failedDeliveries(id);
      return {
        contract,
        deliveries,
        failedDeliveries,
        prefinanceRepaidCents: deliveries.reduce((a, d) => a + d.repaidCents, 0),
        prefinanceOutstandingCents: prefinanceOutstanding(contract, deliveries),
        trialConsignmentsUsed: deliveries.filter((d) => d.trial).length,
        deliveredFineMg: deliveries.reduce((a, d) => a + d.fineMg, 0),
        deliveredValueCents: deliveries.reduce((a, d) => a + d.valueCents, 0),
        shortMg: failedDeliveries.reduce((a, f) => a + f.shortMg, 0),
      };
    },

    /** Records a delivery under a contract (trial limit checked, pre-finance repaid from its value). */
    async deliver(id: string, input: { deliveredOn: string; fineGrams: string; value: string; purchaseNumber?: string }, viewer: Viewer = 'all'): Promise<Delivery> {
      const rules = await deps.rules();
      return store.transaction(async (s) => {
        const c = await s.contract(id);
        if (!c || !(sees(viewer, c.buyer) || sees(viewer, c.seller))) throw new OrpailleError('ORP_NOT_FOUND', `no contract ${id}`, { contract: id });
        const d: Delivery = { id: newId('dlv'), ...deliveryOf(c, await s.deliveries(id), input, rules), createdAt: now() };
        await s.addDelivery(d);
        return d;
      });
    },

    async reportFailedDelivery(id: string, input: { reportedOn: string; reason: string; shortGrams: string }, viewer: Viewer = 'all'): Promise<FailedDelivery> {
      const c = await requireContract(id, viewer);
      const f: FailedDelivery = { id: newId('fdl'), ...failedDeliveryOf(c, input), createdAt: now() };
      await store.addFailedDelivery(f);
      return f;
    },

    /** Ends a contract's trial period from a date. */
    async endTrial(id: string, on: string, viewer: Viewer = 'all'): Promise<Contract> {
      const c = await requireContract(id, viewer);
      const day = endTrial(c, on);
      await store.endTrial(id, day);
      return { ...c, trialEndedOn: day };
    },
  };
}

export type Premiums = ReturnType<typeof premiums>;
