import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { sha256Hex } from '../kernel/index.js';
import type { LedgerRecord } from './types.js';

/** The previous-hash value of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The bytes a record hash covers. The body enters through its own SHA-256 so that the chain does
 * not depend on how a database returns text.
 */
export function recordHashInput(r: Omit<LedgerRecord, 'recordHash' | 'signature' | 'eventType' | 'bizStep' | 'eventTime'>, bodyHash = sha256Hex(r.body)): string {
  return ['orpaille-ledger-v1', r.seq, r.prevHash, r.eventId, bodyHash, r.recorder, r.recordTime, r.keyId].join('\n');
}

/**
 * SHA-256 hex of the record's hash input. Capture passes the body's hash computed with the body in
 * a worker thread; verification leaves it out, so it is always recomputed from the stored bytes.
 */
export function computeRecordHash(r: Omit<LedgerRecord, 'recordHash' | 'signature' | 'eventType' | 'bizStep' | 'eventTime'>, bodyHash?: string): string {
  return sha256Hex(recordHashInput(r, bodyHash));
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** An Ed25519 private key from its 32-byte seed (so the demo's keys are reproducible from its seed). */
export function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new RangeError('Ed25519 seed must be 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** Raw 32-byte public key, base64. */
export function rawPublicKey(privateKey: KeyObject): string {
  const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return der.subarray(SPKI_ED25519_PREFIX.length).toString('base64');
}

/** PKCS#8 DER of a private key, base64 (how keys are kept in the store). */
export function exportPrivateKey(privateKey: KeyObject): string {
  return privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
}

/** Parses a base64 PKCS#8 DER private key. */
export function importPrivateKey(b64: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'pkcs8' });
}

/** Key id: a short fingerprint of the public key. */
export function keyIdOf(rawPublicKeyB64: string): string {
  return `ed25519:${sha256Hex(Buffer.from(rawPublicKeyB64, 'base64')).slice(0, 32)}`;
}

/** Signs a record hash. */
export function signRecordHash(recordHash: string, privateKey: KeyObject): string {
  return sign(null, Buffer.from(recordHash, 'hex'), privateKey).toString('base64');
}

const publicKeyCache = new Map<string, KeyObject>();

/** Verifies a record-hash signature against a raw base64 public key. */
export function verifyRecordSignature(recordHash: string, signature: string, rawPublicKeyB64: string): boolean {
  let key = publicKeyCache.get(rawPublicKeyB64);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(rawPublicKeyB64, 'base64')]), format: 'der', type: 'spki' });
    publicKeyCache.set(rawPublicKeyB64, key);
  }
  try {
    return verify(null, Buffer.from(recordHash, 'hex'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
