/** Table types of migration 0003_access (kept apart from schema.ts; stores use `kysely.withTables<AccessTables>()`). */

export interface UsersTable {
  id: string;
  org_id: string | null;
  email: string;
  password_hash: string;
  role: string;
  created_at: number;
  disabled_at: number | null;
}

export interface ApiTokensTable {
  id: string;
  token_hash: string;
  org_id: string;
  user_id: string | null;
  role: string;
  name: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface AccessGrantsTable {
  id: string;
  grantor_org: string;
  grantee_org: string;
  created_at: number;
  until: number | null;
  revoked_at: number | null;
}

export interface DisclosuresTable {
  code: string;
  lot_id: string;
  fields: string; // JSON array of disclosed field names
  org_id: string;
  created_by: string;
  created_at: number;
  revoked_at: number | null;
}

/** The event-party index of migration 0002_event_index: every event's recorder and source/destination parties. */
export interface EventPartiesTable {
  party: string;
  seq: number;
}

// A type alias, not an interface, so it satisfies Kysely's `withTables` constraint.
export type AccessTables = {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  access_grants: AccessGrantsTable;
  disclosures: DisclosuresTable;
  event_parties: EventPartiesTable;
};
