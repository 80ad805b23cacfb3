import type { OidLike, User } from './types';

/** The plain id string of an `_id` in Oakestra's `{"$oid": …}` form (or already plain). */
export function oid(id: OidLike | null | undefined): string {
  if (id == null) return '';
  return typeof id === 'string' ? id : id.$oid;
}

/** Role names of a user, whether the API sends strings or `{name}` objects. */
export function roleNames(roles: User['roles']): string[] {
  return (roles ?? []).map((r) => (typeof r === 'string' ? r : r.name));
}
