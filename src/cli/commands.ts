import { readFileSync } from 'node:fs';
import { backwardTraceView, forwardTraceView, lotView, readLogbook, LogbookFormatError, type GoldEvent } from '../custody/index.js';
import { EPCIS_DOCUMENT_CLOSING, epcisBodySeparator, epcisDocumentOpening } from '../epcis/index.js';
import { OrpailleError, parseDateOrDateTime } from '../kernel/index.js';
import { approximateOffset, lotUri } from '../parties/index.js';
import type { Orpaille } from '../orpaille.js';
import { lotFlags } from '../registrar/index.js';
import type { AppendResult } from '../ledger/index.js';

/** Sites by URI to names, for trace output. */
export async function siteNames(orp: Orpaille): Promise<Map<string, string>> {
  return new Map((await orp.registry.sites()).map((s) => [s.uri, `${s.name} (${s.icglrId})`]));
}

/** Resolves an organisation id or URI, or throws a clear not-found error. */
export async function requireOrg(orp: Orpaille, idOrUri: string) {
  const org = await orp.registry.organisation(idOrUri);
  if (!org) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${idOrUri}" (see: orpaille org list)`, { org: idOrUri });
  return org;
}

export async function showLot(orp: Orpaille, id: string) {
  const lot = await orp.queries.lot(id);
  if (!lot) throw new OrpailleError('ORP_LOT_NOT_FOUND', `lot ${id} does not exist`, { lot: id });
  const events = await orp.queries.lotEvents(lot.lot);
  // Flagged by whoever holds, owns or receives it and suspended the supplier it came from.
  const parties = [...new Set([lot.owner, lot.custodian, ...(lot.inTransitTo ? [lot.inTransitTo] : [])])];
  const flags = (await Promise.all(parties.map((p) => lotFlags(orp, p, lot.lot)))).flat();
  return {
    lot: lotView(lot),
    flags,
    events: events.map((r) => {
      const body = JSON.parse(r.body) as Record<string, unknown>;
      return { seq: r.seq, eventId: r.eventId, type: r.eventType, bizStep: r.bizStep, eventTime: body['eventTime'], recorder: r.recorder };
    }),
  };
}

export async function trace(orp: Orpaille, id: string, direction: 'backward' | 'forward') {
  if (direction === 'backward') {
    const names = await siteNames(orp);
    return backwardTraceView(await orp.traceBackward(id), (u) => names.get(u));
  }
  return forwardTraceView(await orp.traceForward(id));
}

export interface ImportOutcome {
  file: string;
  rows: number;
  written: number;
  events: number;
  problems: { line: number; code?: string; message: string }[];
}

/**
 * Imports a purchase logbook. Without `partial`, any problem writes nothing. With it, rows with a
 * problem are left out and the rest written; each row's events are written together or not at all.
 */
export async function importLogbook(
  orp: Orpaille,
  file: string,
  opts: { partial: boolean; buyer?: string; onProgress?: (d: number, t: number) => void },
): Promise<ImportOutcome> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new OrpailleError('ORP_IMPORT_INVALID', `cannot read ${file}`, { file });
  }
  return importLogbookBytes(orp, bytes, file, opts);
}

/** `importLogbook` for a logbook already in memory (an HTTP upload); `file` names it in messages. */
export async function importLogbookBytes(
  orp: Orpaille,
  bytes: Uint8Array,
  file: string,
  opts: { partial: boolean; buyer?: string; onProgress?: (d: number, t: number) => void },
): Promise<ImportOutcome> {
  const orgs = await orp.registry.organisations();
  const buyer = opts.buyer ? await requireOrg(orp, opts.buyer) : soleTradingHouse(orgs);
  const orgUri = new Map(orgs.map((o) => [o.id, o.uri]));
  const miners = new Map((await orp.registry.miners()).map((m) => [m.id, { uri: m.uri, producerUri: orgUri.get(m.organisation) ?? '' }]));
  const sites = new Map(
    (await orp.registry.sites()).map((s) => [s.id, { uri: s.uri, producerUri: orgUri.get(s.organisation) ?? '', offset: approximateOffset(s.longitude) }]),
  );
  let parsed;
  try {
    parsed = readLogbook(bytes, {
      buyer,
      miner: (id) => miners.get(id),
      site: (id) => sites.get(id),
      lotUri: (form, n) => lotUri(buyer, form, n),
    });
  } catch (err) {
    if (err instanceof LogbookFormatError) throw new OrpailleError('ORP_IMPORT_INVALID', `${file}: ${err.message}`, { file });
    throw err;
  }
  const problems: ImportOutcome['problems'] = parsed.problems.map((p) => ({ ...p }));
  let rows = parsed.rows;
  if (problems.length > 0 && !opts.partial) {
    // Still check the readable rows so the user sees every problem at once.
    const result = await orp.append(rows.flatMap((r) => r.events), { mode: 'atomic' });
    problems.push(...rowProblems(rows, result));
    return done(file, parsed.rows.length + parsed.problems.length, 0, 0, problems);
  }
  for (let attempt = 0; attempt < 10; attempt++) {
    const events = rows.flatMap((r) => r.events);
    const result = await orp.append(events, { mode: 'atomic', onProgress: opts.onProgress });
    const rejected = rowProblems(rows, result);
    if (rejected.length === 0) {
      return done(file, parsed.rows.length + parsed.problems.length, rows.length, result.accepted, problems);
    }
    problems.push(...rejected);
    if (!opts.partial) return done(file, parsed.rows.length + parsed.problems.length, 0, 0, problems);
    const bad = new Set(rejected.map((p) => p.line));
    rows = rows.filter((r) => !bad.has(r.line));
  }
  throw new OrpailleError('ORP_IMPORT_INVALID', 'import did not settle; rows keep failing each other');
}

function done(file: string, rows: number, written: number, events: number, problems: ImportOutcome['problems']): ImportOutcome {
  return { file, rows, written, events, problems: problems.sort((a, b) => a.line - b.line) };
}

function rowProblems(rows: { line: number; events: GoldEvent[] }[], result: AppendResult): ImportOutcome['problems'] {
  const lineOf: number[] = [];
  for (const r of rows) for (const _ of r.events) lineOf.push(r.line);
  const out = new Map<number, { line: number; code?: string; message: string }>();
  for (const res of result.results) {
    if (res.status !== 'rejected' || !res.error) continue;
    const line = lineOf[res.index]!;
    if (!out.has(line)) out.set(line, { line, code: res.error.code, message: res.error.message });
  }
  return [...out.values()];
}

function soleTradingHouse(orgs: { id: string; uri: string; roles: string[]; companyPrefix: string }[]) {
  const houses = orgs.filter((o) => o.roles.includes('trading_house'));
  if (houses.length !== 1) {
    throw new OrpailleError('ORP_BAD_INPUT', `say which organisation bought (--buyer ORG); trading houses: ${houses.map((h) => h.id).join(', ') || 'none'}`);
  }
  return houses[0]!;
}

/**
 * Writes the ledger's events between two instants as one EPCIS 2.0 JSON-LD document, streamed; with
 * `parties`, only the events those parties may see (an HTTP caller's `visibleParties`).
 */
export async function exportDocument(orp: Orpaille, write: (chunk: string) => void, opts: { from?: string; to?: string; parties?: string[] }): Promise<number> {
  const bound = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    const ms = parseDateOrDateTime(v);
    if (Number.isNaN(ms)) throw new OrpailleError('ORP_BAD_INPUT', `--${name} must be YYYY-MM-DD or an ISO 8601 date-time, got "${v}"`);
    return ms;
  };
  const from = bound(opts.from, 'from');
  const to = bound(opts.to, 'to');
  write(epcisDocumentOpening(orp.clock.now().toISOString()));
  let after = 0;
  let n = 0;
  for (;;) {
    const page = opts.parties ? await orp.visibility.eventsBetween(opts.parties, from, to, after, 2000) : await orp.queries.eventsBetween(from, to, after, 2000);
    for (const r of page) {
      write(epcisBodySeparator(n) + r.body);
      n++;
    }
    if (page.length < 2000) break;
    after = page.at(-1)!.seq;
  }
  write(EPCIS_DOCUMENT_CLOSING);
  return n;
}

