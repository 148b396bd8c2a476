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
  type PurchaseEvent,
} from '../custody/index.js';
import { decisionInForce, refusalOf, supplierRefusalError, type SupplierDecision } from '../diligence/index.js';
import type { CertificationRules } from '../certification/index.js';
import { localDay, pricingDataFrom, pricingQuery, purchasePricer, type PurchasePricer, type RecordedValuation } from '../premiums/index.js';
import { OrpailleError, parseIsoDateTime, type Clock } from '../kernel/index.js';
import { errorOf, type PrepareOutcome, type Prepared } from './prepare.js';
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
  /** Certification rules, read per batch: with them certified purchases are priced (minimum, premium, buyer's policy). */
  certification?: CertificationRules;
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
  const mode = options.mode ?? 'atomic';
  const results: ItemResult[] = new Array(events.length);
  const keys = new Map<string, { keyId: string; key: KeyObject } | undefined>();
  for (const e of events) {
    if (keys.has(e.recorder)) continue;
    const k = await deps.store.signingKey(e.recorder);
    keys.set(e.recorder, k ? { keyId: k.keyId, key: importPrivateKey(k.privateKey) } : undefined);
  }
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
      // Lots, credit accounts and parties are loaded chunk by chunk, as the chunks' gold readings arrive.
      const state: CustodyState = { lots: new Map(), credits: new Map() };
      const loaded: Loaded = {
        lots: new Set(),
        credits: new Set(),
        parties: new Set(),
        organisations: new Set(),
        sites: new Set(),
        miners: new Set(),
        deciders: new Set(),
        decisions: new Map(),
        parentsAsked: new Set(),
        parents: new Map(),
      };
      const ctx = decisionContext(deps, loaded);
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
        const golds = outcomes.map((o, j) => ('error' in o ? undefined : goldReading(events[offset + j]!, o)));
        const present = golds.filter((g): g is GoldEvent => g !== undefined);
        await loadState(tx, state, loaded, present);
        await loadParties(tx, loaded, present);
        await loadDecisions(tx, state, loaded, present);
        const pricer = await loadPricing(tx, deps, present);
        const chunkCtx: DecisionContext = pricer ? { ...ctx, purchasePrice: (p, lots) => pricer.check(p, lots) } : ctx;
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
          const gold = golds[j];
          try {
            if (!signer) throw new OrpailleError('ORP_UNKNOWN_PARTY', `no signing key for recorder ${event.recorder}`, { party: event.recorder });
            if (gold && gold.recorder !== event.recorder) {
              throw new OrpailleError('ORP_RECORDER_MISMATCH', `the event names ${gold.recorder} as its recorder but is recorded by ${event.recorder}`, {
                named: gold.recorder,
                recorder: event.recorder,
              });
            }
            if (gold) decide(gold, state, chunkCtx);
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
            const change = evolve(state, gold, deps.rules);
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
        credits: [...touchedCredits].map((key) => state.credits.get(key)!),
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

/** What a batch has loaded so far: lots and credit accounts (keys) asked for, and parties checked. */
interface Loaded {
  lots: Set<string>;
  credits: Set<string>;
  parties: Set<string>;
  organisations: Set<string>;
  sites: Set<string>;
  miners: Set<string>;
  /** Organisations whose due-diligence decisions are loaded, and those decisions by `organisation\nsupplier`. */
  deciders: Set<string>;
  decisions: Map<string, SupplierDecision[]>;
  /** Sites and miners whose organisation was looked up, and that organisation (a decision about it covers them). */
  parentsAsked: Set<string>;
  parents: Map<string, string>;
}

/** The gold reading of an entry: its own, or the one its preparation made. */
function goldReading(entry: LedgerEntry, prepared: Prepared): GoldEvent | undefined {
  return entry.type === 'epcis' && entry.goldPending ? prepared.gold : goldOf(entry);
}

/**
 * Loads into `state` the lots a chunk's events reference and the credit accounts its transforms
 * touch, skipping what the batch already loaded (those may have evolved within the batch).
 */
async function loadState(tx: LedgerWriteTx, state: CustodyState, loaded: Loaded, events: GoldEvent[]): Promise<void> {
  const uris = new Set<string>();
  for (const e of events) for (const l of lotsReferenced(e)) if (!loaded.lots.has(l)) uris.add(l);
  for (const u of uris) loaded.lots.add(u);
  if (uris.size > 0) for (const l of await tx.loadLots([...uris])) if (!state.lots.has(l.lot)) state.lots.set(l.lot, l);
  // A transform touches its recorder's credit account for every scheme in play, including schemes of
  // lots created earlier in the same batch, so load each (recorder, scheme) pair the chunk could need.
  if (!events.some((e) => e.type === 'transform')) return;
  const schemes = new Set<string>();
  for (const l of state.lots.values()) if (l.scheme) schemes.add(l.scheme);
  for (const e of events) {
    if (e.type === 'production' && e.lot.scheme) schemes.add(e.lot.scheme);
    if (e.type === 'transform') for (const o of e.outputs) if (o.scheme) schemes.add(o.scheme);
  }
  const keys = new Set<string>();
  let fromMs = Number.POSITIVE_INFINITY;
  for (const e of events) {
    if (e.type !== 'transform') continue;
    for (const sc of schemes) {
      const key = creditKey(e.recorder, sc, 'gold');
      if (!loaded.credits.has(key)) keys.add(key);
    }
    const t = parseIsoDateTime(e.eventTime);
    if (!Number.isNaN(t)) fromMs = Math.min(fromMs, t);
  }
  for (const key of keys) loaded.credits.add(key);
  if (keys.size === 0) return;
  // Entries that had expired before the chunk's first transform cannot back any of its claims, so they
  // stay in the store. An account is loaded once per batch, by the first chunk that touches it: a claim in
  // a later chunk dated before that chunk's first transform may be refused for want of them, never wrongly accepted.
  for (const c of await tx.loadCredits([...keys].map(parseCreditKey), fromMs)) {
    const key = creditKey(c.holder, c.scheme, c.metal);
    if (!state.credits.has(key)) state.credits.set(key, c);
  }
}

/** Checks which parties a chunk's events name are registered (organisations, sites, miners). */
async function loadParties(tx: LedgerWriteTx, loaded: Loaded, events: GoldEvent[]): Promise<void> {
  const uris = new Set<string>();
  const add = (u: string) => {
    if (!loaded.parties.has(u)) uris.add(u);
  };
  for (const e of events) {
    add(e.recorder);
    switch (e.type) {
      case 'production':
        add(e.site);
        add(e.producer);
        if (e.miner) add(e.miner);
        break;
      case 'purchase':
        add(e.buyer);
        add(e.seller);
        break;
      case 'ship':
      case 'receive':
        add(e.from);
        add(e.to);
        break;
      case 'export':
        add(e.destination);
        break;
      default:
        break;
    }
  }
  if (uris.size === 0) return;
  for (const u of uris) loaded.parties.add(u);
  const known = await tx.knownParties([...uris]);
  for (const u of known.organisations) loaded.organisations.add(u);
  for (const u of known.sites) loaded.sites.add(u);
  for (const u of known.miners) loaded.miners.add(u);
}

/** The organisation that takes new lots in an event (its due-diligence decisions gate them), if any. */
function acquirerOf(e: GoldEvent): string | undefined {
  if (e.type === 'production') return e.recorder;
  if (e.type === 'purchase') return e.buyer;
  if (e.type === 'receive') return e.to;
  return undefined;
}

/**
 * Loads the supplier decisions of the organisations a chunk's events bring lots to and, when any of
 * them decided anything, the organisations the named sites and miners belong to. Most batches meet
 * no decision: one indexed query per chunk with a new acquirer.
 */
async function loadDecisions(tx: LedgerWriteTx, state: CustodyState, loaded: Loaded, events: GoldEvent[]): Promise<void> {
  const deciders = new Set<string>();
  for (const e of events) {
    const a = acquirerOf(e);
    if (a !== undefined && !loaded.deciders.has(a)) deciders.add(a);
  }
  if (deciders.size > 0) {
    for (const d of deciders) loaded.deciders.add(d);
    for (const d of await tx.supplierDecisions([...deciders])) {
      const key = `${d.organisation}\n${d.supplier}`;
      const list = loaded.decisions.get(key) ?? [];
      list.push(d);
      loaded.decisions.set(key, list);
    }
  }
  if (loaded.decisions.size === 0) return;
  const uris = new Set<string>();
  const add = (u: string | undefined) => {
    if (u !== undefined && !loaded.parentsAsked.has(u)) uris.add(u);
  };
  for (const e of events) {
    if (e.type === 'production') [e.producer, e.miner, e.site].forEach(add);
    if (e.type === 'purchase') add(e.seller);
    if (e.type === 'receive') add(e.from);
    if (e.type === 'purchase' || e.type === 'receive') for (const l of e.lots) add(state.lots.get(l)?.site);
  }
  if (uris.size === 0) return;
  for (const u of uris) loaded.parentsAsked.add(u);
  for (const [u, org] of await tx.partyOrganisations([...uris])) loaded.parents.set(u, org);
}

/**
 * Loads, in the batch's transaction, what pricing a chunk's purchases needs (benchmark prices of their
 * dates, exchange rates, the producers behind the sellers, the buyers' below-minimum policies) and
 * returns the pricer over it; undefined when the chunk has no purchase or no certification rules apply.
 */
async function loadPricing(tx: LedgerWriteTx, deps: LedgerDeps, events: GoldEvent[]): Promise<PurchasePricer | undefined> {
  const purchases = events.filter((e): e is PurchaseEvent => e.type === 'purchase');
  if (purchases.length === 0 || !deps.certification) return undefined;
  const rules = deps.certification;
  const query = pricingQuery(
    purchases.map((p) => ({ date: localDay(p.eventTime, p.eventTimeZoneOffset), currency: p.currency, seller: p.seller, buyer: p.buyer })),
    rules,
  );
  return purchasePricer(pricingDataFrom(await tx.pricingFacts(query), rules));
}

function decisionContext(deps: LedgerDeps, loaded: Loaded): DecisionContext {
  return {
    now: deps.clock.now().getTime(),
    maxClockSkewMs: deps.maxClockSkewMs,
    rules: deps.rules,
    isOrganisation: (u) => loaded.organisations.has(u),
    isSite: (u) => loaded.sites.has(u),
    isMiner: (u) => loaded.miners.has(u),
    checkSuppliers(organisation, parties, lots, atMs) {
      if (loaded.decisions.size === 0) return;
      for (const party of parties) {
        const parent = loaded.parents.get(party);
        for (const supplier of parent === undefined ? [party] : [party, parent]) {
          const refusal = refusalOf(decisionInForce(loaded.decisions.get(`${organisation}\n${supplier}`) ?? [], atMs));
          if (refusal) throw supplierRefusalError(refusal, party, lots);
        }
      }
    },
  };
}
