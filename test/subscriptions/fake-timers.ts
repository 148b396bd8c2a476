import type { Timers } from '../../src/subscriptions/index.js';

/** Timers that fire only when the test advances them, moving the test's clock with them. */
export interface FakeTimers extends Timers {
  /** Moves time forward by `ms`, firing the timers that fall due in order. */
  advance(ms: number): void;
  pending(): number;
}

export function fakeTimers(clock: { now(): Date; set(d: Date): void }): FakeTimers {
  let next = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    setTimeout(fn, ms) {
      const id = ++next;
      timers.set(id, { at: clock.now().getTime() + ms, fn });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = clock.now().getTime() + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        if (due[1].at > clock.now().getTime()) clock.set(new Date(due[1].at));
        due[1].fn();
      }
      clock.set(new Date(end));
    },
    pending: () => timers.size,
  };
}
