import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyCredential, type Authorisation } from '../../src/certification/index.js';
import { testStores } from '../support/stores.js';
import { makeWorld, NOW, type World } from '../support/world.js';

describe.each(testStores)('certificates as Verifiable Credentials on $name', (store) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(store);
  });
  afterEach(async () => {
    await w.cleanup();
  });

  // The world's clock is 2026-11-30; the refiner plays the certifier here because it has a key.
  const cert = (over: Partial<Authorisation> = {}): Authorisation => ({
    id: 'fm-cert-1',
    kind: 'producer_certificate',
    scheme: 'fairmined',
    holder: w.asmo.uri,
    issuer: w.refiner.uri,
    scope: { sites: [w.sites[0]!.uri], ecological: true },
    issuedOn: '2026-01-01',
    validUntil: '2026-12-31',
    statusChanges: [],
    ...over,
  });

  it('issues a credential signed with the issuer organisation key that verifies offline', async () => {
    await w.orp.certification.add(cert());
    const vc = await w.orp.issueCredential('fm-cert-1');
    expect(vc).toMatchObject({
      type: ['VerifiableCredential', 'GoldAuthorisationCredential'],
      issuer: { id: expect.stringMatching(/^did:key:z6Mk/), name: w.refiner.name, party: w.refiner.uri },
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2026-12-31T23:59:59Z',
      credentialSubject: { id: w.asmo.uri, name: w.asmo.name, authorisation: { id: 'fm-cert-1', status: 'active' } },
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', proofPurpose: 'assertionMethod', created: '2026-11-30T12:00:00Z' },
    });
    const verdict = verifyCredential(JSON.parse(JSON.stringify(vc)), new Date(NOW));
    expect(verdict).toMatchObject({ valid: true, problems: [], issuerParty: w.refiner.uri, subject: w.asmo.uri });
  });

  it('fails verification when one byte of the credential subject changes', async () => {
    await w.orp.certification.add(cert());
    const text = JSON.stringify(await w.orp.issueCredential('fm-cert-1'));
    const at = text.indexOf('"validUntil":"2026-12-31"') + '"validUntil":"2026-1'.length;
    const flipped = `${text.slice(0, at)}${text[at] === '2' ? '1' : '2'}${text.slice(at + 1)}`;
    expect(flipped).not.toBe(text);
    const verdict = verifyCredential(JSON.parse(flipped), new Date(NOW));
    expect(verdict.valid).toBe(false);
    expect(verdict.problems.map((p) => p.code)).toEqual(['signature_invalid']);
  });

  it('reports an expired credential after its last valid day, with a valid signature', async () => {
    await w.orp.certification.add(cert());
    const vc = await w.orp.issueCredential('fm-cert-1');
    const verdict = verifyCredential(vc, new Date('2027-01-01T00:00:00Z'));
    expect(verdict.problems.map((p) => p.code)).toEqual(['expired']);
  });

  it('reports a credential whose issuer was replaced by another key holder', async () => {
    await w.orp.certification.add(cert());
    await w.orp.certification.add(cert({ id: 'other', issuer: w.exporter.uri }));
    const mine = await w.orp.issueCredential('fm-cert-1');
    const theirs = await w.orp.issueCredential('other');
    const forged = { ...mine, issuer: theirs.issuer };
    expect(verifyCredential(forged, new Date(NOW)).problems.map((p) => p.code)).toEqual(['signature_invalid']);
  });

  it('refuses to issue a credential for a suspended authorisation, or an unknown one', async () => {
    await w.orp.certification.add(cert({ statusChanges: [{ status: 'suspended', from: '2026-10-01' }] }));
    await expect(w.orp.issueCredential('fm-cert-1')).rejects.toMatchObject({ code: 'ORP_CREDENTIAL_REFUSED' });
    await expect(w.orp.issueCredential('nope')).rejects.toMatchObject({ code: 'ORP_NOT_FOUND' });
  });
});
