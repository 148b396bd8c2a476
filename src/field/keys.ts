import { createHash, createPublicKey, verify } from 'node:crypto';
import { OrpailleError } from '../kernel/index.js';
import type { DevicePublicKey } from './types.js';

const COORD = /^[A-Za-z0-9_-]{43}$/;

/**
 * Reads a device's public key: an EC P-256 JWK with base64url coordinates, and nothing private. Returns the
 * key with only its public members (so what is stored is exactly what is checked). ORP_BAD_INPUT otherwise.
 */
export function devicePublicKey(jwk: unknown): DevicePublicKey {
  const k = (typeof jwk === 'object' && jwk !== null ? jwk : {}) as Record<string, unknown>;
  if ('d' in k) throw new OrpailleError('ORP_BAD_INPUT', 'publicKey holds a private key ("d"): send the public key only', {});
  if (k['kty'] !== 'EC' || k['crv'] !== 'P-256' || typeof k['x'] !== 'string' || typeof k['y'] !== 'string' || !COORD.test(k['x']) || !COORD.test(k['y'])) {
    throw new OrpailleError('ORP_BAD_INPUT', 'publicKey must be an EC P-256 JWK (kty "EC", crv "P-256", base64url x and y)', {});
  }
  const key: DevicePublicKey = { kty: 'EC', crv: 'P-256', x: k['x'], y: k['y'] };
  try {
    createPublicKey({ key: { ...key }, format: 'jwk' });
  } catch {
    throw new OrpailleError('ORP_BAD_INPUT', 'publicKey is not a point of the P-256 curve', {});
  }
  return key;
}

/** The RFC 7638 thumbprint of the key: SHA-256 of its required members in lexicographic order, base64url. */
export function jwkThumbprint(key: DevicePublicKey): string {
  const canonical = JSON.stringify({ crv: key.crv, kty: key.kty, x: key.x, y: key.y });
  return createHash('sha256').update(canonical, 'utf8').digest('base64url');
}

/**
 * True when `signature` (base64url, IEEE P1363 r || s as WebCrypto makes it) is the key's ECDSA P-256 / SHA-256
 * signature of the UTF-8 bytes of `body`.
 */
export function verifyDeviceSignature(key: DevicePublicKey, body: string, signature: string): boolean {
  if (!/^[A-Za-z0-9_-]{86}$/.test(signature)) return false;
  const publicKey = createPublicKey({ key: { ...key }, format: 'jwk' });
  return verify('sha256', Buffer.from(body, 'utf8'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
}

/** SHA-256 of the body's UTF-8 bytes, hex: kept with the signature so an auditor can match a body to it. */
export function bodySha256(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}
