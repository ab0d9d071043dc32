import { type CrewDirectory, crewGroupOf } from '../server/src/crews/crew-directory.ts';
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
  /** The ids of the crews a Crew user works in (made if the server has none of that id). */
  readonly crews?: readonly string[];
}

/** The office's account: the one that sets sites up (only Office may create them). */
export const OFFICE: CrewMember = {
  email: 'olivia.office@fieldbook.test',
  name: 'Olivia Office',
  group: 'Office',
  password: 'Office-desk-2026',
};

/** A member of the North crew, and one of South (the demo's crews, made if the server lacks them). */
export const NORTH_MEMBER: CrewMember = {
  email: 'nia.north@fieldbook.test',
  name: 'Nia North',
  group: 'Crew',
  password: 'Quarry-north-8',
  crews: ['north'],
};
export const SOUTH_MEMBER: CrewMember = {
  email: 'sol.south@fieldbook.test',
  name: 'Sol South',
  group: 'Crew',
  password: 'Dockside-south-3',
  crews: ['south'],
};

/** The users command's view of the pool and the crews, over a second connection to the server's database. */
export function withPoolAdmin<T>(
  dbPath: string,
  act: (admin: UserPoolAdmin, pool: UserPool, crews: CrewDirectory) => T,
): T {
  const { admin, pool, crews, close } = openPool(dbPath);
  try {
    return act(admin, pool, crews);
  } finally {
    close();
  }
}

/**
 * Invites `member` (as `npm run users -- add` does) and sets the password they would choose at their
 * first sign-in, so a test whose subject is not the invitation signs in once; then puts them in
 * their crews (`crew add`), making any crew the server lacks. A member already invited keeps their
 * password and joins any crew they are not in yet.
 */
export function addCrewMember(dbPath: string, member: CrewMember): void {
  withPoolAdmin(dbPath, (admin, pool, crews) => {
    if (!pool.users.byUsername(member.email)) {
      admin.add(member.email, member.name, member.group);
      const user = pool.users.byUsername(member.email);
      if (!user) throw new Error(`${member.email} was not added`);
      pool.users.setPassword(user.sub, pool.secretFor(user.username, member.password), null);
    }
    for (const crew of member.crews ?? []) {
      ensureCrew(crews, crew);
      admin.setInCrew(member.email, crewGroupOf(crew), true);
    }
  });
}

/** The name a test crew is made with: its id, capitalised ("north" is North). */
export const crewNameOf = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

/**
 * Makes crew `id` (`npm run users -- crew create`) unless the server has it. Make a crew before the
 * office's device starts if the office is to choose it on the site form: a crew made meanwhile
 * reaches devices at their next full sync, as one made with the users command would.
 */
export function addCrew(dbPath: string, id: string): void {
  withPoolAdmin(dbPath, (_admin, _pool, crews) => ensureCrew(crews, id));
}

function ensureCrew(crews: CrewDirectory, id: string): void {
  if (!crews.get(id)) crews.create(crewNameOf(id), id);
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
