import type Database from 'better-sqlite3';

/**
 * The database's schema, one step per version: `PRAGMA user_version` says how many steps a file has
 * had, and opening it runs the rest, each in its own transaction. Steps are only ever appended.
 * The first uses IF NOT EXISTS because databases made before this list have version 0 and its tables.
 */
const STEPS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS records (
     model TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
     last_changed_at INTEGER NOT NULL, deleted INTEGER NOT NULL, seq INTEGER NOT NULL,
     data TEXT NOT NULL, PRIMARY KEY (model, id));
   CREATE UNIQUE INDEX IF NOT EXISTS records_by_seq ON records (model, seq);
   CREATE INDEX IF NOT EXISTS records_by_change ON records (model, last_changed_at);
   CREATE TABLE IF NOT EXISTS record_versions (
     model TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
     last_changed_at INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (model, id, version));`,
  // Stored objects (S3 subset): bytes in files beside the database, named by `file`.
  `CREATE TABLE objects (
     bucket TEXT NOT NULL, key TEXT NOT NULL, file TEXT NOT NULL, size INTEGER NOT NULL,
     etag TEXT NOT NULL, last_modified INTEGER NOT NULL, headers TEXT NOT NULL, owner TEXT NOT NULL,
     PRIMARY KEY (bucket, key));
   CREATE TABLE object_uploads (
     upload_id TEXT PRIMARY KEY, bucket TEXT NOT NULL, key TEXT NOT NULL, owner TEXT NOT NULL,
     headers TEXT NOT NULL, initiated INTEGER NOT NULL);
   CREATE TABLE object_parts (
     upload_id TEXT NOT NULL, part_number INTEGER NOT NULL, file TEXT NOT NULL, size INTEGER NOT NULL,
     etag TEXT NOT NULL, last_modified INTEGER NOT NULL, PRIMARY KEY (upload_id, part_number));
   CREATE TABLE object_file_garbage (file TEXT PRIMARY KEY, since INTEGER NOT NULL);`,
  // Guest identities and the temporary credentials issued to them (Cognito Identity subset).
  `CREATE TABLE identities (identity_id TEXT PRIMARY KEY, pool_id TEXT NOT NULL, created_at INTEGER NOT NULL);
   CREATE TABLE identity_credentials (
     access_key_id TEXT PRIMARY KEY, secret_key TEXT NOT NULL, session_token TEXT NOT NULL,
     identity_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
   CREATE INDEX identity_credentials_by_expiry ON identity_credentials (expires_at);`,
  // The user pool (Cognito subset): users with their SRP salt and verifier (never a password), the
  // sign-in sessions refresh tokens belong to, refresh tokens by their SHA-256, and signing keys.
  `CREATE TABLE pool_users (
     sub TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, name TEXT NOT NULL, user_group TEXT NOT NULL,
     enabled INTEGER NOT NULL, status TEXT NOT NULL, srp_salt TEXT NOT NULL, srp_verifier TEXT NOT NULL,
     temporary_password_expires_at INTEGER, wipe_requested_at INTEGER, created_at INTEGER NOT NULL);
   CREATE TABLE pool_sessions (
     origin_jti TEXT PRIMARY KEY, sub TEXT NOT NULL, client_id TEXT NOT NULL, auth_time INTEGER NOT NULL,
     revoked_at INTEGER);
   CREATE INDEX pool_sessions_by_user ON pool_sessions (sub);
   CREATE TABLE pool_refresh_tokens (
     token_hash TEXT PRIMARY KEY, origin_jti TEXT NOT NULL, expires_at INTEGER NOT NULL, replaced_at INTEGER);
   CREATE INDEX pool_refresh_tokens_by_session ON pool_refresh_tokens (origin_jti);
   CREATE TABLE pool_keys (kid TEXT PRIMARY KEY, private_key TEXT NOT NULL, created_at INTEGER NOT NULL);`,
  // Identities of signed-in users: one per user-pool login (`<provider>:<sub>`), as Cognito keeps it.
  `CREATE TABLE identity_logins (login TEXT PRIMARY KEY, identity_id TEXT NOT NULL UNIQUE);`,
  // Cognito groups a user is in beside their role: one per crew they work in (`crew-<crew id>`).
  `CREATE TABLE pool_user_groups (sub TEXT NOT NULL, group_name TEXT NOT NULL, PRIMARY KEY (sub, group_name));
   CREATE INDEX pool_user_groups_by_group ON pool_user_groups (group_name);`,
  // The role and principal tags each set of credentials was issued for (empty for those from before:
  // a guest's or the authenticated role's, untagged).
  `ALTER TABLE identity_credentials ADD COLUMN role TEXT NOT NULL DEFAULT '';
   ALTER TABLE identity_credentials ADD COLUMN principal_tags TEXT NOT NULL DEFAULT '{}';`,
  // The `_version` the write that made each version was sent with (null: none was sent, or the
  // version is older than this column), so a resent write is told from another with equal values.
  `ALTER TABLE record_versions ADD COLUMN based_on INTEGER;`,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > STEPS.length) {
    throw new Error(`the database has schema version ${current}; this server knows up to ${STEPS.length}`);
  }
  STEPS.slice(current).forEach((step, index) => {
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${current + index + 1}`);
    }).immediate();
  });
}
