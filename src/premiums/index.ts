export * from './types.js';
export { checkFxRate, rateOn, usdCents, isoDay } from './fx.js';
export { localDay, valuePurchase, evaluateParts, checkPurchasePrice, purchasePricer, type PricingData, type PurchasePricer, type ValuationBase } from './valuation.js';
export * from './contracts.js';
export { planOf, projectOf, spendingOf, paymentOf, type PlanLengthRule } from './plan.js';
export * from './statement.js';
export type { PremiumStore, PricingFacts, PricingFactsQuery, LedgerFilter } from './store.js';
export { premiums, type Premiums, type PremiumDeps, type BenchmarkSource, type Viewer, type ContractStatement } from './service.js';
export * from './view.js';
