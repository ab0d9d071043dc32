/** `npm run users -- <command>`: the user pool's administration, on the server's database (FIELDBOOK_DB). */
import { readConfig } from './config.ts';
import { CrewDirectory } from './crews/crew-directory.ts';
import { SqliteStore } from './store/sqlite-store.ts';
import { UserPoolAdmin } from './user-pool/admin.ts';
import { UserPool } from './user-pool/pool.ts';
import { usersCommand } from './user-pool/users-command.ts';

const config = readConfig(process.env, []);
const store = new SqliteStore(config.dbPath);
// The issuer only matters for tokens, which this command never issues.
const pool = new UserPool(
  store.database,
  config.userPool,
  () => '',
  () => Date.now(),
);
const { output, code } = usersCommand(new UserPoolAdmin(pool), new CrewDirectory(store), process.argv.slice(2));
store.close();
(code === 0 ? console.log : console.error)(output);
process.exitCode = code;
