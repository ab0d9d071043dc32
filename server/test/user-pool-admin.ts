/**
 * The test servers' user pool as the users command reaches it, over the server's database: apart
 * from Amplify Auth, which a file that only invites people need not load.
 */
import { readConfig } from '../src/config.ts';
import { CrewDirectory } from '../src/crews/crew-directory.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { UserPoolAdmin } from '../src/user-pool/admin.ts';
import { UserPool } from '../src/user-pool/pool.ts';

export const POOL = readConfig({}, []).userPool;

/** The pool and the crews over the server's database from a second connection, as the users command opens them. */
export function openPool(dbPath: string): {
  pool: UserPool;
  admin: UserPoolAdmin;
  crews: CrewDirectory;
  close(): void;
} {
  const store = new SqliteStore(dbPath);
  const pool = new UserPool(
    store.database,
    POOL,
    () => '',
    () => Date.now(),
  );
  return { pool, admin: new UserPoolAdmin(pool), crews: new CrewDirectory(store), close: () => store.close() };
}
