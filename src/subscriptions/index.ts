export * from './types.js';
export { ADHOC_QUERY, parseSubscriptionRequest } from './request.js';
export { compileSchedule, nextQueryTime, type CompiledSchedule } from './schedule.js';
export { afterFailure, retryDelay } from './backoff.js';
export { deliveryRules } from './rules.js';
export { queryDocument, reportedEvent, signBody, SIGNATURE_HEADER } from './document.js';
export { deliveryWorker, type DeliveryReport, type DeliveryWorker, type WorkerDeps } from './worker.js';
export { subscriptions, type Subscriptions } from './service.js';
export { subscriptionView } from './view.js';
