import { badInput } from '../kernel/index.js';

/**
 * The capture limits a server advertises (`GS1-EPCIS-Capture-Limit`, `GS1-EPCIS-Capture-File-Size-Limit`)
 * and enforces with a 413. A whole document is parsed in memory, so these bound a job's memory too.
 */
export interface CaptureLimits {
  /** Most events in one document. */
  eventLimit: number;
  /** Most bytes in one request body. */
  fileSizeLimit: number;
}

export const DEFAULT_CAPTURE_LIMITS: CaptureLimits = { eventLimit: 100_000, fileSizeLimit: 128 * 1024 * 1024 };

/** Limits with defaults filled in; rejects non-positive or fractional values. */
export function captureLimits(given: Partial<CaptureLimits> = {}): CaptureLimits {
  const l = { ...DEFAULT_CAPTURE_LIMITS, ...given };
  for (const [k, v] of Object.entries(l)) {
    if (!Number.isSafeInteger(v) || v < 1) throw badInput(`capture ${k} must be a positive integer, got ${v}`, { [k]: v });
  }
  return l;
}
