/** Table types of migration 0009_premiums (stores use `kysely.withTables<PremiumTables>()`). */

export type OrgSettingsTable = {
  org_id: string;
  below_minimum_policy: string;
  updated_at: number;
  updated_by: string;
};

export type FxRatesTable = {
  currency: string;
  rate_date: string;
  usd_per_unit: string;
  source: string;
  created_at: number;
};

export type PurchaseValuationsTable = {
  event_id: string;
  seq: number;
  purchase_number: string;
  event_time: number;
  purchase_date: string;
  producer: string;
  buyer: string;
  seller: string;
  status: string;
  reason: string | null;
  fine_mg: number;
  price_amount: string;
  price_currency: string;
  paid_cents: number | null;
  minimum_cents: number | null;
  premium_cents: number | null;
  below_minimum: number;
  policy: string;
  /** JSON: { eventTime, benchmark?, fx?, parts } */
  detail: string;
};

export type PremiumPaymentsTable = {
  id: string;
  producer: string;
  payer: string;
  reference: string;
  paid_on: string;
  method: string;
  amount: string;
  currency: string;
  usd_cents: number;
  fx: string | null;
  recorded_by: string;
  created_at: number;
};

export type PremiumPlansTable = {
  id: string;
  producer: string;
  scheme: string;
  period_from: string;
  period_to: string;
  decided_on: string;
  decided_by: string;
  minutes: string | null;
  created_at: number;
};

export type PremiumProjectsTable = {
  id: string;
  plan_id: string;
  producer: string;
  name: string;
  budget_cents: number;
  period_from: string;
  period_to: string;
  decided_on: string;
  created_at: number;
};

export type PremiumSpendingTable = {
  id: string;
  project_id: string;
  producer: string;
  spent_on: string;
  amount: string;
  currency: string;
  usd_cents: number;
  fx: string | null;
  description: string;
  receipts: string;
  recorded_by: string;
  created_at: number;
};

export type ContractsTable = {
  id: string;
  reference: string;
  buyer: string;
  seller: string;
  scheme: string;
  starts_on: string;
  trial_consignments: number;
  trial_ended_on: string | null;
  prefinance_cents: number;
  inventory_financing_cents: number;
  financing_cost_bps: number;
  /** JSON: { costComponents, costCap?, trialRule? } */
  terms: string;
  created_by: string;
  created_at: number;
};

export type ContractDeliveriesTable = {
  id: string;
  contract_id: string;
  delivered_on: string;
  fine_mg: number;
  value_cents: number;
  trial: number;
  repaid_cents: number;
  purchase_number: string | null;
  created_at: number;
};

export type ContractFailedDeliveriesTable = {
  id: string;
  contract_id: string;
  reported_on: string;
  reason: string;
  short_mg: number;
  created_at: number;
};

export type PremiumTables = {
  org_settings: OrgSettingsTable;
  fx_rates: FxRatesTable;
  purchase_valuations: PurchaseValuationsTable;
  premium_payments: PremiumPaymentsTable;
  premium_plans: PremiumPlansTable;
  premium_projects: PremiumProjectsTable;
  premium_spending: PremiumSpendingTable;
  contracts: ContractsTable;
  contract_deliveries: ContractDeliveriesTable;
  contract_failed_deliveries: ContractFailedDeliveriesTable;
};
