/**
 * The trace explorer's model, free of React and the DOM (unit-tested in model.test.ts): the API's lot, trace and
 * EPCIS shapes, the layered genealogy graph, and what the page shows of one event.
 */

import type { LotView } from '../../../src/custody/view-types';

/** GET /lots/{id}: the server's own shape (src/custody/view-types.ts), so the two cannot drift. */
export type { LotView };

/** One lot of a trace, with its distance from the traced lot. */
export interface TraceLot {
  lot: string;
  depth: number;
  form?: string;
  /** Mine site of a production lot. */
  site?: string;
}

/** GET /lots/{id}/trace (src/http/lineage.ts). */
export interface Trace {
  direction: 'backward' | 'forward';
  fineGoldGrams?: string;
  origins?: { site: string; siteName?: string; country?: string; sharePercent: number; fineGoldGrams: string; productionLots: number }[];
  unknownSharePercent?: number;
  ancestors?: TraceLot[];
  descendants?: TraceLot[];
  edges?: { input: string; output: string }[];
}

/** The lot number of a lot URI (GS1 Digital Link `.../10/{lot}`), else the URI's last segment. */
export function lotLabel(uri: string): string {
  const m = /\/10\/([^/?#]+)/.exec(uri);
  const last = m?.[1] ?? uri.split('/').filter(Boolean).pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** What kind of party a GS1 URI names (417 organisation GLN, 8018 service relation = a miner, 414 a location). */
export function partyKind(uri: string): 'organisation' | 'miner' | 'location' | 'other' {
  if (/\/417\//.test(uri)) return 'organisation';
  if (/\/8018\//.test(uri)) return 'miner';
  if (/\/414\//.test(uri)) return 'location';
  return 'other';
}

/** The key of a party URI without its resolver (`7640123000001`), for display next to its kind. */
export function partyCode(uri: string): string {
  return uri.split('/').filter(Boolean).pop() ?? uri;
}

export type NodeKind = 'site' | 'lot' | 'current' | 'more';

/** A node of the drawn graph; `x`, `y` are its column and row (the component turns them into pixels). */
export interface GraphNode {
  id: string;
  kind: NodeKind;
  /** Lot number, site name, or the count of lots folded into a `more` node. */
  label: string;
  form?: string;
  country?: string;
  /** Lots folded into this node (kind `more`). */
  count?: number;
  col: number;
  row: number;
}

export interface Graph {
  nodes: GraphNode[];
  edges: { from: string; to: string }[];
  columns: number;
  rows: number;
}

/** At most this many nodes a column; the others fold into one "N more lots" node, so a big mix stays readable. */
export const MAX_PER_COLUMN = 8;

/**
 * The genealogy laid out left to right: mine sites, then ancestors from the farthest to the nearest, the traced
 * lot, then what it went into by distance. Edges follow the genealogy (input -> output, site -> production lot).
 */
export function layoutGraph(lot: Pick<LotView, 'id' | 'form' | 'site'>, back: Trace | undefined, fwd: Trace | undefined, max = MAX_PER_COLUMN): Graph {
  const ancestors = back?.ancestors ?? [];
  const descendants = (fwd?.descendants ?? []).filter((d) => d.depth > 0);
  const deepest = ancestors.reduce((m, a) => Math.max(m, a.depth), 0);
  const siteNames = new Map((back?.origins ?? []).map((o) => [o.site, o]));
  const sites = new Set<string>([...siteNames.keys()]);
  const siteEdges: { from: string; to: string }[] = [];
  for (const a of [...ancestors, { lot: lot.id, site: lot.site }]) {
    if (a.site) {
      sites.add(a.site);
      siteEdges.push({ from: a.site, to: a.lot });
    }
  }
  const siteCol = sites.size > 0 ? 0 : -1;
  const base = siteCol + 1;
  const columns = new Map<number, GraphNode[]>();
  const add = (n: Omit<GraphNode, 'row'>) => {
    const list = columns.get(n.col) ?? [];
    list.push({ ...n, row: list.length });
    columns.set(n.col, list);
  };
  for (const s of sites) {
    const o = siteNames.get(s);
    add({ id: s, kind: 'site', label: o?.siteName ?? partyCode(s), ...(o?.country ? { country: o.country } : {}), col: siteCol });
  }
  const byLabel = (a: TraceLot, b: TraceLot) => lotLabel(a.lot).localeCompare(lotLabel(b.lot));
  for (const a of [...ancestors].sort(byLabel)) add({ id: a.lot, kind: 'lot', label: lotLabel(a.lot), ...(a.form ? { form: a.form } : {}), col: base + deepest - a.depth });
  add({ id: lot.id, kind: 'current', label: lotLabel(lot.id), form: lot.form, col: base + deepest });
  for (const d of [...descendants].sort(byLabel)) add({ id: d.lot, kind: 'lot', label: lotLabel(d.lot), ...(d.form ? { form: d.form } : {}), col: base + deepest + d.depth });

  // Fold long columns: the first `max - 1` nodes stay, the rest become one node every hidden node's edges go to.
  const shownAs = new Map<string, string>();
  const nodes: GraphNode[] = [];
  for (const [col, list] of [...columns].sort(([a], [b]) => a - b)) {
    const keep = list.length > max ? list.slice(0, max - 1) : list;
    for (const n of keep) {
      nodes.push(n);
      shownAs.set(n.id, n.id);
    }
    if (keep.length < list.length) {
      const more: GraphNode = { id: `more:${col}`, kind: 'more', label: '', count: list.length - keep.length, col, row: keep.length };
      nodes.push(more);
      for (const n of list.slice(keep.length)) shownAs.set(n.id, more.id);
    }
  }
  const seen = new Set<string>();
  const edges: { from: string; to: string }[] = [];
  for (const e of [...siteEdges, ...(back?.edges ?? []).map((x) => ({ from: x.input, to: x.output })), ...(fwd?.edges ?? []).map((x) => ({ from: x.input, to: x.output }))]) {
    const from = shownAs.get(e.from);
    const to = shownAs.get(e.to);
    const key = `${from}\u0000${to}`;
    if (from && to && from !== to && !seen.has(key)) {
      seen.add(key);
      edges.push({ from, to });
    }
  }
  return {
    nodes,
    edges,
    columns: Math.max(...nodes.map((n) => n.col)) + 1,
    rows: Math.max(...nodes.map((n) => n.row)) + 1,
  };
}

/** An EPCIS event as the API stores it (only the fields the page reads). */
export type EpcisEvent = Record<string, unknown>;

export interface Quantity {
  lot: string;
  /** Grams when the unit is GRM, else the raw quantity. */
  quantity?: number;
  uom?: string;
  role: 'input' | 'output' | 'child' | 'lot';
}

export interface Party {
  uri: string;
  /** `owning_party`, `possessing_party`, or `recorder`. */
  type: string;
  side: 'source' | 'destination' | 'recorder';
}

export interface Assay {
  method?: string;
  lab?: string;
  date?: string;
  fineness?: number;
  lot?: string;
}

/** What the trace page shows of one event. */
export interface EventSummary {
  id: string;
  type: string;
  time: string;
  bizStep: string;
  operation?: string;
  parties: Party[];
  quantities: Quantity[];
  assays: Assay[];
  /** Business documents: purchase orders, bills of lading, export certificates, purchase numbers. */
  documents: { type: string; id: string }[];
  price?: { amount: string; currency: string; paymentMethod?: string };
  /** Stored evidence files the event cites (`sha256:<hex>`), as hex digests. */
  evidence: string[];
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function assayOf(v: unknown, extra: Partial<Assay> = {}): Assay | undefined {
  const a = obj(v);
  if (Object.keys(a).length === 0) return undefined;
  return { ...(str(a['gold:method']) ? { method: str(a['gold:method'])! } : {}), ...(str(a['gold:lab']) ? { lab: str(a['gold:lab'])! } : {}), ...(str(a['gold:date']) ? { date: str(a['gold:date'])! } : {}), ...extra };
}

/** Every `sha256:<hex>` string anywhere in the event: the evidence files it cites. */
function citedEvidence(v: unknown, out: Set<string>): Set<string> {
  if (typeof v === 'string') {
    const m = /^sha256:([0-9a-f]{64})$/.exec(v);
    if (m) out.add(m[1]!);
  } else if (Array.isArray(v)) v.forEach((x) => citedEvidence(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => citedEvidence(x, out));
  return out;
}

/** The document id of a business transaction URN (`urn:orpaille:bt:po:P-1` -> `P-1`). */
function documentId(urn: string): string {
  const last = urn.split(':').pop() ?? urn;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The facts of an EPCIS event the trace page lists: time, step, parties, quantities and evidence. */
export function summariseEvent(e: EpcisEvent): EventSummary {
  const ilmd = obj(e['ilmd']);
  const quantities: Quantity[] = [];
  const lists: [string, Quantity['role']][] = [['quantityList', 'lot'], ['inputQuantityList', 'input'], ['outputQuantityList', 'output'], ['childQuantityList', 'child']];
  for (const [key, role] of lists) {
    for (const q of arr(e[key]).map(obj)) {
      const lot = str(q['epcClass']);
      if (lot) quantities.push({ lot, role, ...(num(q['quantity']) !== undefined ? { quantity: num(q['quantity'])! } : {}), ...(str(q['uom']) ? { uom: str(q['uom'])! } : {}) });
    }
  }
  const parties: Party[] = [];
  const recorder = str(e['gold:recorder']);
  if (recorder) parties.push({ uri: recorder, type: 'recorder', side: 'recorder' });
  for (const s of arr(e['sourceList']).map(obj)) if (str(s['source'])) parties.push({ uri: str(s['source'])!, type: str(s['type']) ?? '', side: 'source' });
  for (const d of arr(e['destinationList']).map(obj)) if (str(d['destination'])) parties.push({ uri: str(d['destination'])!, type: str(d['type']) ?? '', side: 'destination' });

  const assays: Assay[] = [];
  const top = assayOf(e['gold:assay'], num(e['gold:fineness']) !== undefined ? { fineness: num(e['gold:fineness'])! } : {});
  if (top) assays.push(top);
  const created = assayOf(ilmd['gold:assay'], { ...(num(ilmd['gold:fineness']) !== undefined ? { fineness: num(ilmd['gold:fineness'])! } : {}), ...(str(ilmd['gold:lot']) ? { lot: str(ilmd['gold:lot'])! } : {}) });
  if (created) assays.push(created);
  for (const o of arr(ilmd['gold:outputs']).map(obj)) {
    const a = assayOf(o['gold:assay'], { ...(num(o['gold:fineness']) !== undefined ? { fineness: num(o['gold:fineness'])! } : {}), ...(str(o['gold:lot']) ? { lot: str(o['gold:lot'])! } : {}) });
    if (a) assays.push(a);
  }

  const documents: { type: string; id: string }[] = [];
  for (const b of arr(e['bizTransactionList']).map(obj)) {
    const urn = str(b['bizTransaction']);
    if (urn) documents.push({ type: str(b['type']) ?? '', id: documentId(urn) });
  }
  const cert = str(e['gold:exportCertificate']);
  if (cert && !documents.some((d) => d.id === cert)) documents.push({ type: 'exportCertificate', id: cert });
  const purchase = str(e['gold:purchaseNumber']);
  if (purchase && !documents.some((d) => d.id === purchase)) documents.push({ type: 'purchaseNumber', id: purchase });

  const amount = str(e['gold:price']);
  const currency = str(e['gold:currency']);
  const paymentMethod = str(e['gold:paymentMethod']);
  const operation = str(ilmd['gold:operation']);
  return {
    id: str(e['eventID']) ?? '',
    type: str(e['type']) ?? '',
    time: str(e['eventTime']) ?? '',
    bizStep: str(e['bizStep']) ?? '',
    ...(operation ? { operation } : {}),
    parties,
    quantities,
    assays,
    documents,
    ...(amount && currency ? { price: { amount, currency, ...(paymentMethod ? { paymentMethod } : {}) } } : {}),
    evidence: [...citedEvidence(e, new Set())],
  };
}

/** The SHA-256 hex of an EPCIS event id (`ni:///sha-256;<hex>?ver=CBV2.0`): the hash the ledger chains. */
export function eventHash(eventId: string): string | undefined {
  return /sha-256;([0-9a-f]{64})/.exec(eventId)?.[1];
}
