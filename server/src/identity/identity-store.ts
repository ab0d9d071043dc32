import { randomBytes, randomUUID } from 'node:crypto';

import type Database from 'better-sqlite3';

import { EXPIRED_CREDENTIAL_KEEP_MS } from '../limits.ts';

/** Temporary credentials as issued, and as the S3 subset looks them up to verify a signature. */
export interface IssuedCredentials {
  accessKeyId: string;
  secretKey: string;
  sessionToken: string;
  identityId: string;
  /** Whether the identity is a signed-in user's (the pool's authenticated role) rather than a guest's. */
  authenticated: boolean;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

const ACCESS_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `ASIA` and 16 characters, the shape of STS temporary access key ids. */
function accessKeyId(): string {
  let id = 'ASIA';
  for (const byte of randomBytes(16)) id += ACCESS_KEY_ALPHABET[byte & 31];
  return id;
}

/** Guest identities of the configured identity pool and their temporary credentials, in SQLite. */
export class IdentityStore {
  constructor(private readonly db: Database.Database) {}

  /** A new identity `<region>:<uuid>`, as Cognito makes for each GetId without logins. */
  createIdentity(poolId: string, now: number): string {
    const [region] = poolId.split(':', 1) as [string];
    const identityId = `${region}:${randomUUID()}`;
    this.db
      .prepare('INSERT INTO identities (identity_id, pool_id, created_at) VALUES (?, ?, ?)')
      .run(identityId, poolId, now);
    return identityId;
  }

  /**
   * The identity of a signed-in user's login, the same ever after: made at their first GetId, or the
   * guest identity they signed in on (Cognito links the login to it), unless the login has one.
   */
  identityForLogin(poolId: string, login: string, now: number, guest?: string): string {
    return this.db.transaction(() => {
      const known = this.db.prepare('SELECT identity_id FROM identity_logins WHERE login = ?').get(login) as
        { identity_id: string } | undefined;
      if (known) return known.identity_id;
      const identityId = guest ?? this.createIdentity(poolId, now);
      this.db.prepare('INSERT INTO identity_logins (login, identity_id) VALUES (?, ?)').run(login, identityId);
      return identityId;
    })();
  }

  /** The login an identity belongs to; undefined for a guest's. */
  loginOf(identityId: string): string | undefined {
    const row = this.db.prepare('SELECT login FROM identity_logins WHERE identity_id = ?').get(identityId) as
      { login: string } | undefined;
    return row?.login;
  }

  poolOf(identityId: string): string | undefined {
    const row = this.db.prepare('SELECT pool_id FROM identities WHERE identity_id = ?').get(identityId) as
      { pool_id: string } | undefined;
    return row?.pool_id;
  }

  /** Fresh credentials for the identity; credentials that expired a day ago are forgotten. */
  issueCredentials(identityId: string, lifetimeMs: number, now: number): IssuedCredentials {
    const issued: IssuedCredentials = {
      accessKeyId: accessKeyId(),
      secretKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      identityId,
      authenticated: this.loginOf(identityId) !== undefined,
      expiresAt: now + lifetimeMs,
    };
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM identity_credentials WHERE expires_at < ?').run(now - EXPIRED_CREDENTIAL_KEEP_MS);
      this.db
        .prepare(
          `INSERT INTO identity_credentials (access_key_id, secret_key, session_token, identity_id, expires_at)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(issued.accessKeyId, issued.secretKey, issued.sessionToken, issued.identityId, issued.expiresAt);
    })();
    return issued;
  }

  credentials(accessKeyId: string): IssuedCredentials | undefined {
    const row = this.db
      .prepare(
        `SELECT access_key_id AS accessKeyId, secret_key AS secretKey, session_token AS sessionToken,
                identity_id AS identityId, expires_at AS expiresAt,
                EXISTS (SELECT 1 FROM identity_logins l WHERE l.identity_id = c.identity_id) AS authenticated
         FROM identity_credentials c WHERE access_key_id = ?`,
      )
      .get(accessKeyId) as (Omit<IssuedCredentials, 'authenticated'> & { authenticated: number }) | undefined;
    return row && { ...row, authenticated: row.authenticated === 1 };
  }
}
