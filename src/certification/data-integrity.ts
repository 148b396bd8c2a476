import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { base58btcDecode, base58btcEncode, canonicalJson } from '../kernel/index.js';

/*
 * W3C Data Integrity proofs with the eddsa-jcs-2022 cryptosuite (Data Integrity EdDSA Cryptosuites
 * v1.0): the document and the proof options are each canonicalised with JCS (RFC 8785) and hashed
 * with SHA-256; the proof-options hash followed by the document hash is signed with Ed25519; the
 * signature is the multibase base58btc `proofValue`. The verification method is a did:key, whose
 * identifier is the public key itself, so a proof verifies offline with nothing but the document.
 */

export const PROOF_TYPE = 'DataIntegrityProof';
export const CRYPTOSUITE = 'eddsa-jcs-2022';

/** Multicodec prefix of an Ed25519 public key (0xed, as an unsigned varint). */
const ED25519_PUB = Uint8Array.from([0xed, 0x01]);
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface DataIntegrityProof {
  type: string;
  cryptosuite: string;
  created: string;
  verificationMethod: string;
  proofPurpose: string;
  '@context'?: unknown;
  proofValue: string;
}

/** The did:key of a raw 32-byte Ed25519 public key (`did:key:z6Mk...`). */
export function didKeyOf(rawPublicKey: Uint8Array): string {
  return `did:key:${multibaseKey(rawPublicKey)}`;
}

/** The did:key verification method of a raw Ed25519 public key (`did:key:z6Mk...#z6Mk...`). */
export function didKeyVerificationMethod(rawPublicKey: Uint8Array): string {
  const mb = multibaseKey(rawPublicKey);
  return `did:key:${mb}#${mb}`;
}

function multibaseKey(rawPublicKey: Uint8Array): string {
  if (rawPublicKey.length !== 32) throw new RangeError('an Ed25519 public key is 32 bytes');
  return `z${base58btcEncode(Uint8Array.from([...ED25519_PUB, ...rawPublicKey]))}`;
}

/**
 * The raw Ed25519 public key and controller DID of a did:key verification method, or a reason it
 * cannot be used (another method, another key type, a malformed key).
 */
export function resolveDidKey(verificationMethod: string): { publicKey: Uint8Array; controller: string } | { problem: string } {
  const m = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)#(z[1-9A-HJ-NP-Za-km-z]+)$/.exec(verificationMethod);
  if (!m) return { problem: `verification method ${verificationMethod} is not a did:key (did:key:z...#z...); only did:key verifies offline` };
  if (m[1] !== m[2]) return { problem: `verification method ${verificationMethod}: the fragment must repeat the did:key identifier` };
  const bytes = base58btcDecode(m[1]!.slice(1));
  if (!bytes || bytes.length !== 34 || bytes[0] !== ED25519_PUB[0] || bytes[1] !== ED25519_PUB[1]) {
    return { problem: `verification method ${verificationMethod} is not an Ed25519 did:key` };
  }
  return { publicKey: bytes.subarray(2), controller: `did:key:${m[1]}` };
}

/** The bytes eddsa-jcs-2022 signs: SHA-256(JCS(proof options)) followed by SHA-256(JCS(document)). */
export function eddsaJcsHashData(proofOptions: Record<string, unknown>, unsecuredDocument: Record<string, unknown>): Buffer {
  const sha = (v: unknown) => createHash('sha256').update(canonicalJson(v), 'utf8').digest();
  return Buffer.concat([sha(proofOptions), sha(unsecuredDocument)]);
}

/**
 * Adds an eddsa-jcs-2022 Data Integrity proof (assertionMethod) to a document, signed with an
 * Ed25519 private key whose did:key becomes the verification method. `created` is an XML Schema
 * dateTimeStamp (UTC, seconds precision).
 */
export function addEddsaJcsProof<T extends Record<string, unknown>>(document: T, privateKey: KeyObject, created: string): T & { proof: DataIntegrityProof } {
  const { proof: _ignored, ...unsecured } = document;
  const options: Omit<DataIntegrityProof, 'proofValue'> = {
    type: PROOF_TYPE,
    cryptosuite: CRYPTOSUITE,
    created,
    verificationMethod: didKeyVerificationMethod(rawPublicKeyOf(privateKey)),
    proofPurpose: 'assertionMethod',
    // The document's context is bound into the proof (and checked on verification).
    ...(unsecured['@context'] !== undefined ? { '@context': unsecured['@context'] } : {}),
  };
  const signature = sign(null, eddsaJcsHashData(options as unknown as Record<string, unknown>, unsecured), privateKey);
  return { ...(unsecured as T), proof: { ...options, proofValue: `z${base58btcEncode(signature)}` } };
}

/** One reason a proof does not verify. */
export interface ProofProblem {
  code: 'proof_missing' | 'proof_type_unknown' | 'cryptosuite_unknown' | 'proof_malformed' | 'verification_method_unsupported' | 'context_mismatch' | 'signature_invalid';
  message: string;
}

/**
 * Verifies every Data Integrity proof on a document (one proof, or a set) with eddsa-jcs-2022 and
 * did:key. Returns the problems (empty when every proof verifies) and the controllers of the keys
 * that signed.
 */
export function verifyEddsaJcsProofs(secured: Record<string, unknown>): { problems: ProofProblem[]; controllers: string[] } {
  const { proof, ...unsecured } = secured;
  if (proof === undefined || proof === null) return { problems: [{ code: 'proof_missing', message: 'the document has no proof' }], controllers: [] };
  const proofs = Array.isArray(proof) ? proof : [proof];
  if (proofs.length === 0) return { problems: [{ code: 'proof_missing', message: 'the document has an empty proof set' }], controllers: [] };
  const problems: ProofProblem[] = [];
  const controllers: string[] = [];
  for (const p of proofs) {
    const one = verifyOne(p, unsecured);
    if ('controller' in one) controllers.push(one.controller);
    else problems.push(one);
  }
  return { problems, controllers };
}

function verifyOne(p: unknown, unsecured: Record<string, unknown>): ProofProblem | { controller: string } {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return { code: 'proof_malformed', message: 'a proof must be an object' };
  const { proofValue, ...options } = p as Record<string, unknown>;
  if (options['type'] !== PROOF_TYPE) return { code: 'proof_type_unknown', message: `proof type ${String(options['type'])} is not supported (only ${PROOF_TYPE})` };
  if (options['cryptosuite'] !== CRYPTOSUITE) return { code: 'cryptosuite_unknown', message: `cryptosuite ${String(options['cryptosuite'])} is not supported (only ${CRYPTOSUITE})` };
  if (options['proofPurpose'] !== 'assertionMethod') return { code: 'proof_malformed', message: `proof purpose ${String(options['proofPurpose'])} is not assertionMethod` };
  if (typeof options['created'] === 'string' && Number.isNaN(Date.parse(options['created']))) return { code: 'proof_malformed', message: `proof created ${options['created']} is not a date-time` };
  if (typeof proofValue !== 'string' || !proofValue.startsWith('z')) return { code: 'proof_malformed', message: 'proofValue must be a multibase base58btc string (z...)' };
  const signature = base58btcDecode(proofValue.slice(1));
  if (!signature || signature.length !== 64) return { code: 'proof_malformed', message: 'proofValue is not a 64-byte Ed25519 signature' };
  const method = typeof options['verificationMethod'] === 'string' ? resolveDidKey(options['verificationMethod']) : { problem: 'the proof names no verification method' };
  if ('problem' in method) return { code: 'verification_method_unsupported', message: method.problem };
  // The proof's @context must be the start of the document's, and is what the document is hashed with.
  const proofContext = options['@context'];
  let document = unsecured;
  if (proofContext !== undefined) {
    const docContext = unsecured['@context'];
    const wanted = Array.isArray(proofContext) ? proofContext : [proofContext];
    const have = Array.isArray(docContext) ? docContext : docContext === undefined ? [] : [docContext];
    if (have.length < wanted.length || !wanted.every((c, i) => canonicalJson(c) === canonicalJson(have[i]))) {
      return { code: 'context_mismatch', message: 'the proof @context does not match the start of the document @context' };
    }
    document = { ...unsecured, '@context': proofContext };
  }
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, method.publicKey]), format: 'der', type: 'spki' });
  if (!verify(null, eddsaJcsHashData(options, document), key, signature)) {
    return { code: 'signature_invalid', message: 'the signature does not match: the document or its proof was changed after signing, or another key signed it' };
  }
  return { controller: method.controller };
}

function rawPublicKeyOf(privateKey: KeyObject): Uint8Array {
  const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return der.subarray(SPKI_ED25519_PREFIX.length);
}
