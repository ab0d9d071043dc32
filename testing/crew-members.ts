import type { UserPoolAdmin } from '../server/src/user-pool/admin.ts';
import type { UserPool } from '../server/src/user-pool/pool.ts';
import type { Group } from '../server/src/user-pool/user-store.ts';
import { openPool } from '../server/test/user-pool-admin.ts';

/** A person with an account on a test server, and the password they chose at their first sign-in. */
export interface CrewMember {
  readonly email: string;
  readonly name: string;
  readonly group: Group;
  readonly password: string;
}

/** The office's account: the one that sets sites up (only Office may create them). */
export const OFFICE: CrewMember = {
  email: 'olivia.office@fieldbook.test',
  name: 'Olivia Office',
  group: 'Office',
  password: 'Office-desk-2026',
};

/** The users command's view of the pool, over a second connection to the server's database. */
export function withPoolAdmin<T>(dbPath: string, act: (admin: UserPoolAdmin, pool: UserPool) => T): T {
  const { admin, pool, close } = openPool(dbPath);
  try {
    return act(admin, pool);
  } finally {
    close();
  }
}

/**
 * Invites `member` (as `npm run users -- add` does) and sets the password they would choose at their
 * first sign-in, so a test whose subject is not the invitation signs in once. A member already
 * invited is left as they are.
 */
export function addCrewMember(dbPath: string, member: CrewMember): void {
  withPoolAdmin(dbPath, (admin, pool) => {
    if (pool.users.byUsername(member.email)) return;
    admin.add(member.email, member.name, member.group);
    const user = pool.users.byUsername(member.email);
    if (!user) throw new Error(`${member.email} was not added`);
    pool.users.setPassword(user.sub, pool.secretFor(user.username, member.password), null);
  });
}

// Amplify Auth in this process has one configuration: sign-ins to different servers take turns.
let signingIn: Promise<unknown> = Promise.resolve();
const accessTokens = new Map<string, Promise<string>>();

/**
 * `member`'s access token on the server at `url`, signed in with SRP by Amplify Auth in this
 * process once per server, as a script in the office would.
 */
export function accessTokenOf(server: { url: string; dbPath: string }, member: CrewMember = OFFICE): Promise<string> {
  const key = `${server.url} ${member.email}`;
  let token = accessTokens.get(key);
  if (!token) {
    token = signingIn.then(async () => {
      addCrewMember(server.dbPath, member);
      // Loaded at the first sign-in: most browser files never read the server as the office.
      const [{ fetchAuthSession, signIn }, { configureAuth }] = await Promise.all([
        import('aws-amplify/auth'),
        import('../server/test/user-pool-client.ts'),
      ]);
      await configureAuth(`${server.url}/`);
      await signIn({ username: member.email, password: member.password });
      const access = (await fetchAuthSession()).tokens?.accessToken.toString();
      if (!access) throw new Error(`${member.email} has no access token`);
      return access;
    });
    signingIn = token.catch(() => undefined);
    accessTokens.set(key, token);
  }
  return token;
}
