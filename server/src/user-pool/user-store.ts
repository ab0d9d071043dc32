import { randomUUID } from 'node:crypto';

import type Database from 'better-sqlite3';

import type { SrpSecret } from './srp.ts';

export const GROUPS = ['Office', 'Crew', 'Viewer'] as const;
export type Group = (typeof GROUPS)[number];

/** FORCE_CHANGE_PASSWORD until an invited user sets their own password, as in Cognito. */
export type UserStatus = 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED';

export interface PoolUser {
  sub: string;
  /** The email address, lower-cased: Cognito's usernames are case-insensitive. */
  username: string;
  name: string;
  group: Group;
  enabled: boolean;
  status: UserStatus;
  secret: SrpSecret;
  temporaryPasswordExpiresAt: number | null;
  wipeRequestedAt: number | null;
  createdAt: number;
}

interface UserRow {
  sub: string;
  username: string;
  name: string;
  user_group: Group;
  enabled: number;
  status: UserStatus;
  srp_salt: string;
  srp_verifier: string;
  temporary_password_expires_at: number | null;
  wipe_requested_at: number | null;
  created_at: number;
}

const toUser = (row: UserRow): PoolUser => ({
  sub: row.sub,
  username: row.username,
  name: row.name,
  group: row.user_group,
  enabled: row.enabled === 1,
  status: row.status,
  secret: { salt: row.srp_salt, verifier: row.srp_verifier },
  temporaryPasswordExpiresAt: row.temporary_password_expires_at,
  wipeRequestedAt: row.wipe_requested_at,
  createdAt: row.created_at,
});

export const normalizeUsername = (username: string) => username.trim().toLowerCase();

/** The pool's users in SQLite. */
export class UserStore {
  constructor(private readonly db: Database.Database) {}

  add(user: Omit<PoolUser, 'sub' | 'enabled' | 'wipeRequestedAt'>): PoolUser {
    const sub = randomUUID();
    this.db
      .prepare(
        `INSERT INTO pool_users (sub, username, name, user_group, enabled, status, srp_salt, srp_verifier,
           temporary_password_expires_at, created_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
      )
      .run(
        sub,
        user.username,
        user.name,
        user.group,
        user.status,
        user.secret.salt,
        user.secret.verifier,
        user.temporaryPasswordExpiresAt,
        user.createdAt,
      );
    return { ...user, sub, enabled: true, wipeRequestedAt: null };
  }

  byUsername(username: string): PoolUser | undefined {
    const row = this.db.prepare('SELECT * FROM pool_users WHERE username = ?').get(normalizeUsername(username));
    return row ? toUser(row as UserRow) : undefined;
  }

  bySub(sub: string): PoolUser | undefined {
    const row = this.db.prepare('SELECT * FROM pool_users WHERE sub = ?').get(sub);
    return row ? toUser(row as UserRow) : undefined;
  }

  list(): PoolUser[] {
    return (this.db.prepare('SELECT * FROM pool_users ORDER BY username').all() as UserRow[]).map(toUser);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM pool_users').get() as { n: number }).n;
  }

  setGroup(sub: string, group: Group): void {
    this.db.prepare('UPDATE pool_users SET user_group = ? WHERE sub = ?').run(group, sub);
  }

  setEnabled(sub: string, enabled: boolean): void {
    this.db.prepare('UPDATE pool_users SET enabled = ? WHERE sub = ?').run(enabled ? 1 : 0, sub);
  }

  /** A new password's salt and verifier; a temporary one carries its expiry and FORCE_CHANGE_PASSWORD. */
  setPassword(sub: string, secret: SrpSecret, temporaryExpiresAt: number | null): void {
    this.db
      .prepare(
        `UPDATE pool_users SET srp_salt = ?, srp_verifier = ?, status = ?, temporary_password_expires_at = ?
         WHERE sub = ?`,
      )
      .run(
        secret.salt,
        secret.verifier,
        temporaryExpiresAt === null ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD',
        temporaryExpiresAt,
        sub,
      );
  }

  /** The groups the user is in beside their role (their crews'), in the order they joined. */
  extraGroupsOf(sub: string): string[] {
    const rows = this.db.prepare('SELECT group_name FROM pool_user_groups WHERE sub = ? ORDER BY rowid').all(sub);
    return (rows as { group_name: string }[]).map((row) => row.group_name);
  }

  /** The subs of the users in a group beside their role. */
  membersOf(group: string): string[] {
    const rows = this.db.prepare('SELECT sub FROM pool_user_groups WHERE group_name = ? ORDER BY rowid').all(group);
    return (rows as { sub: string }[]).map((row) => row.sub);
  }

  /** Cognito's AdminAddUserToGroup / AdminRemoveUserFromGroup for the groups beside the role. */
  setInGroup(sub: string, group: string, member: boolean): void {
    this.db
      .prepare(
        member
          ? 'INSERT OR IGNORE INTO pool_user_groups (sub, group_name) VALUES (?, ?)'
          : 'DELETE FROM pool_user_groups WHERE sub = ? AND group_name = ?',
      )
      .run(sub, group);
  }

  markWipe(sub: string, now: number): void {
    this.db.prepare('UPDATE pool_users SET wipe_requested_at = ? WHERE sub = ?').run(now, sub);
  }
}
