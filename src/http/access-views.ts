import type { AccessGrant, ApiToken, User } from '../access/index.js';

/*
 * JSON shapes of users, tokens and grants: ISO 8601 times, never a secret or a hash.
 */

const opt = <K extends string>(key: K, ms: number | undefined) => (ms === undefined ? {} : ({ [key]: new Date(ms).toISOString() } as Record<K, string>));

export function userView(u: User) {
  return { id: u.id, org: u.org, email: u.email, role: u.role, createdAt: new Date(u.createdAt).toISOString(), ...opt('disabledAt', u.disabledAt) };
}

export function tokenView(t: ApiToken) {
  return {
    id: t.id,
    org: t.org,
    ...(t.user ? { user: t.user } : {}),
    role: t.role,
    name: t.name,
    createdAt: new Date(t.createdAt).toISOString(),
    ...opt('expiresAt', t.expiresAt),
    ...opt('lastUsedAt', t.lastUsedAt),
    ...opt('revokedAt', t.revokedAt),
  };
}

export function grantView(g: AccessGrant) {
  return { id: g.id, from: g.grantor, to: g.grantee, createdAt: new Date(g.createdAt).toISOString(), ...opt('until', g.until), ...opt('revokedAt', g.revokedAt) };
}

const str = { type: 'string' } as const;
const time = { type: 'string', format: 'date-time' } as const;
const role = { type: 'string', enum: ['admin', 'operator', 'auditor', 'viewer'] } as const;

export const userSchema = {
  type: 'object',
  required: ['id', 'org', 'email', 'role', 'createdAt'],
  properties: { id: str, org: { type: ['string', 'null'] }, email: str, role, createdAt: time, disabledAt: time },
} as const;

export const tokenSchema = {
  type: 'object',
  required: ['id', 'org', 'role', 'name', 'createdAt'],
  properties: { id: str, org: str, user: str, role, name: str, createdAt: time, expiresAt: time, lastUsedAt: time, revokedAt: time },
} as const;

export const grantSchema = {
  type: 'object',
  required: ['id', 'from', 'to', 'createdAt'],
  properties: { id: str, from: str, to: str, createdAt: time, until: time, revokedAt: time },
} as const;

export const roleSchema = role;
