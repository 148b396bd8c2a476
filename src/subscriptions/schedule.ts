import { badInput } from '../kernel/index.js';
import type { QuerySchedule } from './types.js';

/*
 * EPCIS QuerySchedule (EPCIS 1.2 s.8.2.5.3, kept by the 2.0 REST binding): a time matches when each
 * field that is given matches it; a field is `Element ("," Element)*`, an element a number or a range
 * `[lo-hi]`. Times are taken in UTC (the standard lets the service choose the time zone).
 */

const FIELDS = {
  second: [0, 59],
  minute: [0, 59],
  hour: [0, 23],
  dayOfMonth: [1, 31],
  month: [1, 12],
  dayOfWeek: [1, 7],
} as const satisfies Record<keyof QuerySchedule, readonly [number, number]>;

type Field = keyof typeof FIELDS;

/** For each given field, the set of values it matches. */
export type CompiledSchedule = Partial<Record<Field, Set<number>>>;

const ELEMENT = /^(?:(\d+)|\[(\d+)-(\d+)\])$/;
// Past this many days without a match the schedule can never match (e.g. 31 February).
const SEARCH_DAYS = 366 * 8;

function fieldValues(field: Field, text: unknown): Set<number> {
  const [min, max] = FIELDS[field];
  const where = `schedule.${field}`;
  if (typeof text !== 'string') throw badInput(`${where} must be a string such as "5" or "[1-5],7"`, { field: where });
  const values = new Set<number>();
  for (const element of text.split(',')) {
    const m = ELEMENT.exec(element.trim());
    if (!m) throw badInput(`${where}: "${element}" is neither a number nor a range [lo-hi]`, { field: where, value: text });
    const lo = Number(m[1] ?? m[2]);
    const hi = Number(m[1] ?? m[3]);
    if (lo < min || hi > max) throw badInput(`${where}: values must be within ${min}-${max}`, { field: where, value: text });
    if (lo > hi) throw badInput(`${where}: range [${lo}-${hi}] runs backwards`, { field: where, value: text });
    for (let v = lo; v <= hi; v++) values.add(v);
  }
  return values;
}

/** Validates a QuerySchedule and compiles it; throws ORP_BAD_INPUT naming the field. */
export function compileSchedule(schedule: unknown): CompiledSchedule {
  if (typeof schedule !== 'object' || schedule === null || Array.isArray(schedule)) {
    throw badInput('schedule must be an object with some of second, minute, hour, dayOfMonth, month, dayOfWeek', { field: 'schedule' });
  }
  const compiled: CompiledSchedule = {};
  for (const [key, value] of Object.entries(schedule)) {
    if (!(key in FIELDS)) throw badInput(`schedule.${key} is not a QuerySchedule field`, { field: `schedule.${key}` });
    compiled[key as Field] = fieldValues(key as Field, value);
  }
  if (Object.keys(compiled).length === 0) throw badInput('schedule names no field: give at least one of second, minute, hour, ...', { field: 'schedule' });
  if (nextQueryTime(compiled, 0) === undefined) throw badInput('schedule matches no date (for example 31 February)', { field: 'schedule' });
  return compiled;
}

const matches = (set: Set<number> | undefined, v: number) => set === undefined || set.has(v);

/**
 * The first query time strictly after `afterMs` (whole UTC seconds), or undefined if the schedule
 * never matches. Skips whole months, days, hours and minutes that cannot match.
 */
export function nextQueryTime(s: CompiledSchedule, afterMs: number): number | undefined {
  const start = (Math.floor(afterMs / 1000) + 1) * 1000;
  const limit = start + SEARCH_DAYS * 86_400_000;
  let t = new Date(start);
  while (t.getTime() < limit) {
    const [y, mo, d, h, mi] = [t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()];
    const weekday = ((t.getUTCDay() + 6) % 7) + 1; // 1 = Monday ... 7 = Sunday
    if (!matches(s.month, mo + 1)) t = new Date(Date.UTC(y, mo + 1, 1));
    else if (!matches(s.dayOfMonth, d) || !matches(s.dayOfWeek, weekday)) t = new Date(Date.UTC(y, mo, d + 1));
    else if (!matches(s.hour, h)) t = new Date(Date.UTC(y, mo, d, h + 1));
    else if (!matches(s.minute, mi)) t = new Date(Date.UTC(y, mo, d, h, mi + 1));
    else if (!matches(s.second, t.getUTCSeconds())) t = new Date(t.getTime() + 1000);
    else return t.getTime();
  }
  return undefined;
}
