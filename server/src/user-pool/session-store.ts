import { createHash, randomBytes, randomUUID } from 'node:crypto';

import type Database from 'better-sqlite3';

/** One sign-in: the `origin_jti` every token it yields carries, and what revokes them together. */
export interface PoolSession {
  originJti: string;
  sub: string;
  clientId: string;
  /** Seconds since the epoch (the tokens' `auth_time`). */
  authTime: number;
  revoked: boolean;
}

export type RefreshLookup =
  | { state: 'unknown' }
  | { state: 'expired' | 'revoked' | 'replaced'; session: PoolSession }
  | { state: 'valid'; session: PoolSession; tokenHash: string };

/** Refresh tokens are kept only as their SHA-256: a copy of the database cannot be used to sign in. */
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

interface SessionRow {
  origin_jti: string;
  sub: string;
  client_id: string;
  auth_time: number;
  revoked_at: number | null;
}

const toSession = (row: SessionRow): PoolSession => ({
  originJti: row.origin_jti,
  sub: row.sub,
  clientId: row.client_id,
  authTime: row.auth_time,
  revoked: row.revoked_at !== null,
});

/** Sign-in sessions and their refresh tokens, in SQLite. */
export class SessionStore {
  constructor(private readonly db: Database.Database) {}

  start(sub: string, clientId: string, now: number): PoolSession {
    const session = { originJti: randomUUID(), sub, clientId, authTime: Math.floor(now / 1000), revoked: false };
    this.db
      .prepare('INSERT INTO pool_sessions (origin_jti, sub, client_id, auth_time) VALUES (?, ?, ?, ?)')
      .run(session.originJti, sub, clientId, session.authTime);
    return session;
  }

  get(originJti: string): PoolSession | undefined {
    const row = this.db.prepare('SELECT * FROM pool_sessions WHERE origin_jti = ?').get(originJti);
    return row ? toSession(row as SessionRow) : undefined;
  }

  /** A new opaque refresh token of the session; only its hash is stored. */
  issueRefreshToken(originJti: string, expiresAt: number): string {
    const token = randomBytes(48).toString('base64url');
    this.db
      .prepare('INSERT INTO pool_refresh_tokens (token_hash, origin_jti, expires_at) VALUES (?, ?, ?)')
      .run(hashOf(token), originJti, expiresAt);
    return token;
  }

  /** The token's session and state; a replaced token stays valid until `graceMs` after its rotation. */
  lookupRefreshToken(token: string, now: number, graceMs: number): RefreshLookup {
    const tokenHash = hashOf(token);
    const row = this.db
      .prepare(
        `SELECT t.expires_at, t.replaced_at, s.* FROM pool_refresh_tokens t
         JOIN pool_sessions s ON s.origin_jti = t.origin_jti WHERE t.token_hash = ?`,
      )
      .get(tokenHash) as (SessionRow & { expires_at: number; replaced_at: number | null }) | undefined;
    if (!row) return { state: 'unknown' };
    const session = toSession(row);
    if (session.revoked) return { state: 'revoked', session };
    if (row.expires_at <= now) return { state: 'expired', session };
    if (row.replaced_at !== null && row.replaced_at + graceMs <= now) return { state: 'replaced', session };
    return { state: 'valid', session, tokenHash };
  }

  /** Marks a token rotated out (the first rotation's time counts; a retry in the grace period keeps it). */
  markReplaced(tokenHash: string, now: number): void {
    this.db
      .prepare('UPDATE pool_refresh_tokens SET replaced_at = coalesce(replaced_at, ?) WHERE token_hash = ?')
      .run(now, tokenHash);
  }

  revoke(originJti: string, now: number): void {
    this.db
      .prepare('UPDATE pool_sessions SET revoked_at = ? WHERE origin_jti = ? AND revoked_at IS NULL')
      .run(now, originJti);
  }

  /** Revokes every session of the user; returns how many were still open. */
  revokeAll(sub: string, now: number): number {
    return this.db.prepare('UPDATE pool_sessions SET revoked_at = ? WHERE sub = ? AND revoked_at IS NULL').run(now, sub)
      .changes;
  }

  /** Forgets tokens expired before `before` (their sessions stay, revoked or not, for the record). */
  sweep(before: number): void {
    this.db.prepare('DELETE FROM pool_refresh_tokens WHERE expires_at < ?').run(before);
  }
}
