import type { KeyObject } from 'node:crypto';
import {
  creditKey,
  decide,
  evolve,
  lotsReferenced,
  parseCreditKey,
  type CustodyRules,
  type CustodyState,
  type DecisionContext,
  type GoldEvent,
  type LotInputEdge,
  type LotState,
  type PurchaseEvent,
} from '../custody/index.js';
import type { PurchasePricer, RecordedValuation } from '../premiums/index.js';
import { OrpailleError, type Clock } from '../kernel/index.js';
import { errorOf, type PrepareOutcome } from './prepare.js';
import { preparerFor } from './preparer.js';
import { computeRecordHash, importPrivateKey, signRecordHash } from './record.js';
import { goldOf, type AppendResult, type ItemResult, type LedgerEntry, type LedgerHead, type LedgerRecord, type LedgerStore, type LedgerWriteTx } from './types.js';

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
  /** Pricing of the batch's certified purchases (minimum price, premium, below-minimum policy), loaded per batch. */
  pricing?: (purchases: PurchaseEvent[]) => Promise<PurchasePricer | undefined>;
}

const CHUNK = 1000;
// The first chunk is small so that the workers fill the pipeline quickly (the main thread waits for it).
const FIRST_CHUNK = 200;

class Rollback extends Error {}

/**
 * Appends a batch of gold events and captured EPCIS events: render, hash, check every invariant
 * (for events with a gold reading) against the current state,
 * chain, sign and write records and projections in one transaction. Duplicates (same event id) are
 * reported, not written. Returns a result per event, never a throw halfway through the batch.
 *
 * Large batches are pipelined: chunks are rendered and hashed in worker threads while the main
 * thread decides and writes the previous chunk, all inside the one transaction.
 */
export async function appendEvents(deps: LedgerDeps, events: LedgerEntry[], options: AppendOptions = {}): Promise<AppendResult> {
  const golds = events.flatMap((e) => {
    const g = goldOf(e);
    return g ? [g] : [];
  });
  const mode = options.mode ?? 'atomic';
  const results: ItemResult[] = new Array(events.length);
  const keys = new Map<string, { keyId: string; key: KeyObject } | undefined>();
  for (const e of events) {
    if (keys.has(e.recorder)) continue;
    const k = await deps.store.signingKey(e.recorder);
    keys.set(e.recorder, k ? { keyId: k.keyId, key: importPrivateKey(k.privateKey) } : undefined);
  }
  // Benchmark prices, rates and policies are reference data, read before the ledger's write lock is taken.
  const purchases = golds.filter((g): g is PurchaseEvent => g.type === 'purchase');
  const pricer = purchases.length > 0 ? await deps.pricing?.(purchases) : undefined;
  const preparer = preparerFor(events.length);
  const starts = chunkStarts(events.length);
  const chunkCount = starts.length;
  const chunkEnd = (k: number) => starts[k + 1] ?? events.length;
  const inflight = new Map<number, Promise<PrepareOutcome[]>>();
  const launch = (k: number) => {
    if (k < chunkCount && !inflight.has(k)) inflight.set(k, preparer.prepare(events.slice(starts[k], chunkEnd(k))));
  };
  launch(0);
  launch(1);

  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  let head: LedgerHead | undefined;
  const acceptedIndexes: number[] = [];
  try {
    head = await deps.store.writeTransaction(async (tx) => {
      const state = await loadState(tx, golds);
      const ctx = await decisionContext(deps, tx, golds, pricer);
      let h = await tx.head();
      const seenInBatch = new Set<string>();
      const edges: LotInputEdge[] = [];
      const touchedLots = new Set<string>();
      const createdLots = new Set<string>();
      const touchedCredits = new Set<string>();
      let written = 0;
      for (let k = 0; k < chunkCount; k++) {
        const outcomes = await inflight.get(k)!;
        inflight.delete(k);
        launch(k + 2);
        const offset = starts[k]!;
        const existing = await tx.existingEventIds(outcomes.flatMap((o) => ('eventId' in o ? [o.eventId] : [])));
        const records: LedgerRecord[] = [];
        const eventLots: { lot: string; seq: number }[] = [];
        const valuations: RecordedValuation[] = [];
        const lastOfRecorder = new Map<string, number>();
        const recordTime = deps.clock.now().getTime();
        outcomes.forEach((o, j) => {
          const index = offset + j;
          const event = events[index]!;
          if ('error' in o) {
            results[index] = { index, status: 'rejected', error: o.error };
            rejected++;
            return;
          }
          if (existing.has(o.eventId) || seenInBatch.has(o.eventId)) {
            results[index] = { index, status: 'duplicate', eventId: o.eventId };
            duplicates++;
            return;
          }
          const signer = keys.get(event.recorder);
          const gold = goldOf(event);
          try {
            if (!signer) throw new OrpailleError('ORP_UNKNOWN_PARTY', `no signing key for recorder ${event.recorder}`, { party: event.recorder });
            if (gold && gold.recorder !== event.recorder) {
              throw new OrpailleError('ORP_RECORDER_MISMATCH', `the event names ${gold.recorder} as its recorder but is recorded by ${event.recorder}`, {
                named: gold.recorder,
                recorder: event.recorder,
              });
            }
            if (gold) decide(gold, state, ctx);
          } catch (err) {
            results[index] = { index, status: 'rejected', eventId: o.eventId, error: errorOf(err) };
            rejected++;
            return;
          }
          const seq = h.seq + 1;
          // Priced on the lots as they stand before the purchase changes hands.
          const valuation = gold?.type === 'purchase' ? pricer?.value(gold, gold.lots.map((l) => state.lots.get(l)!)) : undefined;
          if (valuation) valuations.push({ ...valuation, eventId: o.eventId, seq });
          if (gold) {
            const change = evolve(state, gold);
            for (const l of change.created) createdLots.add(l);
            for (const l of change.updated) touchedLots.add(l);
            for (const c of change.credits) touchedCredits.add(c);
            edges.push(...change.edges);
          }
          seenInBatch.add(o.eventId);
          const unsigned = { seq, prevHash: h.recordHash, eventId: o.eventId, body: o.body, recorder: event.recorder, recordTime, keyId: signer!.keyId };
          const recordHash = computeRecordHash(unsigned, o.bodyHash);
          lastOfRecorder.set(event.recorder, records.length);
          records.push({ ...unsigned, eventType: o.epcisType, bizStep: o.bizStep, eventTime: o.eventTime, recordHash, signature: null, index: o.index });
          if (gold) for (const lot of new Set(lotsReferenced(gold))) eventLots.push({ lot, seq });
          h = { seq, recordHash };
          results[index] = { index, status: 'accepted', eventId: o.eventId, seq };
          acceptedIndexes.push(index);
          accepted++;
        });
        // Once a rejection dooms an atomic batch, keep deciding (to report every problem) but stop writing.
        if (mode === 'atomic' && rejected > 0) continue;
        // Each recorder signs its last record of the chunk; the chain carries that signature back over its earlier ones.
        for (const [recorder, j] of lastOfRecorder) {
          const r = records[j]!;
          r.signature = signRecordHash(r.recordHash, keys.get(recorder)!.key);
        }
        if (records.length > 0) await tx.append(records, { newLots: [], updatedLots: [], edges: [], credits: [], eventLots, valuations });
        written += records.length;
        options.onProgress?.(written, events.length);
      }
      if ((mode === 'atomic' && rejected > 0) || accepted === 0) throw new Rollback();
      await tx.append([], {
        newLots: [...createdLots].map((l) => state.lots.get(l)!),
        updatedLots: [...touchedLots].filter((l) => !createdLots.has(l)).map((l) => state.lots.get(l)!),
        edges,
        eventLots: [],
        credits: [...touchedCredits].map((key) => ({ ...parseCreditKey(key), balanceMg: state.credits.get(key) ?? 0 })),
      });
      return h;
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
    for (const index of acceptedIndexes) results[index] = { index, status: 'rolled_back', eventId: results[index]!.eventId! };
    return { committed: false, accepted: 0, duplicates, rejected, results, head: await currentHead(deps.store) };
  }
  return { committed: true, accepted, duplicates, rejected, results, head };
}

/** Where each chunk of a batch of `count` events starts: a small first chunk, then CHUNK at a time. */
function chunkStarts(count: number): number[] {
  const starts: number[] = [];
  for (let i = 0; i < count; i += i === 0 ? FIRST_CHUNK : CHUNK) starts.push(i);
  return starts;
}

async function currentHead(store: LedgerStore): Promise<LedgerHead> {
  return store.writeTransaction((tx) => tx.head());
}

async function loadState(tx: LedgerWriteTx, events: GoldEvent[]): Promise<CustodyState> {
  const uris = new Set<string>();
  for (const e of events) for (const l of lotsReferenced(e)) uris.add(l);
  const lots = await tx.loadLots([...uris]);
  const state: CustodyState = { lots: new Map(lots.map((l) => [l.lot, l])), credits: new Map() };
  // A transform touches its recorder's credit account for every scheme in play, including schemes of
  // lots created earlier in the same batch, so load each (recorder, scheme) pair the batch could need.
  const schemes = new Set<string>();
  for (const l of lots) if (l.scheme) schemes.add(l.scheme);
  for (const e of events) {
    if (e.type === 'production' && e.lot.scheme) schemes.add(e.lot.scheme);
    if (e.type === 'transform') for (const o of e.outputs) if (o.scheme) schemes.add(o.scheme);
  }
  const keys = new Set<string>();
  for (const e of events) {
    if (e.type !== 'transform') continue;
    for (const s of schemes) keys.add(creditKey(e.recorder, s));
  }
  const credits = await tx.loadCredits([...keys].map(parseCreditKey));
  for (const c of credits) state.credits.set(creditKey(c.holder, c.scheme), c.balanceMg);
  return state;
}

async function decisionContext(deps: LedgerDeps, tx: LedgerWriteTx, events: GoldEvent[], pricer: PurchasePricer | undefined): Promise<DecisionContext> {
  const uris = new Set<string>();
  for (const e of events) {
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
    ...(pricer ? { purchasePrice: (p: PurchaseEvent, lots: readonly LotState[]) => pricer.check(p, lots) } : {}),
  };
}
