import type { DeliveryFailure, DeliveryRules, Subscription } from './types.js';

/** Delay before the n-th consecutive retry (n >= 1): exponential, capped. */
export function retryDelay(rules: DeliveryRules, attempt: number): number {
  const { initialMs, factor, maxMs } = rules.backoff;
  return Math.min(maxMs, Math.round(initialMs * factor ** Math.max(0, attempt - 1)));
}

/**
 * What a failed delivery does to a subscription: one more failed attempt, a retry after the backoff
 * delay, and a pause (never a deletion) once it has been failing for `pauseAfterMs` without a success.
 */
export function afterFailure(rules: DeliveryRules, s: Pick<Subscription, 'failingSince' | 'failedAttempts'>, at: number, error: string): DeliveryFailure {
  const failingSince = s.failingSince ?? at;
  const failedAttempts = s.failedAttempts + 1;
  const failure: DeliveryFailure = { at, error, failingSince, failedAttempts, dueAt: at + retryDelay(rules, failedAttempts) };
  if (at - failingSince >= rules.pauseAfterMs) {
    const since = new Date(failingSince).toISOString();
    failure.pause = { reason: `deliveries have failed since ${since} (${failedAttempts} attempts); last: ${error}` };
  }
  return failure;
}
