import { gramsToMg, isCurrencyCode, isOrpailleError, parseDateOrDateTime, parseFineness } from '../kernel/index.js';
import { parseCsv } from './csv.js';
import { LOT_FORMS, MATERIAL_DECLARATIONS, PAYMENT_METHODS, type GoldEvent, type LotForm, type MaterialDeclaration, type PaymentMethod } from './types.js';

/** Columns of a purchase logbook, in this order (docs/logbook-import.md); `form`, `purchase_number` and `declared_material` may follow. */
export const LOGBOOK_COLUMNS = ['date', 'miner_id', 'site_id', 'gross_grams', 'fineness', 'price', 'currency', 'payment_method', 'tag'] as const;
const OPTIONAL_COLUMNS = ['form', 'purchase_number', 'declared_material'] as const;

/** What the logbook reader needs to know about the registry (answered by the caller from the store). */
export interface LogbookDirectory {
  buyer: { uri: string; companyPrefix: string };
  miner(id: string): { uri: string; producerUri: string } | undefined;
  site(id: string): { uri: string; producerUri: string; offset: string } | undefined;
  lotUri(form: LotForm, lotNumber: string): string;
}

export interface LogbookRow {
  line: number;
  events: GoldEvent[];
}

export interface LogbookProblem {
  line: number;
  message: string;
}

export interface LogbookParse {
  rows: LogbookRow[];
  problems: LogbookProblem[];
}

/** Thrown for a file that is not a logbook at all (encoding, header). */
export class LogbookFormatError extends Error {}

/**
 * Reads a purchase logbook into events: per row, the miner's production at the site then the
 * buyer's purchase from the miner. Rows that cannot be read are listed by line with the reason.
 */
export function readLogbook(bytes: Uint8Array, dir: LogbookDirectory): LogbookParse {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LogbookFormatError('the file is not UTF-8 text; save it as "CSV UTF-8" and try again');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    throw new LogbookFormatError(err instanceof Error ? err.message : String(err));
  }
  const header = records.shift();
  if (!header) throw new LogbookFormatError('the file is empty; the first line must be the header: ' + LOGBOOK_COLUMNS.join(','));
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = LOGBOOK_COLUMNS.filter((c, k) => names[k] !== c);
  const extra = names.slice(LOGBOOK_COLUMNS.length).filter((n) => !(OPTIONAL_COLUMNS as readonly string[]).includes(n));
  if (missing.length > 0 || extra.length > 0) {
    throw new LogbookFormatError(
      `line 1: the header must be "${LOGBOOK_COLUMNS.join(',')}" (optionally followed by ${OPTIONAL_COLUMNS.join(', ')}); got "${header.fields.join(',')}"`,
    );
  }
  const col = (rec: string[], name: string) => {
    const k = names.indexOf(name);
    return k < 0 ? undefined : rec[k]?.trim();
  };
  const rows: LogbookRow[] = [];
  const problems: LogbookProblem[] = [];
  for (const rec of records) {
    if (rec.fields.length !== names.length) {
      problems.push({ line: rec.line, message: `expected ${names.length} columns, found ${rec.fields.length}` });
      continue;
    }
    try {
      rows.push({ line: rec.line, events: rowEvents(rec.fields, col, dir, rec.line) });
    } catch (err) {
      problems.push({ line: rec.line, message: isOrpailleError(err) || err instanceof Error ? err.message : String(err) });
    }
  }
  return { rows, problems };
}

function rowEvents(f: string[], col: (rec: string[], name: string) => string | undefined, dir: LogbookDirectory, line: number): GoldEvent[] {
  const get = (name: string) => col(f, name) ?? '';
  const date = get('date');
  const site = dir.site(get('site_id'));
  if (!site) throw new Error(`site "${get('site_id')}" is not registered`);
  const miner = dir.miner(get('miner_id'));
  if (!miner) throw new Error(`miner "${get('miner_id')}" is not registered`);
  if (miner.producerUri !== site.producerUri) throw new Error(`miner "${get('miner_id')}" is not registered with the organisation of site "${get('site_id')}"`);
  const eventTime = toEventTime(date, site.offset);
  const grossText = get('gross_grams');
  if (grossText.startsWith('-')) throw new Error(`gross_grams must be positive, got ${grossText}`);
  const grossMg = gramsToMg(grossText, 'gross_grams');
  if (grossMg === 0) throw new Error('gross_grams must be positive');
  const fineness = parseFineness(get('fineness'), 'fineness');
  if (fineness === 0) throw new Error('fineness must be above 0');
  const price = get('price');
  if (!/^\d+(\.\d{1,4})?$/.test(price)) throw new Error(`price must be a non-negative decimal amount, got "${price}"`);
  const currency = get('currency').toUpperCase();
  if (!isCurrencyCode(currency)) throw new Error(`currency "${get('currency')}" is not an ISO 4217 code`);
  const paymentMethod = get('payment_method').toLowerCase();
  if (!(PAYMENT_METHODS as readonly string[]).includes(paymentMethod)) {
    throw new Error(`payment_method "${get('payment_method')}" must be one of ${PAYMENT_METHODS.join(', ')}`);
  }
  const tag = get('tag');
  if (!/^[A-Za-z0-9._-]{1,40}$/.test(tag)) throw new Error(`tag "${tag}" must be 1-40 letters, digits, dots, dashes or underscores`);
  const form = (col(f, 'form') || 'dore').toLowerCase();
  if (!(LOT_FORMS as readonly string[]).includes(form)) throw new Error(`form "${form}" must be one of ${LOT_FORMS.join(', ')}`);
  const lot = dir.lotUri(form as LotForm, tag);
  const purchaseNumber = col(f, 'purchase_number') || `${tag}-L${line}`;
  const declared = (col(f, 'declared_material') ?? '').toLowerCase();
  if (declared !== '' && !(MATERIAL_DECLARATIONS as readonly string[]).includes(declared)) {
    throw new Error(`declared_material "${col(f, 'declared_material')}" must be empty or one of ${MATERIAL_DECLARATIONS.join(', ')}`);
  }
  const base = { eventTime, eventTimeZoneOffset: site.offset, recorder: dir.buyer.uri };
  return [
    {
      ...base,
      type: 'production',
      site: site.uri,
      producer: site.producerUri,
      miner: miner.uri,
      lot: { lot, form: form as LotForm, grossMg, fineness, tag, cocModel: 'segregated', assay: { method: 'estimate', date: eventTime.slice(0, 10) } },
    },
    {
      ...base,
      type: 'purchase',
      lots: [lot],
      seller: miner.uri,
      buyer: dir.buyer.uri,
      purchaseNumber,
      price,
      currency,
      paymentMethod: paymentMethod as PaymentMethod,
      custodyTransferred: true,
      ...(declared ? { declaredMaterial: declared as MaterialDeclaration } : {}),
    },
  ];
}

/** A logbook date is a date (noon local time) or a full ISO 8601 date-time with offset; output in UTC. */
function toEventTime(date: string, offset: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    const ms = parseDateOrDateTime(date);
    if (Number.isNaN(ms)) throw new Error(`date "${date}" is not a real calendar date`);
    const sign = offset.startsWith('-') ? -1 : 1;
    const [h, m] = offset.slice(1).split(':').map(Number);
    return new Date(ms + 12 * 3600_000 - sign * ((h ?? 0) * 3600_000 + (m ?? 0) * 60_000)).toISOString();
  }
  const ms = parseDateOrDateTime(date);
  if (Number.isNaN(ms)) throw new Error(`date "${date}" must be YYYY-MM-DD or an ISO 8601 date-time with offset`);
  return new Date(ms).toISOString();
}
