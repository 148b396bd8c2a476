import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { afterFailure, retryDelay } from './backoff.js';
import { deliveryRules } from './rules.js';

const file = JSON.parse(readFileSync(new URL('../../rules/subscriptions.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const rules = deliveryRules(file);
const HOUR = 3_600_000;

describe('delivery backoff and pausing', () => {
  it('waits exponentially longer between retries, up to the maximum of the rule file', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(rules, n))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelay(rules, 40)).toBe(HOUR);
  });

  it('counts a failure from the first one of the run and pauses once failures have lasted the pause threshold', () => {
    const first = afterFailure(rules, { failedAttempts: 0 }, 1000, 'HTTP 503');
    expect(first).toEqual({ at: 1000, error: 'HTTP 503', failingSince: 1000, failedAttempts: 1, dueAt: 2000 });
    const later = afterFailure(rules, { failingSince: 1000, failedAttempts: 30 }, 1000 + 24 * HOUR - 1, 'HTTP 503');
    expect(later.pause).toBeUndefined();
    const paused = afterFailure(rules, { failingSince: 1000, failedAttempts: 31 }, 1000 + 24 * HOUR, 'ECONNREFUSED');
    expect(paused.pause?.reason).toMatch(/failed since 1970-01-01T00:00:01.000Z \(32 attempts\); last: ECONNREFUSED/);
  });

  it('takes overrides from the configuration and refuses a non-positive rule', () => {
    expect(deliveryRules(file, { maxEventsPerPost: 5, backoff: { initialMs: 10, factor: 3, maxMs: 100 } })).toMatchObject({ maxEventsPerPost: 5, backoff: { initialMs: 10, factor: 3, maxMs: 100 } });
    expect(() => deliveryRules(file, { requestTimeoutMs: 0 })).toThrow(/requestTimeoutMs/);
    expect(() => deliveryRules({})).toThrow(/maxEventsPerPost/);
  });
});
