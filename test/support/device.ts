import { generateKeyPairSync, sign } from 'node:crypto';
import { toEpcis, type GoldEvent } from '../../src/custody/index.js';
import { epcisDocument } from '../../src/epcis/index.js';

/** A field device's key pair, as the web app makes it with WebCrypto (ECDSA P-256). */
export interface TestDeviceKey {
  /** The public key as a JWK (kty, crv, x, y). */
  jwk: { kty: string; crv: string; x: string; y: string };
  /** base64url IEEE P1363 signature of the UTF-8 text, as WebCrypto's ECDSA sign gives it. */
  sign(text: string): string;
}

export function newDeviceKey(): TestDeviceKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  return {
    jwk: { kty: kty!, crv: crv!, x: x!, y: y! },
    sign: (text) => sign('sha256', Buffer.from(text, 'utf8'), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url'),
  };
}

/** One signed capture of a sync: gold events become an EPCIS document, anything else is sent as JSON. */
export function signedItem(key: TestDeviceKey, localId: string, content: GoldEvent[] | Record<string, unknown>, creationDate = '2026-11-30T11:00:00.000Z') {
  const events = Array.isArray(content);
  const body = JSON.stringify(events ? epcisDocument(content.map(toEpcis), creationDate) : content);
  return { localId, kind: events ? 'epcis' : 'miner', body, signature: key.sign(body) };
}
