/** Time is passed in so decisions and tests are deterministic. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock fixed at (or advanced manually from) a given instant, for tests and the demo. */
export function fixedClock(at: Date | string): Clock & { set(d: Date | string): void } {
  let t = new Date(at);
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d);
    },
  };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO 8601 date-time with an explicit offset (EPCIS requires one); returns epoch ms. */
export function parseIsoDateTime(text: string): number {
  const m = ISO.exec(text);
  if (!m) return Number.NaN;
  const ms = Date.parse(text);
  return ms;
}

/** Accepts YYYY-MM-DD or a full ISO date-time; dates mean 00:00 UTC. */
export function parseDateOrDateTime(text: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    return new Date(ms).toISOString().slice(0, 10) === text ? ms : Number.NaN;
  }
  return parseIsoDateTime(text);
}

/**
 * The instant `months` calendar months after `ms` (UTC), the day clamped to the end of a shorter
 * month: 31 January + 1 month is 28 (or 29) February, not 3 March.
 */
export function addMonthsUtc(ms: number, months: number): number {
  const d = new Date(ms);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}
