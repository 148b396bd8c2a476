import { ORPAILLE_CONTEXT, eventHash } from '../epcis/index.js';
import { canonicalJson, parseIsoDateTime } from '../kernel/index.js';
import { GENESIS_HASH, computeRecordHash, verifyRecordSignature } from './record.js';
import type { LedgerRecord, LedgerStore } from './types.js';

export interface VerifyFailure {
  seq: number;
  eventId: string;
  problem: string;
}

export interface VerifyResult {
  ok: boolean;
  records: number;
  head: string;
  /** The first bad record, when there is one. */
  failure?: VerifyFailure;
}

const PAGE = 5000;

/**
 * Recomputes everything the ledger claims: each body is canonical and hashes to its event id, the
 * index columns match the body, each record hash covers its fields and the previous hash, and each
 * signature verifies under the recorder's key. Stops at the first bad record.
 */
export async function verifyLedger(store: LedgerStore, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const keys = new Map<string, { publicKey: string; owner: string } | undefined>();
  // Recorders with records not yet covered by one of their signatures: recorder -> first such record.
  const unsigned = new Map<string, LedgerRecord>();
  for (;;) {
    const page = await store.readRecords(expectedSeq - 1, PAGE);
    for (const r of page) {
      let key = keys.get(r.keyId);
      if (!keys.has(r.keyId)) {
        key = await store.publicKey(r.keyId);
        keys.set(r.keyId, key);
      }
      const problem = checkRecord(r, expectedSeq, prev, key);
      if (problem) return { ok: false, records: checked, head: prev, failure: { seq: r.seq, eventId: r.eventId, problem } };
      if (r.signature === null) {
        if (!unsigned.has(r.recorder)) unsigned.set(r.recorder, r);
      } else unsigned.delete(r.recorder);
      prev = r.recordHash;
      expectedSeq++;
      checked++;
    }
    onProgress?.(checked);
    if (page.length < PAGE) break;
  }
  const uncovered = [...unsigned.values()].sort((a, b) => a.seq - b.seq)[0];
  if (uncovered) {
    return {
      ok: false,
      records: uncovered.seq - 1,
      head: prev,
      failure: { seq: uncovered.seq, eventId: uncovered.eventId, problem: 'no later signature of its recorder covers this record' },
    };
  }
  return { ok: true, records: checked, head: prev };
}

/** What is wrong with one record, or undefined when it is sound. */
export function checkRecord(
  r: LedgerRecord,
  expectedSeq: number,
  prevHash: string,
  key: { publicKey: string; owner: string } | undefined,
): string | undefined {
  if (r.seq !== expectedSeq) return `sequence number ${r.seq} where ${expectedSeq} was expected (a record is missing or inserted)`;
  if (r.prevHash !== prevHash) return 'previous-hash link does not match the preceding record';
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(r.body) as Record<string, unknown>;
  } catch {
    return 'body is not valid JSON';
  }
  if (canonicalJson(body) !== r.body) return 'body is not in canonical form';
  // A captured event keeps the eventID its capturer gave it; the ledger's id is always its hash.
  if (body['eventID'] === undefined) return 'body has no eventID';
  const { eventID: _id, ...event } = body;
  let hash: string;
  try {
    hash = eventHash(event, ORPAILLE_CONTEXT);
  } catch (err) {
    return `body cannot be hashed: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (hash !== r.eventId) return `event hash of the body is ${hash}, not the stored event id`;
  if (body['type'] !== r.eventType) return 'event type column differs from the body';
  if ((body['bizStep'] ?? null) !== r.bizStep) return 'bizStep column differs from the body';
  if (parseIsoDateTime(String(body['eventTime'])) !== r.eventTime) return 'event time column differs from the body';
  if (body['gold:recorder'] !== undefined && body['gold:recorder'] !== r.recorder) return 'recorder column differs from the body';
  if (computeRecordHash(r) !== r.recordHash) return 'record hash does not match the record';
  if (!key) return `signing key ${r.keyId} is unknown`;
  if (key.owner !== r.recorder) return `signing key ${r.keyId} belongs to ${key.owner}, not to the recorder`;
  if (r.signature !== null && !verifyRecordSignature(r.recordHash, r.signature, key.publicKey)) {
    return 'signature does not verify under the recorder key';
  }
  return undefined;
}
