import type { Change, CreditAccount, CustodyState, DecisionContext, GoldEvent, LotInputEdge, LotState, Metal } from '../custody/index.js';
import type { SupplierDecision } from '../diligence/index.js';
import type { EventIndex } from '../epcis/index.js';
import type { ErrorCode } from '../kernel/index.js';
import type { PricingFacts, PricingFactsQuery, RecordedValuation } from '../premiums/index.js';

/** One row of the append-only ledger. Every column but `seq` is covered by the record hash or derived from the body. */
export interface LedgerRecord {
  seq: number;
  /** CBV 2.0 event hash of `body` (`ni:///sha-256;...?ver=CBV2.0`). */
  eventId: string;
  eventType: string;
  bizStep: string | null;
  /** Epoch ms of the event's eventTime. */
  eventTime: number;
  /** Epoch ms when the ledger recorded it. */
  recordTime: number;
  recorder: string;
  /** Canonical JSON bytes of the EPCIS event, including its eventID; hashed and signed as stored. */
  body: string;
  prevHash: string;
  recordHash: string;
  keyId: string;
  /**
   * Base64 Ed25519 signature of the recorder over `recordHash`, on the last record of each recorder
   * in a batch (null on the others). Through the hash chain it covers every earlier record too, so
   * each record is signed by its recorder at the cost of one signature per batch.
   */
  signature: string | null;
  /** The event's query index (computed with the event in prepare), written with the record; not part of the record hash. */
  index?: EventIndex;
}

export interface LedgerHead {
  seq: number;
  recordHash: string;
}

/** The projection rows one batch writes next to its ledger records, in the same transaction. */
export interface ProjectionDelta {
  newLots: LotState[];
  updatedLots: LotState[];
  edges: LotInputEdge[];
  eventLots: { lot: string; seq: number }[];
  /** Credit accounts the batch touched, with every entry it loaded or opened (spent ones included). */
  credits: CreditAccount[];
  /** Prices of the certified purchases among the records (premiums' due lines). */
  valuations?: RecordedValuation[];
}

/** What a write transaction offers the ledger. */
export interface LedgerWriteTx {
  head(): Promise<LedgerHead>;
  existingEventIds(ids: string[]): Promise<Set<string>>;
  loadLots(uris: string[]): Promise<LotState[]>;
  /**
   * Credit accounts, each with its entries that still have something left and had not expired by
   * `fromMs` (the earliest event time of the batch): the only ones the batch's claims could spend.
   */
  loadCredits(keys: { holder: string; scheme: string; metal: Metal }[], fromMs: number): Promise<CreditAccount[]>;
  /** Which of these URIs are registered organisations, sites and miners. */
  knownParties(uris: string[]): Promise<{ organisations: Set<string>; sites: Set<string>; miners: Set<string> }>;
  /** The due-diligence decisions these organisations made about their suppliers (docs/diligence.md). */
  supplierDecisions(organisations: string[]): Promise<SupplierDecision[]>;
  /** The organisation (URI) each of these URIs belongs to, for those that are registered sites or miners. */
  partyOrganisations(uris: string[]): Promise<Map<string, string>>;
  /** What pricing certified purchases needs: benchmark prices, exchange rates, producers, buyers' policies (src/premiums). */
  pricingFacts(q: PricingFactsQuery): Promise<PricingFacts>;
  append(records: LedgerRecord[], delta: ProjectionDelta): Promise<void>;
}

/** The narrow store interface the ledger needs; `store` implements it for SQLite and PostgreSQL. */
export interface LedgerStore {
  /** Runs `fn` in one transaction holding the ledger's write lock; rolls back if it throws. */
  writeTransaction<T>(fn: (tx: LedgerWriteTx) => Promise<T>): Promise<T>;
  /** Records with seq > afterSeq, in order, at most `limit`. */
  readRecords(afterSeq: number, limit: number): Promise<LedgerRecord[]>;
  /** Base64 raw Ed25519 public key for a key id and the organisation it belongs to, or undefined. */
  publicKey(keyId: string): Promise<{ publicKey: string; owner: string } | undefined>;
  /** Private signing key of an organisation (PKCS#8 DER, base64) with its key id. */
  signingKey(orgUri: string): Promise<{ keyId: string; privateKey: string } | undefined>;
}

export type ItemStatus = 'accepted' | 'duplicate' | 'rejected' | 'rolled_back';

/** The result for one event of a batch (like an EPCIS capture job's per-event result). */
export interface ItemResult {
  index: number;
  status: ItemStatus;
  eventId?: string;
  seq?: number;
  error?: { code: ErrorCode | 'ORP_INTERNAL'; message: string; details: Record<string, unknown> };
}

export interface AppendResult {
  /** True when the batch's accepted events were written. */
  committed: boolean;
  accepted: number;
  duplicates: number;
  rejected: number;
  results: ItemResult[];
  head: LedgerHead;
}

/**
 * A captured EPCIS event (normalised at the edge, see docs/epcis.md) recorded by an organisation.
 * When it is also a gold chain-of-custody event, `gold` is its reading (custody/fromEpcis) and the
 * ledger's business rules apply to it; the stored bytes are still the event as captured.
 */
export interface EpcisEntry {
  type: 'epcis';
  recorder: string;
  event: Record<string, unknown>;
  gold?: GoldEvent;
  /**
   * The gold reading is still to be made, where the event is prepared (in a worker thread for
   * large batches) rather than by the caller; a malformed gold event is then rejected there.
   */
  goldPending?: true;
}

/** What the ledger appends: a gold event rendered by Orpaille, or a captured EPCIS event. */
export type LedgerEntry = GoldEvent | EpcisEntry;

/** The gold reading of an entry, when it has one (for a pending reading, see `Prepared.gold`). */
export function goldOf(entry: LedgerEntry): GoldEvent | undefined {
  return entry.type === 'epcis' ? entry.gold : entry;
}

export type { Change, CustodyState, DecisionContext, GoldEvent };
