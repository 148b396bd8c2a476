import type { Query } from '../api';
import type { MessageKey } from '../i18n';
import type { Me } from '../session';

/*
 * The reports the web app offers (src/http/report-*.ts): for each, the inputs of its form and how their values
 * become the request. Pure data and functions (no DOM), so the unit tests read them directly.
 */

type Principal = Me['principal'];

/** One input of a report form. `name` is the query or body field; a dotted name (`verifier.name`) nests in the body. */
export interface FieldDef {
  name: string;
  label: MessageKey;
  kind: 'year' | 'date' | 'text' | 'select';
  /** Choices of a select, each with its label. */
  options?: readonly { value: string; label: MessageKey }[];
  /** Required fields are marked `required`; an empty optional field is left out of the request. */
  required?: boolean;
  /** The value the form starts with. */
  initial?: (ctx: DefaultsContext) => string;
}

/** What defaults are computed from: today (local time) and the caller. */
export interface DefaultsContext {
  today: Date;
  principal: Principal;
}

/** A report of the API the page has a form for. */
export interface ReportDef {
  id: 'cmrt' | 'step5' | 'rmap' | 'statement' | 'programme' | 'icglr';
  title: MessageKey;
  about: MessageKey;
  /** A note printed under the form (what the form leaves to the ledger or to the command line). */
  note?: MessageKey;
  method: 'GET' | 'POST';
  path: string;
  fields: readonly FieldDef[];
  /** Whether the caller may ask for it (the routes' roles): hidden otherwise rather than refused after filling. */
  available(p: Principal): boolean;
  /** The name the file is saved under when the server gives none. */
  fallbackName: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The calendar year of `today`, as the reports' `year` / `period` parameter. */
export const currentYear = (today: Date) => String(today.getFullYear());

/** Last calendar month as a report period: its first day (inclusive) and the first day of this month (exclusive). */
export function lastMonth(today: Date): { from: string; to: string } {
  return { from: day(new Date(today.getFullYear(), today.getMonth() - 1, 1)), to: day(new Date(today.getFullYear(), today.getMonth(), 1)) };
}

const year: FieldDef = { name: 'year', label: 'reports.field.year', kind: 'year', required: true, initial: (c) => currentYear(c.today) };
const from: FieldDef = { name: 'from', label: 'reports.field.from', kind: 'date', required: true, initial: (c) => lastMonth(c.today).from };
const to: FieldDef = { name: 'to', label: 'reports.field.to', kind: 'date', required: true, initial: (c) => lastMonth(c.today).to };
const formats = (...values: ('pdf' | 'html' | 'csv' | 'json')[]): FieldDef => ({
  name: 'format',
  label: 'reports.field.format',
  kind: 'select',
  required: true,
  options: values.map((value) => ({ value, label: `reports.format.${value}` as const })),
  initial: () => values[0]!,
});
const text = (name: string, label: MessageKey): FieldDef => ({ name, label, kind: 'text', required: true });

const member = (p: Principal) => p.org !== null;
const WRITERS: readonly string[] = ['admin', 'operator'];

/** The reports in the order the page shows them. */
export const REPORTS: readonly ReportDef[] = [
  {
    id: 'step5',
    title: 'reports.step5.title',
    about: 'reports.step5.about',
    method: 'GET',
    path: '/reports/step5',
    fields: [year, formats('pdf', 'html')],
    available: member,
    fallbackName: 'step5.pdf',
  },
  {
    id: 'cmrt',
    title: 'reports.cmrt.title',
    about: 'reports.cmrt.about',
    method: 'GET',
    path: '/reports/cmrt',
    fields: [
      { ...year, name: 'period' },
      { name: 'scope', label: 'reports.field.scope', kind: 'select', required: true, options: (['A', 'B', 'C'] as const).map((value) => ({ value, label: `reports.scope.${value}` as const })), initial: () => 'A' },
    ],
    available: member,
    fallbackName: 'cmrt.xlsx',
  },
  {
    id: 'rmap',
    title: 'reports.rmap.title',
    about: 'reports.rmap.about',
    method: 'GET',
    path: '/reports/rmap',
    fields: [from, to],
    available: member,
    fallbackName: 'rmap.zip',
  },
  {
    id: 'statement',
    title: 'reports.statement.title',
    about: 'reports.statement.about',
    method: 'GET',
    path: '/reports/statement',
    fields: [{ name: 'producer', label: 'reports.field.producer', kind: 'text', required: true, initial: (c) => c.principal.org?.id ?? '' }, from, to, formats('pdf', 'csv')],
    available: () => true,
    fallbackName: 'statement.pdf',
  },
  {
    id: 'programme',
    title: 'reports.programme.title',
    about: 'reports.programme.about',
    method: 'GET',
    path: '/reports/programme',
    fields: [from, to, formats('csv', 'json')],
    available: () => true,
    fallbackName: 'programme.csv',
  },
  {
    id: 'icglr',
    title: 'reports.icglr.title',
    about: 'reports.icglr.about',
    note: 'reports.icglr.note',
    method: 'POST',
    path: '/reports/icglr',
    fields: [
      text('lot', 'reports.field.lot'),
      { name: 'lang', label: 'reports.field.lang', kind: 'select', required: true, options: (['both', 'en', 'fr'] as const).map((value) => ({ value, label: `reports.lang.${value}` as const })), initial: () => 'both' },
      text('customsValueUsd', 'reports.field.customsValueUsd'),
      text('route', 'reports.field.route'),
      text('transportCompany', 'reports.field.transportCompany'),
      text('issuingAuthority', 'reports.field.issuingAuthority'),
      text('verifier.name', 'reports.field.verifierName'),
      text('verifier.position', 'reports.field.verifierPosition'),
      text('verifier.id', 'reports.field.verifierId'),
      { name: 'verificationDate', label: 'reports.field.verificationDate', kind: 'date', required: true, initial: (c) => day(c.today) },
      text('validator', 'reports.field.validator'),
    ],
    available: (p) => member(p) && WRITERS.includes(p.role),
    fallbackName: 'icglr.pdf',
  },
];

/** The starting values of a report's form. */
export function initialValues(report: ReportDef, ctx: DefaultsContext): Record<string, string> {
  return Object.fromEntries(report.fields.map((f) => [f.name, f.initial?.(ctx) ?? '']));
}

/**
 * The request of a filled form: the query of a GET, the JSON body of a POST (dotted names nested). Values are
 * trimmed; empty ones are left out so that the server names what is missing rather than refusing an empty string.
 */
export function reportRequest(report: ReportDef, values: Record<string, string>): { query?: Query; body?: unknown } {
  const filled = report.fields.flatMap((f) => {
    const v = (values[f.name] ?? '').trim();
    return v === '' ? [] : [[f.name, v] as const];
  });
  if (report.method === 'GET') return { query: Object.fromEntries(filled) };
  const body: Record<string, unknown> = {};
  for (const [name, v] of filled) {
    const path = name.split('.');
    let at = body;
    for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    at[path.at(-1)!] = v;
  }
  return { body };
}
