/** What a user or token may do (docs/api.md): viewers and auditors read, operators also write, admins also manage access. */
export const USER_ROLES = ['admin', 'operator', 'auditor', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Narrows a string to a role. */
export function isUserRole(v: string): v is UserRole {
  return (USER_ROLES as readonly string[]).includes(v);
}

/** Roles that may write to the ledger (capture, import). */
export const WRITER_ROLES: readonly UserRole[] = ['admin', 'operator'];

/** Roles that may check the ledger's integrity. */
export const VERIFIER_ROLES: readonly UserRole[] = ['admin', 'auditor'];

// A token made by a user may not carry more authority than the user; auditor and operator are not comparable.
const WITHIN: Record<UserRole, readonly UserRole[]> = {
  admin: USER_ROLES,
  operator: ['operator', 'viewer'],
  auditor: ['auditor', 'viewer'],
  viewer: ['viewer'],
};

/** True when a holder of `holder` may hand out `granted` (to a token). */
export function roleWithin(granted: UserRole, holder: UserRole): boolean {
  return WITHIN[holder].includes(granted);
}
