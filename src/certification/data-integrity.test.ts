import { describe, expect, it } from 'vitest';
import { privateKeyFromSeed } from '../ledger/index.js';
import { base58btcDecode, canonicalJson } from '../kernel/index.js';
import { addEddsaJcsProof, didKeyVerificationMethod, eddsaJcsHashData, resolveDidKey, verifyEddsaJcsProofs } from './data-integrity.js';

/*
 * The eddsa-jcs-2022 test vector of W3C Data Integrity EdDSA Cryptosuites v1.0 (w3c/vc-di-eddsa,
 * TestVectors/keyPair.json, TestVectors/eddsa-jcs-2022/ and the Recommendation's examples): an alumni credential signed with a
 * published test key. Matching it shows the hashing order, canonical form and encoding are right.
 */
const VECTOR = {
  privateKeyMultibase: 'z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq',
  publicKeyMultibase: 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
  document: {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
    type: ['VerifiableCredential', 'AlumniCredential'],
    name: 'Alumni Credential',
    description: 'A minimum viable example of an Alumni Credential.',
    issuer: 'https://vc.example/issuers/5678',
    validFrom: '2023-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Examples' },
  },
  created: '2023-02-24T23:36:38Z',
  proofHash: '66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db',
  documentHash: '59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19',
  // Example "signature of combined hashes, base58-btc" of the Recommendation (15 May 2025).
  proofValue: 'z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX',
};

const testKey = () => privateKeyFromSeed(base58btcDecode(VECTOR.privateKeyMultibase.slice(1))!.subarray(2));

describe('eddsa-jcs-2022 Data Integrity proofs', () => {
  it('reproduces the W3C test vector: did:key, both hashes in order, and the signature', () => {
    const signed = addEddsaJcsProof(VECTOR.document, testKey(), VECTOR.created);
    expect(signed.proof.verificationMethod).toBe(`did:key:${VECTOR.publicKeyMultibase}#${VECTOR.publicKeyMultibase}`);
    const { proofValue, ...options } = signed.proof;
    const hash = eddsaJcsHashData(options as unknown as Record<string, unknown>, VECTOR.document).toString('hex');
    expect(hash).toBe(VECTOR.proofHash + VECTOR.documentHash);
    expect(proofValue).toBe(VECTOR.proofValue);
    expect(verifyEddsaJcsProofs(signed)).toEqual({ problems: [], controllers: [`did:key:${VECTOR.publicKeyMultibase}`] });
  });

  it('fails when one byte of the document changes', () => {
    const signed = addEddsaJcsProof(VECTOR.document, testKey(), VECTOR.created);
    const tampered = JSON.parse(JSON.stringify(signed).replace('The School of Examples', 'The School of Exampleş')) as Record<string, unknown>;
    expect(verifyEddsaJcsProofs(tampered).problems).toEqual([expect.objectContaining({ code: 'signature_invalid' })]);
  });

  it('fails when the proof options change (a later created date), since they are signed too', () => {
    const signed = addEddsaJcsProof(VECTOR.document, testKey(), VECTOR.created);
    expect(verifyEddsaJcsProofs({ ...signed, proof: { ...signed.proof, created: '2024-02-24T23:36:38Z' } }).problems[0]!.code).toBe('signature_invalid');
  });

  it('names an unknown proof type or cryptosuite instead of trying to verify it', () => {
    const signed = addEddsaJcsProof(VECTOR.document, testKey(), VECTOR.created);
    expect(verifyEddsaJcsProofs({ ...signed, proof: { ...signed.proof, type: 'Ed25519Signature2020' } }).problems[0]!.code).toBe('proof_type_unknown');
    expect(verifyEddsaJcsProofs({ ...signed, proof: { ...signed.proof, cryptosuite: 'eddsa-rdfc-2022' } }).problems[0]!.code).toBe('cryptosuite_unknown');
    expect(verifyEddsaJcsProofs(VECTOR.document).problems[0]!.code).toBe('proof_missing');
  });

  it('refuses a proof whose @context is not the start of the document context', () => {
    const signed = addEddsaJcsProof(VECTOR.document, testKey(), VECTOR.created);
    const other = { ...signed, '@context': ['https://www.w3.org/ns/credentials/v2'] };
    expect(verifyEddsaJcsProofs(other).problems[0]!.code).toBe('context_mismatch');
  });

  it('resolves only Ed25519 did:key verification methods', () => {
    const raw = base58btcDecode(VECTOR.publicKeyMultibase.slice(1))!.subarray(2);
    expect(resolveDidKey(didKeyVerificationMethod(raw))).toEqual({ publicKey: raw, controller: `did:key:${VECTOR.publicKeyMultibase}` });
    expect(resolveDidKey('https://vc.example/issuers/5678#key-1')).toHaveProperty('problem');
    expect(canonicalJson(resolveDidKey('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme#zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme'))).toMatch(/not an Ed25519 did:key/);
  });
});
