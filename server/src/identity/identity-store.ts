import { randomBytes, randomUUID } from 'node:crypto';

import type Database from 'better-sqlite3';

import { EXPIRED_CREDENTIAL_KEEP_MS } from '../limits.ts';
import type { RoleSession } from './role-mapping.ts';

/** Temporary credentials as issued, and as the S3 subset looks them up to verify a signature. */
export interface IssuedCredentials extends RoleSession {
  accessKeyId: string;
  secretKey: string;
  sessionToken: string;
  identityId: string;
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

  /** Fresh credentials for the identity, for a role and its tags; credentials that expired a day ago are forgotten. */
  issueCredentials(identityId: string, session: RoleSession, lifetimeMs: number, now: number): IssuedCredentials {
    const issued: IssuedCredentials = {
      accessKeyId: accessKeyId(),
      secretKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      identityId,
      role: session.role,
      tags: session.tags,
      expiresAt: now + lifetimeMs,
    };
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM identity_credentials WHERE expires_at < ?').run(now - EXPIRED_CREDENTIAL_KEEP_MS);
      this.db
        .prepare(
          `INSERT INTO identity_credentials
             (access_key_id, secret_key, session_token, identity_id, expires_at, role, principal_tags)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          issued.accessKeyId,
          issued.secretKey,
          issued.sessionToken,
          issued.identityId,
          issued.expiresAt,
          issued.role,
          JSON.stringify(issued.tags),
        );
    })();
    return issued;
  }

  credentials(accessKeyId: string): IssuedCredentials | undefined {
    const row = this.db
      .prepare(
        `SELECT access_key_id AS accessKeyId, secret_key AS secretKey, session_token AS sessionToken,
                identity_id AS identityId, expires_at AS expiresAt, role, principal_tags AS tags,
                EXISTS (SELECT 1 FROM identity_logins l WHERE l.identity_id = c.identity_id) AS signedIn
         FROM identity_credentials c WHERE access_key_id = ?`,
      )
      .get(accessKeyId) as
      (Omit<IssuedCredentials, 'role' | 'tags'> & { role: string; tags: string; signedIn: number }) | undefined;
    if (!row) return undefined;
    const { signedIn, role, tags, ...credentials } = row;
    // Credentials issued before roles were kept: a guest's, or the authenticated role's.
    const fallback = signedIn === 1 ? 'authenticated' : 'guests';
    return {
      ...credentials,
      role: (role || fallback) as IssuedCredentials['role'],
      tags: JSON.parse(tags) as Record<string, string>,
    };
  }
}
