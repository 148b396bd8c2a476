import type { DeliveryRules } from './types.js';

const POSITIVE_INTEGERS = ['maxEventsPerPost', 'requestTimeoutMs', 'pauseAfterMs', 'pollMs', 'concurrency', 'leaseMs'] as const;

function positive(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new Error(`delivery rule ${name} must be a positive number, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * The delivery rules from the shipped rule file (rules/subscriptions.json: `{ name: { value, source } }`)
 * with the configuration's overrides on top. Throws on a missing or non-positive value: a worker with
 * a zero timeout or backoff would hammer subscribers.
 */
export function deliveryRules(file: Record<string, unknown>, overrides: Partial<DeliveryRules> = {}): DeliveryRules {
  const fromFile = (name: string): unknown => (file[name] as { value?: unknown } | undefined)?.value;
  const out: Record<string, unknown> = {};
  for (const name of POSITIVE_INTEGERS) out[name] = positive(name, overrides[name] ?? fromFile(name));
  const b = { ...(fromFile('backoff') as Record<string, unknown> | undefined), ...overrides.backoff };
  out['backoff'] = { initialMs: positive('backoff.initialMs', b['initialMs']), factor: positive('backoff.factor', b['factor']), maxMs: positive('backoff.maxMs', b['maxMs']) };
  return out as unknown as DeliveryRules;
}
