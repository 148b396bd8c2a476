import { describe, expect, it } from 'vitest';
import { compileSchedule, nextQueryTime } from './schedule.js';

const next = (schedule: Record<string, string>, after: string) => new Date(nextQueryTime(compileSchedule(schedule), Date.parse(after))!).toISOString();

describe('EPCIS query schedules', () => {
  it('runs a schedule of hour and minute once a day at that time (UTC), every second of it when second is omitted', () => {
    expect(next({ second: '0', minute: '5', hour: '1' }, '2026-03-02T00:00:00Z')).toBe('2026-03-02T01:05:00.000Z');
    expect(next({ second: '0', minute: '5', hour: '1' }, '2026-03-02T01:05:00Z')).toBe('2026-03-03T01:05:00.000Z');
    expect(next({ minute: '5', hour: '1' }, '2026-03-02T01:05:00Z')).toBe('2026-03-02T01:05:01.000Z');
  });

  it('runs at the top of every hour on weekdays only (dayOfWeek 1 = Monday)', () => {
    // 2026-03-06 is a Friday.
    expect(next({ second: '0', minute: '0', dayOfWeek: '[1-5]' }, '2026-03-06T23:30:00Z')).toBe('2026-03-09T00:00:00.000Z');
    expect(next({ second: '0', minute: '0', dayOfWeek: '[1-5]' }, '2026-03-09T10:00:00Z')).toBe('2026-03-09T11:00:00.000Z');
  });

  it('matches lists and ranges of day of month and month', () => {
    expect(next({ second: '0', minute: '0', hour: '0', dayOfMonth: '1,15', month: '[6-7]' }, '2026-03-02T00:00:00Z')).toBe('2026-06-01T00:00:00.000Z');
    expect(next({ second: '0', minute: '0', hour: '0', dayOfMonth: '29', month: '2' }, '2026-03-02T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('is always strictly after the given time', () => {
    expect(next({ second: '[0-59]' }, '2026-03-02T00:00:00.500Z')).toBe('2026-03-02T00:00:01.000Z');
  });

  it('rejects a field that is not in the grammar, out of range, backwards or unknown, naming it', () => {
    for (const [schedule, field] of [
      [{ minute: '*/5' }, 'schedule.minute'],
      [{ hour: '24' }, 'schedule.hour'],
      [{ dayOfWeek: '0' }, 'schedule.dayOfWeek'],
      [{ second: '[30-10]' }, 'schedule.second'],
      [{ minute: 5 }, 'schedule.minute'],
      [{ year: '2026' }, 'schedule.year'],
      [{}, 'schedule'],
      [{ dayOfMonth: '31', month: '2' }, 'schedule'],
    ] as const) {
      expect(() => compileSchedule(schedule), JSON.stringify(schedule)).toThrow(expect.objectContaining({ code: 'ORP_BAD_INPUT', details: expect.objectContaining({ field }) }));
    }
  });
});
