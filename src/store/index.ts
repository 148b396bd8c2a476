export { openDb, type Db, type Dialect, type OpenOptions } from './db.js';
export { ledgerStore } from './ledger-store.js';
export { registryStore, type RegistryStore, type OrgKey } from './registry.js';
export { rulesStore, custodyRulesFrom, type RulesStore, type RuleValue } from './rules.js';
export { queryStore, type QueryStore, type LotFilter } from './queries.js';
export { accessStore, type AccessStore, type DisclosureRecord, type UserWithSecret } from './access.js';
export { visibilityStore, type VisibilityStore } from './visibility.js';
export { subscriptionStore, interimEventFeed } from './subscriptions.js';
