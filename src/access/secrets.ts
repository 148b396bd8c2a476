import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/*
 * Secrets are never stored: passwords as salted scrypt, API tokens and session ids as SHA-256 (they are
 * 256 random bits, so a fast hash is enough and lookups stay indexed).
 */

// One of OWASP's minimum scrypt settings (N=2^15, r=8, p=3: 32 MiB per hash); the parameters are kept in the hash.
const SCRYPT = { N: 2 ** 15, r: 8, p: 3, maxmem: 128 * 1024 * 1024 } as const;
const KEY_LEN = 32;

function scryptAsync(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, KEY_LEN, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash` (base64url), with a fresh 16-byte salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Compares in constant time; false for a malformed stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A password of 20 url-safe characters (120 bits), for bootstrap and `user add` without --password. */
export function randomPassword(): string {
  return randomBytes(15).toString('base64url');
}

/** A new API token `orp_<43 base64url chars>` (32 random bytes); only its hash is kept. */
export function newApiToken(): { token: string; hash: string } {
  const token = `orp_${randomBytes(32).toString('base64url')}`;
  return { token, hash: secretHash(token) };
}

/** SHA-256 hex of a bearer secret (token or session id): the form in which it is stored and looked up. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A random url-safe id with a readable prefix (`usr_...`, `tok_...`). */
export function newId(prefix: string, bytes = 9): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/** A random opaque value (session ids, CSRF tokens): 32 bytes, base64url. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time equality of two strings (CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A short public verification code: 10 url-safe characters (60 bits), hard to guess, short enough to print as a QR code. */
export function newDisclosureCode(): string {
  return randomBytes(8).toString('base64url').slice(0, 10);
}
