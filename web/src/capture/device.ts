import { fieldDb } from './store';

/*
 * The device's key: ECDSA P-256 made with WebCrypto, the private key not extractable (no script, not even this
 * page's, can read it out), the pair kept in IndexedDB per organisation. Every capture is signed with it; the
 * server checks the signature with the public key the device registered (POST /devices).
 */

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** The organisation's key pair on this device, made on first use. */
export async function deviceKeyPair(org: string): Promise<CryptoKeyPair> {
  const db = await fieldDb();
  const kept = await db.get('keys', org);
  if (kept) return kept;
  const pair = await crypto.subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
  // Two tabs may make a key at once: the first one stored wins, so the device keeps one key.
  const tx = db.transaction('keys', 'readwrite');
  const raced = await tx.store.get(org);
  if (!raced) await tx.store.put(pair, org);
  await tx.done;
  return raced ?? pair;
}

/** The public key as a JWK with only its public members (what POST /devices takes). */
export async function publicJwk(pair: CryptoKeyPair): Promise<{ kty: string; crv: string; x: string; y: string }> {
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { kty: kty!, crv: crv!, x: x!, y: y! };
}

function base64url(bytes: ArrayBuffer): string {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url ECDSA P-256 / SHA-256 signature (r || s) of the text's UTF-8 bytes. */
export async function signText(pair: CryptoKeyPair, text: string): Promise<string> {
  return base64url(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, new TextEncoder().encode(text)));
}

/** SHA-256 of the text's UTF-8 bytes, hex: the queue key of a capture. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
