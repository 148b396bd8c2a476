import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addEddsaJcsProof, authorisationCredential, credentialRefusal, didKeyOf, verifyCredential, type Authorisation } from './index.js';

const { privateKey } = generateKeyPairSync('ed25519');
const raw = privateKey.export({ format: 'jwk' }).x!;
const did = didKeyOf(Buffer.from(raw, 'base64url'));

const permit: Authorisation = {
  id: 'ptt-1',
  kind: 'permit_to_trade',
  scheme: 'fairmined',
  holder: 'https://id.gs1.org/417/6150002000007',
  issuer: 'https://id.gs1.org/417/6150009000001',
  scope: { suppliers: ['https://id.gs1.org/417/6150001000008'], firstAuthorisedBuyer: true },
  issuedOn: '2026-01-01',
  validUntil: '2026-12-31',
  statusChanges: [],
};

const credential = () => authorisationCredential(permit, { uri: permit.issuer, name: 'ARM' }, did, { uri: permit.holder }, '2026-05-05');

describe('authorisation credentials', () => {
  it('is valid from the issue day to the end of the last valid day', () => {
    expect(credential()).toMatchObject({ validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-12-31T23:59:59Z', issuer: { id: did, party: permit.issuer } });
    const signed = addEddsaJcsProof(credential(), privateKey, '2026-05-05T10:00:00Z');
    expect(verifyCredential(signed, new Date('2026-12-31T23:59:59Z')).valid).toBe(true);
    expect(verifyCredential(signed, new Date('2025-12-31T23:59:59Z')).problems.map((p) => p.code)).toEqual(['not_yet_valid']);
  });

  it('reports a credential signed by a key that is not its issuer', () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const signed = addEddsaJcsProof(credential(), other, '2026-05-05T10:00:00Z');
    expect(verifyCredential(signed, new Date('2026-06-01T00:00:00Z')).problems.map((p) => p.code)).toEqual(['issuer_mismatch']);
  });

  it('reports a document that is not a VC 2.0 credential', () => {
    const signed = addEddsaJcsProof({ ...credential(), '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['Thing'] }, privateKey, '2026-05-05T10:00:00Z');
    expect(verifyCredential(signed, new Date('2026-06-01T00:00:00Z')).problems.map((p) => p.code)).toEqual(['not_a_credential', 'not_a_credential']);
    expect(verifyCredential([1, 2], new Date()).valid).toBe(false);
  });

  it('is refused for an authorisation suspended on the day of issue', () => {
    const suspended = { ...permit, statusChanges: [{ status: 'suspended' as const, from: '2026-05-01' }] };
    expect(credentialRefusal(suspended, '2026-05-05')).toMatch(/suspended \(since 2026-05-01\)/);
    expect(credentialRefusal(suspended, '2026-04-30')).toBeUndefined();
  });
});
