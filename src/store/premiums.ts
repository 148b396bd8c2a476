import type { Kysely, Selectable } from 'kysely';
import type { PriceSource } from '../certification/index.js';
import type { PartyUri } from '../custody/index.js';
import { OrpailleError, systemClock } from '../kernel/index.js';
import type {
  BelowMinimumPolicy,
  Contract,
  Delivery,
  FailedDelivery,
  FxRate,
  LedgerFilter,
  PremiumPayment,
  PremiumPlan,
  PremiumProject,
  PremiumSpending,
  PremiumStore,
  PricingFacts,
  PricingFactsQuery,
  RecordedValuation,
} from '../premiums/index.js';
import { chunks } from './chunks.js';
import type { Db } from './db.js';
import type { ContractsTable, PremiumTables, PremiumPaymentsTable, PremiumSpendingTable, PurchaseValuationsTable } from './premium-tables.js';
import { priceStore } from './prices.js';
import type { Database } from './schema.js';

type Tables = Database & PremiumTables;
const IN_CHUNK = 1000;

const opt = <K extends string, V>(key: K, v: V | null | undefined) => (v === null || v === undefined ? {} : ({ [key]: v } as Record<K, V>));
const json = (text: string | null) => (text === null ? undefined : (JSON.parse(text) as unknown));

/** The `purchase_valuations` row of a valuation (the ledger writes it with the purchase). */
export function valuationRow(v: RecordedValuation): PurchaseValuationsTable {
  return {
    event_id: v.eventId,
    seq: v.seq,
    purchase_number: v.purchaseNumber,
    event_time: Date.parse(v.eventTime),
    purchase_date: v.date,
    producer: v.producer,
    buyer: v.buyer,
    seller: v.seller,
    status: v.status,
    reason: v.reason ?? null,
    fine_mg: v.fineMg,
    price_amount: v.price.amount,
    price_currency: v.price.currency,
    paid_cents: v.paidCents ?? null,
    minimum_cents: v.minimumCents ?? null,
    premium_cents: v.premiumCents ?? null,
    below_minimum: v.belowMinimum ? 1 : 0,
    policy: v.policy,
    detail: JSON.stringify({ eventTime: v.eventTime, benchmark: v.benchmark, fx: v.fx, parts: v.parts }),
  };
}

function valuationFromRow(r: Selectable<PurchaseValuationsTable>): RecordedValuation {
  const detail = JSON.parse(r.detail) as Pick<RecordedValuation, 'eventTime' | 'benchmark' | 'fx' | 'parts'>;
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    eventId: r.event_id,
    seq: Number(r.seq),
    purchaseNumber: r.purchase_number,
    eventTime: detail.eventTime,
    date: r.purchase_date,
    producer: r.producer,
    buyer: r.buyer,
    seller: r.seller,
    price: { amount: r.price_amount, currency: r.price_currency },
    status: r.status as RecordedValuation['status'],
    ...opt('reason', r.reason),
    fineMg: Number(r.fine_mg),
    parts: detail.parts,
    ...opt('benchmark', detail.benchmark),
    ...opt('fx', detail.fx),
    ...opt('paidCents', num(r.paid_cents)),
    ...opt('minimumCents', num(r.minimum_cents)),
    ...opt('premiumCents', num(r.premium_cents)),
    belowMinimum: Number(r.below_minimum) === 1,
    policy: r.policy as BelowMinimumPolicy,
  };
}

function paymentFromRow(r: Selectable<PremiumPaymentsTable>): PremiumPayment {
  return {
    id: r.id,
    producer: r.producer,
    payer: r.payer,
    reference: r.reference,
    paidOn: r.paid_on,
    method: r.method,
    amount: r.amount,
    currency: r.currency,
    usdCents: Number(r.usd_cents),
    ...opt('fx', json(r.fx) as FxRate | undefined),
    recordedBy: r.recorded_by,
    createdAt: Number(r.created_at),
  };
}

function spendingFromRow(r: Selectable<PremiumSpendingTable>): PremiumSpending {
  return {
    id: r.id,
    project: r.project_id,
    producer: r.producer,
    spentOn: r.spent_on,
    amount: r.amount,
    currency: r.currency,
    usdCents: Number(r.usd_cents),
    ...opt('fx', json(r.fx) as FxRate | undefined),
    description: r.description,
    receipts: JSON.parse(r.receipts) as string[],
    recordedBy: r.recorded_by,
    createdAt: Number(r.created_at),
  };
}

function contractFromRow(r: Selectable<ContractsTable>): Contract {
  const terms = JSON.parse(r.terms) as Pick<Contract, 'costComponents' | 'costCap' | 'trialRule'>;
  return {
    id: r.id,
    reference: r.reference,
    buyer: r.buyer,
    seller: r.seller,
    scheme: r.scheme as Contract['scheme'],
    startsOn: r.starts_on,
    trialConsignments: Number(r.trial_consignments),
    ...opt('trialEndedOn', r.trial_ended_on),
    prefinanceCents: Number(r.prefinance_cents),
    inventoryFinancingCents: Number(r.inventory_financing_cents),
    financingCostBps: Number(r.financing_cost_bps),
    costComponents: terms.costComponents,
    ...opt('costCap', terms.costCap),
    ...opt('trialRule', terms.trialRule),
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
  };
}

function exists(what: string, details: Record<string, unknown>): OrpailleError {
  return new OrpailleError('ORP_ALREADY_RECORDED', `${what} is already recorded`, details);
}

/**
 * What pricing purchases needs, read through `k` (the ledger passes its write transaction): the producer
 * behind each seller (a producer organisation itself, or a miner's organisation), the buyers' stored
 * policies, the rates of the currencies over the dates asked, and for each date the gold prices that may
 * apply (the latest fixing on or before it, the average of its month) from the benchmark price table.
 */
export async function loadPricingFacts(db: Kysely<any>, q: PricingFactsQuery, prices: PriceSource): Promise<PricingFacts> {
  const k = db as Kysely<Tables>;
  const facts: PricingFacts = { producers: new Map(), policies: new Map(), fxRates: [], benchmarks: new Map() };
  for (const part of chunks(q.sellers, IN_CHUNK)) {
    if (part.length === 0) continue;
    for (const o of await k.selectFrom('organisations').select(['uri', 'roles']).where('uri', 'in', part).execute()) {
      if ((JSON.parse(o.roles) as string[]).includes('producer')) facts.producers.set(o.uri, o.uri);
    }
    const miners = await k.selectFrom('miners').innerJoin('organisations', 'organisations.id', 'miners.org_id').select(['miners.uri as miner', 'organisations.uri as org']).where('miners.uri', 'in', part).execute();
    for (const m of miners) facts.producers.set(m.miner, m.org);
  }
  for (const part of chunks(q.buyers, IN_CHUNK)) {
    if (part.length === 0) continue;
    const rows = await k
      .selectFrom('org_settings')
      .innerJoin('organisations', 'organisations.id', 'org_settings.org_id')
      .select(['organisations.uri', 'org_settings.below_minimum_policy'])
      .where('organisations.uri', 'in', part)
      .execute();
    for (const r of rows) facts.policies.set(r.uri, r.below_minimum_policy as BelowMinimumPolicy);
  }
  for (const c of q.currencies) {
    const rows = await k.selectFrom('fx_rates').selectAll().where('currency', '=', c.currency).where('rate_date', '>=', c.from).where('rate_date', '<=', c.to).execute();
    facts.fxRates.push(...rows.map((r) => ({ currency: r.currency, date: r.rate_date, usdPerUnit: r.usd_per_unit, source: r.source })));
  }
  for (const date of q.dates) {
    const latestFixing = await prices.latestFixing('gold', date);
    const monthlyAverage = await prices.monthlyAverage('gold', `${date.slice(0, 7)}-01`);
    facts.benchmarks.set(date, { ...(latestFixing ? { latestFixing } : {}), ...(monthlyAverage ? { monthlyAverage } : {}) });
  }
  return facts;
}

/** The benchmark prices read through `k` (reads only: the clock of price imports plays no part). */
export function pricesOver(db: Db, k: Kysely<any>): PriceSource {
  return priceStore({ ...db, kysely: k }, systemClock);
}

function storeOver(db: Db, k: Kysely<Tables>, transaction: PremiumStore['transaction']): PremiumStore {
  const store: PremiumStore = {
    transaction,

    async settings(org) {
      const r = await k
        .selectFrom('org_settings')
        .innerJoin('organisations', 'organisations.id', 'org_settings.org_id')
        .select('org_settings.below_minimum_policy')
        .where('organisations.uri', '=', org)
        .executeTakeFirst();
      return r ? { belowMinimumPolicy: r.below_minimum_policy as BelowMinimumPolicy } : undefined;
    },

    async setSettings(org, settings, by, at) {
      const o = await k.selectFrom('organisations').select('id').where('uri', '=', org).executeTakeFirst();
      if (!o) throw new OrpailleError('ORP_NOT_FOUND', `no organisation ${org}`, { org });
      const row = { org_id: o.id, below_minimum_policy: settings.belowMinimumPolicy, updated_at: at, updated_by: by };
      await k
        .insertInto('org_settings')
        .values(row)
        .onConflict((oc) => oc.column('org_id').doUpdateSet({ below_minimum_policy: row.below_minimum_policy, updated_at: at, updated_by: by }))
        .execute();
    },

    pricingFacts: (q) => loadPricingFacts(k, q, pricesOver(db, k)),

    async addFxRates(rates, at) {
      for (const r of rates) {
        const found = await k.selectFrom('fx_rates').select('usd_per_unit').where('currency', '=', r.currency).where('rate_date', '=', r.date).executeTakeFirst();
        if (found) throw exists(`a rate for ${r.currency} on ${r.date} (${found.usd_per_unit} USD)`, { currency: r.currency, date: r.date });
      }
      for (const part of chunks(rates, 500)) {
        if (part.length === 0) continue;
        await k
          .insertInto('fx_rates')
          .values(part.map((r) => ({ currency: r.currency, rate_date: r.date, usd_per_unit: r.usdPerUnit, source: r.source, created_at: at })))
          .execute();
      }
    },

    async fxRates(currency) {
      let q = k.selectFrom('fx_rates').selectAll().orderBy('currency').orderBy('rate_date');
      if (currency) q = q.where('currency', '=', currency);
      return (await q.execute()).map((r) => ({ currency: r.currency, date: r.rate_date, usdPerUnit: r.usd_per_unit, source: r.source }));
    },

    async valuations(filter: LedgerFilter) {
      let q = k.selectFrom('purchase_valuations').selectAll().orderBy('event_time').orderBy('seq');
      if (filter.producer) q = q.where('producer', '=', filter.producer);
      if (filter.buyer) q = q.where('buyer', '=', filter.buyer);
      return (await q.execute()).map(valuationFromRow);
    },

    async updateValuation(v) {
      const { event_id, ...row } = valuationRow(v);
      await k.updateTable('purchase_valuations').set(row).where('event_id', '=', event_id).execute();
    },

    async addPayment(p) {
      const found = await k.selectFrom('premium_payments').select('id').where('payer', '=', p.payer).where('reference', '=', p.reference).executeTakeFirst();
      if (found) throw exists(`payment ${p.reference} of ${p.payer}`, { reference: p.reference, payment: found.id });
      await k
        .insertInto('premium_payments')
        .values({
          id: p.id,
          producer: p.producer,
          payer: p.payer,
          reference: p.reference,
          paid_on: p.paidOn,
          method: p.method,
          amount: p.amount,
          currency: p.currency,
          usd_cents: p.usdCents,
          fx: p.fx ? JSON.stringify(p.fx) : null,
          recorded_by: p.recordedBy,
          created_at: p.createdAt,
        })
        .execute();
    },

    async payments(filter: LedgerFilter) {
      let q = k.selectFrom('premium_payments').selectAll().orderBy('paid_on').orderBy('created_at');
      if (filter.producer) q = q.where('producer', '=', filter.producer);
      if (filter.buyer) q = q.where('payer', '=', filter.buyer);
      return (await q.execute()).map(paymentFromRow);
    },

    async addPlan(p) {
      await k
        .insertInto('premium_plans')
        .values({
          id: p.id,
          producer: p.producer,
          scheme: p.scheme,
          period_from: p.from,
          period_to: p.to,
          decided_on: p.decidedOn,
          decided_by: p.decidedBy,
          minutes: p.minutes ?? null,
          created_at: p.createdAt,
        })
        .execute();
    },

    async plans(producer) {
      const rows = await k.selectFrom('premium_plans').selectAll().where('producer', '=', producer).orderBy('period_from').orderBy('created_at').execute();
      return rows.map(planFromRow);
    },

    async plan(id) {
      const r = await k.selectFrom('premium_plans').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? planFromRow(r) : undefined;
    },

    async addProject(p) {
      await k
        .insertInto('premium_projects')
        .values({
          id: p.id,
          plan_id: p.plan,
          producer: p.producer,
          name: p.name,
          budget_cents: p.budgetCents,
          period_from: p.from,
          period_to: p.to,
          decided_on: p.decidedOn,
          created_at: p.createdAt,
        })
        .execute();
    },

    async projects(producer) {
      const rows = await k.selectFrom('premium_projects').selectAll().where('producer', '=', producer).orderBy('period_from').orderBy('created_at').execute();
      return rows.map(projectFromRow);
    },

    async project(id) {
      const r = await k.selectFrom('premium_projects').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? projectFromRow(r) : undefined;
    },

    async addSpending(s) {
      await k
        .insertInto('premium_spending')
        .values({
          id: s.id,
          project_id: s.project,
          producer: s.producer,
          spent_on: s.spentOn,
          amount: s.amount,
          currency: s.currency,
          usd_cents: s.usdCents,
          fx: s.fx ? JSON.stringify(s.fx) : null,
          description: s.description,
          receipts: JSON.stringify(s.receipts),
          recorded_by: s.recordedBy,
          created_at: s.createdAt,
        })
        .execute();
    },

    async spending(producer, project) {
      let q = k.selectFrom('premium_spending').selectAll().where('producer', '=', producer).orderBy('spent_on').orderBy('created_at');
      if (project) q = q.where('project_id', '=', project);
      return (await q.execute()).map(spendingFromRow);
    },

    async addContract(c) {
      const found = await k.selectFrom('contracts').select('id').where('buyer', '=', c.buyer).where('reference', '=', c.reference).executeTakeFirst();
      if (found) throw exists(`contract ${c.reference} of ${c.buyer}`, { reference: c.reference, contract: found.id });
      await k
        .insertInto('contracts')
        .values({
          id: c.id,
          reference: c.reference,
          buyer: c.buyer,
          seller: c.seller,
          scheme: c.scheme,
          starts_on: c.startsOn,
          trial_consignments: c.trialConsignments,
          trial_ended_on: c.trialEndedOn ?? null,
          prefinance_cents: c.prefinanceCents,
          inventory_financing_cents: c.inventoryFinancingCents,
          financing_cost_bps: c.financingCostBps,
          terms: JSON.stringify({ costComponents: c.costComponents, costCap: c.costCap, trialRule: c.trialRule }),
          created_by: c.createdBy,
          created_at: c.createdAt,
        })
        .execute();
    },

    async contract(id) {
      const r = await k.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? contractFromRow(r) : undefined;
    },

    async contracts(parties?: readonly PartyUri[]) {
      let q = k.selectFrom('contracts').selectAll().orderBy('created_at').orderBy('id');
      if (parties) {
        if (parties.length === 0) return [];
        q = q.where((eb) => eb.or([eb('buyer', 'in', [...parties]), eb('seller', 'in', [...parties])]));
      }
      return (await q.execute()).map(contractFromRow);
    },

    async endTrial(id, on) {
      await k.updateTable('contracts').set({ trial_ended_on: on }).where('id', '=', id).execute();
    },

    async addDelivery(d: Delivery) {
      await k
        .insertInto('contract_deliveries')
        .values({
          id: d.id,
          contract_id: d.contract,
          delivered_on: d.deliveredOn,
          fine_mg: d.fineMg,
          value_cents: d.valueCents,
          trial: d.trial ? 1 : 0,
          repaid_cents: d.repaidCents,
          purchase_number: d.purchaseNumber ?? null,
          created_at: d.createdAt,
        })
        .execute();
    },

    async deliveries(contract) {
      const rows = await k.selectFrom('contract_deliveries').selectAll().where('contract_id', '=', contract).orderBy('delivered_on').orderBy('created_at').execute();
      return rows.map((r) => ({
        id: r.id,
        contract: r.contract_id,
        deliveredOn: r.delivered_on,
        fineMg: Number(r.fine_mg),
        valueCents: Number(r.value_cents),
        trial: Number(r.trial) === 1,
        repaidCents: Number(r.repaid_cents),
        ...opt('purchaseNumber', r.purchase_number),
        createdAt: Number(r.created_at),
      }));
    },

    async addFailedDelivery(f: FailedDelivery) {
      await k
        .insertInto('contract_failed_deliveries')
        .values({ id: f.id, contract_id: f.contract, reported_on: f.reportedOn, reason: f.reason, short_mg: f.shortMg, created_at: f.createdAt })
        .execute();
    },

    async failedDeliveries(contract) {
      const rows = await k.selectFrom('contract_failed_deliveries').selectAll().where('contract_id', '=', contract).orderBy('reported_on').orderBy('created_at').execute();
      return rows.map((r) => ({ id: r.id, contract: r.contract_id, reportedOn: r.reported_on, reason: r.reason, shortMg: Number(r.short_mg), createdAt: Number(r.created_at) }));
    },
  };
  return store;
}

function planFromRow(r: Selectable<PremiumTables['premium_plans']>): PremiumPlan {
  return {
    id: r.id,
    producer: r.producer,
    scheme: r.scheme,
    from: r.period_from,
    to: r.period_to,
    decidedOn: r.decided_on,
    decidedBy: r.decided_by,
    ...opt('minutes', r.minutes),
    createdAt: Number(r.created_at),
  };
}

function projectFromRow(r: Selectable<PremiumTables['premium_projects']>): PremiumProject {
  return {
    id: r.id,
    plan: r.plan_id,
    producer: r.producer,
    name: r.name,
    budgetCents: Number(r.budget_cents),
    from: r.period_from,
    to: r.period_to,
    decidedOn: r.decided_on,
    createdAt: Number(r.created_at),
  };
}

/** The premium ledger, settings, exchange rates and contracts on either database. */
export function premiumStore(db: Db): PremiumStore {
  const k = db.kysely.withTables<PremiumTables>();
  const root: PremiumStore = storeOver(db, k, (fn) =>
    k.transaction().execute((trx) => {
      // Inside, a nested `transaction` joins the one already open.
      const inner: PremiumStore = storeOver(db, trx, (f) => f(inner));
      return fn(inner);
    }),
  );
  return root;
}
