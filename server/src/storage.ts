import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Route } from './http/http-app.ts';
import { createIdentityHandler, IDENTITY_PATH, type VerifiedLogin } from './identity/identity-handler.ts';
import { IdentityStore } from './identity/identity-store.ts';
import type { Limits } from './limits.ts';
import { objectsDirFor, ObjectStore } from './objects/object-store.ts';
import { createS3Handler, S3_PATH_PREFIX } from './objects/s3-handler.ts';
import type { SqliteStore } from './store/sqlite-store.ts';

export interface StorageOptions {
  bucket: string;
  identityPoolId: string;
  /** Whether the identity pool gives guests credentials. */
  allowGuests: boolean;
  /** The user-pool login a `Logins` map proves (see IdentityHandlerOptions). */
  verifyLogin(logins: Record<string, string>): VerifiedLogin | undefined;
  limits: Limits;
  corsOrigins: readonly string[];
  reset: boolean;
}

/**
 * Photos and the identities that may store them: the S3 subset at /s3 and the Cognito
 * Identity subset at /cognito-identity, both in the store's database, with object files in the
 * folder beside it.
 */
export function openStorage(store: SqliteStore, dbPath: string, options: StorageOptions) {
  const dir =
    dbPath === ':memory:' ? join(mkdtempSync(join(tmpdir(), 'fieldbook-')), 'objects') : objectsDirFor(dbPath);
  if (options.reset) rmSync(dir, { recursive: true, force: true });
  const now = () => Date.now();
  const objects = new ObjectStore(store.database, dir, now);
  objects.open();
  objects.sweep();
  const identities = new IdentityStore(store.database);
  const routes: Route[] = [
    {
      prefix: S3_PATH_PREFIX,
      handle: createS3Handler({
        bucket: options.bucket,
        store: objects,
        maxObjectBytes: options.limits.maxObjectBytes,
        credentials: (accessKeyId) => identities.credentials(accessKeyId),
        corsOrigins: options.corsOrigins,
        now,
      }),
    },
    {
      prefix: IDENTITY_PATH,
      handle: createIdentityHandler({
        identities,
        identityPoolId: options.identityPoolId,
        allowGuests: options.allowGuests,
        verifyLogin: options.verifyLogin,
        credentialLifetimeSeconds: options.limits.credentialLifetimeSeconds,
        corsOrigins: options.corsOrigins,
        now,
      }),
    },
  ];
  return { routes, sweep: () => objects.sweep() };
}
