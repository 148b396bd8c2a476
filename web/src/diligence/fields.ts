/**
 * The figures and thresholds of an incident's evidence in words: what kind of value each field the red-flag rules
 * (src/diligence/redflags) emit holds, and how to write it in the reader's language. No DOM; unit-tested
 * (fields.test.ts reads the rules' code to check that every field they emit is known here and
 * labelled in every catalog).
 */
import type { Formatters } from '../i18n/format';

/** How a field's value is written. */
export type FieldKind =
  | 'grams'
  | 'gramsPerMonth'
  | 'money'
  | 'permille'
  | 'date'
  | 'dateTime'
  | 'count'
  | 'days'
  | 'years'
  | 'coordinate'
  | 'boolean'
  | 'country'
  | 'countries'
  | 'text';

/**
 * The kind of every field a red-flag rule emits in `numbers` or `threshold`. Money fields take their currency
 * from the `currency` field beside them. Codes, identifiers, URIs and free text are `text` (written as they are).
 */
export const INCIDENT_FIELD_KINDS = {
  // Masses: the engine writes grams as decimal strings (formatGrams).
  windowGrossGrams: 'grams',
  limitGrams: 'grams',
  inputsFineGrams: 'grams',
  outputsFineGrams: 'grams',
  capacityGramsPerMonth: 'gramsPerMonth',
  // Money: decimal strings in the currency beside them.
  price: 'money',
  above: 'money',
  // Parts per thousand.
  maxPermilleOfCapacity: 'permille',
  finenessPermille: 'permille',
  lossPermille: 'permille',
  minPermille: 'permille',
  maxPermille: 'permille',
  tolerancePermille: 'permille',
  // Days (YYYY-MM-DD) and instants (ISO 8601).
  productionDate: 'date',
  registeredOn: 'date',
  firstUsedOn: 'date',
  usedOn: 'date',
  issuedOn: 'date',
  stateOn: 'date',
  listedFrom: 'date',
  licensedOn: 'date',
  windowFrom: 'dateTime',
  windowTo: 'dateTime',
  sourcedOn: 'dateTime',
  // Counts.
  productions: 'count',
  lots: 'count',
  minedEventsInWindow: 'count',
  uses: 'count',
  maxUses: 'count',
  counted: 'count',
  expected: 'count',
  difference: 'count',
  issued: 'count',
  used: 'count',
  voided: 'count',
  lost: 'count',
  toleranceTags: 'count',
  kycRecords: 'count',
  beneficialOwners: 'count',
  firstSeq: 'count',
  windowDays: 'days',
  minimumAge: 'years',
  ageAtLeast: 'years',
  ageAtMost: 'years',
  // A year is written as it is (no thousands separator).
  birthYear: 'text',
  longitude: 'coordinate',
  latitude: 'coordinate',
  approved: 'boolean',
  approvalRequired: 'boolean',
  below: 'boolean',
  inputsFineDerivedFromLoss: 'boolean',
  ageBoundedByBirthYear: 'boolean',
  mineOriginOrMinedHistory: 'boolean',
  bySerial: 'boolean',
  country: 'country',
  recorderCountry: 'country',
  countries: 'countries',
  // Codes, identifiers, URIs and text.
  site: 'text',
  purchaseNumber: 'text',
  currency: 'text',
  paymentMethod: 'text',
  matchedBy: 'text',
  event: 'text',
  party: 'text',
  lot: 'text',
  status: 'text',
  form: 'text',
  operation: 'text',
  reason: 'text',
  inputs: 'text',
  outputs: 'text',
  miner: 'text',
  seller: 'text',
  declaredMaterial: 'text',
  mineSites: 'text',
  supplier: 'text',
  evidence: 'text',
  serial: 'text',
  firstRecorder: 'text',
  usedBy: 'text',
  issuedTo: 'text',
  issuedBy: 'text',
  state: 'text',
  count: 'text',
  missing: 'text',
  extra: 'text',
  counterparty: 'text',
  registeredAs: 'text',
  area: 'text',
  areaName: 'text',
  category: 'text',
  areaSource: 'text',
  licenceType: 'text',
  forbidden: 'text',
  unissued: 'text',
  usableBy: 'text',
  equation: 'text',
  gaps: 'text',
} as const satisfies Record<string, FieldKind>;

export type IncidentField = keyof typeof INCIDENT_FIELD_KINDS;

/** Every field the rules are known to emit. */
export const INCIDENT_FIELDS = Object.keys(INCIDENT_FIELD_KINDS) as IncidentField[];

/** The kind of a field; an unknown field (a rule newer than the web app) is text. */
export function fieldKind(field: string): FieldKind {
  return (INCIDENT_FIELD_KINDS as Record<string, FieldKind>)[field] ?? 'text';
}

/** The message key of a field's label. */
export const fieldLabelKey = (field: string) => `incident.field.${field}`;

/** What writing a value needs: the formatters and the few words around values (yes/no, units). */
export interface ValueWords {
  fmt: Formatters;
  yes: string;
  no: string;
  /** `{value} ‰`, `{value} per month`, `{count} days`, `{count} years` in the reader's language. */
  permille(value: string): string;
  perMonth(value: string): string;
  days(count: string): string;
  years(count: string): string;
}

type Value = string | number | boolean | string[];

/**
 * A field's value in words, by its kind. `record` is the object the field was found in (money reads its
 * currency there). A value that does not read as its kind (`licensedOn: 'none'`, a currency Intl refuses) is
 * written as it is rather than hidden.
 */
export function fieldValue(field: string, value: Value, record: Readonly<Record<string, Value>>, w: ValueWords): string {
  const kind = fieldKind(field);
  const raw = Array.isArray(value) ? value.join(', ') : String(value);
  const num = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  try {
    switch (kind) {
      case 'boolean':
        return typeof value === 'boolean' ? (value ? w.yes : w.no) : raw;
      case 'countries':
        return (Array.isArray(value) ? value : raw.split(/[,\s]+/).filter(Boolean)).map((c) => w.fmt.country(c)).join(', ');
      case 'country':
        return /^[A-Za-z]{2}$/.test(raw) ? w.fmt.country(raw) : raw;
      case 'date':
        return /^\d{4}-\d{2}-\d{2}/.test(raw) ? w.fmt.date(raw) : raw;
      case 'dateTime':
        return Number.isFinite(Date.parse(raw)) ? w.fmt.dateTime(raw) : raw;
      case 'text':
        return raw;
    }
    if (!Number.isFinite(num)) return raw;
    switch (kind) {
      case 'grams':
        return w.fmt.mass(num);
      case 'gramsPerMonth':
        return w.perMonth(w.fmt.mass(num));
      case 'money': {
        const currency = record['currency'];
        return typeof currency === 'string' ? w.fmt.money(num, currency) : w.fmt.number(num, { min: 2, max: 2 });
      }
      case 'permille':
        return w.permille(w.fmt.number(num, { max: 1 }));
      case 'days':
        return w.days(w.fmt.number(num));
      case 'years':
        return w.years(w.fmt.number(num));
      case 'coordinate':
        return w.fmt.number(num, { max: 6 });
      case 'count':
        return w.fmt.number(num);
    }
  } catch {
    // Intl throws on a malformed currency or region code: show the value as the rule wrote it.
  }
  return raw;
}
