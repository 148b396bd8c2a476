import type { KeyObject } from 'node:crypto';
import {
  creditKey,
  decide,
  evolve,
  lotsReferenced,
  parseCreditKey,
  toEpcis,
  type CustodyRules,
  type CustodyState,
  type DecisionContext,
  type GoldEvent,
  type LotInputEdge,
} from '../custody/index.js';
import { ORPAILLE_CONTEXT, eventHash } from '../epcis/index.js';
import { OrpailleError, canonicalJson, isOrpailleError, parseIsoDateTime, type Clock } from '../kernel/index.js';
import { computeRecordHash, importPrivateKey, signRecordHash } from './record.js';
import type { AppendResult, ItemResult, LedgerRecord, LedgerStore, LedgerWriteTx, ProjectionDelta } from './types.js';

export interface AppendOptions {
  /** `atomic` (default): one rejected event writes nothing. `partial`: valid events are kept. */
  mode?: 'atomic' | 'partial';
  /** Called as records are written (for progress bars). */
  onProgress?: (written: number, total: number) => void;
}

export interface LedgerDeps {
  store: LedgerStore;
  clock: Clock;
  rules: CustodyRules;
  /** Allowed clock skew of field devices in ms. */
  maxClockSkewMs: number;
}

/** An event ready for the ledger: its EPCIS form, id and canonical bytes. */
export interface PreparedEvent {
  event: GoldEvent;
  eventId: string;
  body: string;
  epcisType: string;
  bizStep: string | null;
  eventTime: number;
}

/** Renders a gold event as EPCIS, computes its CBV 2.0 hash id and its canonical bytes. Pure. */
export function prepareEvent(event: GoldEvent): PreparedEvent {
  const epcis = toEpcis(event);
  const eventId = eventHash(epcis, ORPAILLE_CONTEXT);
  const body = canonicalJson({ ...epcis, eventID: eventId });
  return {
    event,
    eventId,
    body,
    epcisType: epcis.type,
    bizStep: typeof epcis['bizStep'] === 'string' ? epcis['bizStep'] : null,
    eventTime: parseIsoDateTime(event.eventTime),
  };
}

const WRITE_CHUNK = 1000;

/**
 * Appends a batch of gold events: render, hash, check every invariant against the current state,
 * chain, sign and write records and projections in one transaction. Duplicates (same event id) are
 * reported, not written. Returns a result per event, never a throw halfway through the batch.
 */
export async function appendEvents(deps: LedgerDeps, events: GoldEvent[], options: AppendOptions = {}): Promise<AppendResult> {
  const mode = options.mode ?? 'atomic';
  const results: ItemResult[] = new Array(events.length);
  const prepared: (PreparedEvent | undefined)[] = events.map((event, index) => {
    try {
      return prepareEvent(event);
    } catch (err) {
      results[index] = { index, status: 'rejected', error: errorOf(err) };
      return undefined;
    }
  });
  const keys = new Map<string, { keyId: string; key: KeyObject } | undefined>();
  for (const p of prepared) {
    if (!p || keys.has(p.event.recorder)) continue;
    const k = await deps.store.signingKey(p.event.recorder);
    keys.set(p.event.recorder, k ? { keyId: k.keyId, key: importPrivateKey(k.privateKey) } : undefined);
  }

  return deps.store.writeTransaction(async (tx) => {
    const state = await loadState(tx, prepared);
    const ctx = await decisionContext(deps, tx, prepared);
    const existing = await tx.existingEventIds(prepared.flatMap((p) => (p ? [p.eventId] : [])));
    const seenInBatch = new Set<string>();
    const accepted: { index: number; p: PreparedEvent }[] = [];
    const edges: LotInputEdge[] = [];
    const touchedLots = new Set<string>();
    const createdLots = new Set<string>();
    const touchedCredits = new Set<string>();
    prepared.forEach((p, index) => {
      if (!p) return;
      if (existing.has(p.eventId) || seenInBatch.has(p.eventId)) {
        results[index] = { index, status: 'duplicate', eventId: p.eventId };
        return;
      }
      try {
        if (!keys.get(p.event.recorder)) {
          throw new OrpailleError('ORP_UNKNOWN_PARTY', `no signing key for recorder ${p.event.recorder}`, { party: p.event.recorder });
        }
        decide(p.event, state, ctx);
      } catch (err) {
        results[index] = { index, status: 'rejected', eventId: p.eventId, error: errorOf(err) };
        return;
      }
      const change = evolve(state, p.event);
      for (const l of change.created) createdLots.add(l);
      for (const l of change.updated) touchedLots.add(l);
      for (const c of change.credits) touchedCredits.add(c);
      edges.push(...change.edges);
      seenInBatch.add(p.eventId);
      accepted.push({ index, p });
    });
    const rejected = results.filter((r) => r?.status === 'rejected').length;
    const duplicates = results.filter((r) => r?.status === 'duplicate').length;
    let head = await tx.head();
    if ((rejected > 0 && mode === 'atomic') || accepted.length === 0) {
      for (const { index, p } of accepted) results[index] = { index, status: 'rolled_back', eventId: p.eventId };
      return { committed: false, accepted: 0, duplicates, rejected, results, head };
    }

    const recordTime = deps.clock.now().getTime();
    const records: LedgerRecord[] = [];
    const eventLots: { lot: string; seq: number }[] = [];
    const lastOfRecorder = new Map<string, number>();
    for (const { index, p } of accepted) {
      const signer = keys.get(p.event.recorder)!;
      const seq = head.seq + 1;
      const unsigned = { seq, prevHash: head.recordHash, eventId: p.eventId, body: p.body, recorder: p.event.recorder, recordTime, keyId: signer.keyId };
      const recordHash = computeRecordHash(unsigned);
      lastOfRecorder.set(p.event.recorder, records.length);
      records.push({ ...unsigned, eventType: p.epcisType, bizStep: p.bizStep, eventTime: p.eventTime, recordHash, signature: null });
      for (const lot of new Set(lotsReferenced(p.event))) eventLots.push({ lot, seq });
      head = { seq, recordHash };
      results[index] = { index, status: 'accepted', eventId: p.eventId, seq };
    }
    // Each recorder signs its last record of the batch; the chain carries that signature back over its earlier ones.
    for (const [recorder, k] of lastOfRecorder) {
      const r = records[k]!;
      r.signature = signRecordHash(r.recordHash, keys.get(recorder)!.key);
    }
    const delta: ProjectionDelta = {
      newLots: [...createdLots].map((l) => state.lots.get(l)!),
      updatedLots: [...touchedLots].filter((l) => !createdLots.has(l)).map((l) => state.lots.get(l)!),
      edges,
      eventLots,
      credits: [...touchedCredits].map((k) => ({ ...parseCreditKey(k), balanceMg: state.credits.get(k) ?? 0 })),
    };
    for (let i = 0; i < records.length; i += WRITE_CHUNK) {
      const chunk = records.slice(i, i + WRITE_CHUNK);
      const seqs = new Set(chunk.map((r) => r.seq));
      const last = i + WRITE_CHUNK >= records.length;
      // Projection rows go with the final chunk; event-lot links with their records.
      await tx.append(chunk, {
        newLots: last ? delta.newLots : [],
        updatedLots: last ? delta.updatedLots : [],
        edges: last ? delta.edges : [],
        credits: last ? delta.credits : [],
        eventLots: delta.eventLots.filter((e) => seqs.has(e.seq)),
      });
      options.onProgress?.(Math.min(i + WRITE_CHUNK, records.length), records.length);
    }
    return { committed: true, accepted: accepted.length, duplicates, rejected, results, head };
  });
}

async function loadState(tx: LedgerWriteTx, prepared: (PreparedEvent | undefined)[]): Promise<CustodyState> {
  const uris = new Set<string>();
  for (const p of prepared) if (p) for (const l of lotsReferenced(p.event)) uris.add(l);
  const lots = await tx.loadLots([...uris]);
  const state: CustodyState = { lots: new Map(lots.map((l) => [l.lot, l])), credits: new Map() };
  // A transform touches its recorder's credit account for every scheme in play, including schemes of
  // lots created earlier in the same batch, so load each (recorder, scheme) pair the batch could need.
  const schemes = new Set<string>();
  for (const l of lots) if (l.scheme) schemes.add(l.scheme);
  for (const p of prepared) {
    if (p?.event.type === 'production' && p.event.lot.scheme) schemes.add(p.event.lot.scheme);
    if (p?.event.type === 'transform') for (const o of p.event.outputs) if (o.scheme) schemes.add(o.scheme);
  }
  const keys = new Set<string>();
  for (const p of prepared) {
    if (p?.event.type !== 'transform') continue;
    for (const s of schemes) keys.add(creditKey(p.event.recorder, s));
  }
  const credits = await tx.loadCredits([...keys].map(parseCreditKey));
  for (const c of credits) state.credits.set(creditKey(c.holder, c.scheme), c.balanceMg);
  return state;
}

async function decisionContext(deps: LedgerDeps, tx: LedgerWriteTx, prepared: (PreparedEvent | undefined)[]): Promise<DecisionContext> {
  const uris = new Set<string>();
  for (const p of prepared) {
    if (!p) continue;
    const e = p.event;
    uris.add(e.recorder);
    switch (e.type) {
      case 'production':
        uris.add(e.site).add(e.producer);
        if (e.miner) uris.add(e.miner);
        break;
      case 'purchase':
        uris.add(e.buyer).add(e.seller);
        break;
      case 'ship':
      case 'receive':
        uris.add(e.from).add(e.to);
        break;
      case 'export':
        uris.add(e.destination);
        break;
      default:
        break;
    }
  }
  const known = await tx.knownParties([...uris]);
  return {
    now: deps.clock.now().getTime(),
    maxClockSkewMs: deps.maxClockSkewMs,
    rules: deps.rules,
    isOrganisation: (u) => known.organisations.has(u),
    isSite: (u) => known.sites.has(u),
    isMiner: (u) => known.miners.has(u),
  };
}

function errorOf(err: unknown): NonNullable<ItemResult['error']> {
  if (isOrpailleError(err)) return { code: err.code, message: err.message, details: err.details };
  return { code: 'ORP_INTERNAL', message: err instanceof Error ? err.message : String(err), details: {} };
}
