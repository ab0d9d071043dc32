/** What a person may do, from their user pool groups (the permission table in the README). */
export type Role = 'Office' | 'Crew' | 'Viewer';

/** The signed-in person, as their ID token names them. */
export interface AccountUser {
  /** The user pool's id for the person; never changes. */
  readonly sub: string;
  readonly username: string;
  /** Their name if the pool holds one, else their email or username. */
  readonly name: string;
  readonly email: string;
  readonly groups: readonly string[];
  /** null: in none of the crew groups (signed in, but may do nothing). */
  readonly role: Role | null;
}

/** The strongest of a person's groups wins: an Office user who is also in Crew is Office. */
const ROLES_STRONGEST_FIRST: readonly Role[] = ['Office', 'Crew', 'Viewer'];

export function roleFromGroups(groups: readonly string[]): Role | null {
  return ROLES_STRONGEST_FIRST.find((role) => groups.includes(role)) ?? null;
}

/** The person an ID token's claims name; null when the claims lack an id or a username. */
export function userFromClaims(claims: Readonly<Record<string, unknown>>): AccountUser | null {
  const text = (key: string): string => (typeof claims[key] === 'string' ? claims[key] : '');
  const sub = text('sub');
  const username = text('cognito:username') || text('username');
  if (!sub || !username) return null;
  const rawGroups = claims['cognito:groups'];
  const groups = Array.isArray(rawGroups) ? rawGroups.filter((group) => typeof group === 'string') : [];
  const email = text('email');
  return { sub, username, name: text('name') || email || username, email, groups, role: roleFromGroups(groups) };
}

/** Reads a remembered user back; anything else (an older shape, edited storage) is no user. */
export function parseStoredUser(raw: string | null): AccountUser | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<AccountUser>;
    if (typeof value.sub !== 'string' || typeof value.username !== 'string') return null;
    const groups = Array.isArray(value.groups) ? value.groups.filter((group) => typeof group === 'string') : [];
    return {
      sub: value.sub,
      username: value.username,
      name: typeof value.name === 'string' ? value.name : value.username,
      email: typeof value.email === 'string' ? value.email : '',
      groups,
      role: roleFromGroups(groups),
    };
  } catch {
    return null;
  }
}
