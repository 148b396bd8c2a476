import type { UserRole } from './roles.js';

/** A person who logs in. `org` is null only for the platform administrator. */
export interface User {
  id: string;
  org: string | null;
  email: string;
  role: UserRole;
  createdAt: number;
  disabledAt?: number;
}

/** An API token as listed (never the token itself). */
export interface ApiToken {
  id: string;
  org: string;
  user?: string;
  role: UserRole;
  name: string;
  createdAt: number;
  expiresAt?: number;
  lastUsedAt?: number;
  revokedAt?: number;
}

/** `grantor` lets `grantee` (typically an auditor) see what it sees of its own events and lots. */
export interface AccessGrant {
  id: string;
  grantor: string;
  grantee: string;
  createdAt: number;
  until?: number;
  revokedAt?: number;
}

/** A web session; only the hash of its id is stored. */
export interface Session {
  user: string;
  csrf: string;
  createdAt: number;
  expiresAt: number;
}
