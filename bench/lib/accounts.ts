import { Amplify, type ResourcesConfig } from 'aws-amplify';
import { signIn } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';

import { readConfig } from '../../server/src/config.ts';
import { addCrewMember, type CrewMember, OFFICE } from '../../testing/crew-members.ts';

const POOL = readConfig({}, []).userPool;

/** A server as the benchmarks reach it: its address, and an Office user's access token for every request. */
export interface BenchServer {
  readonly url: string;
  readonly authorization: string;
}

/** What Amplify Auth keeps after one sign-in: its storage keys and values, as a browser holds them in localStorage. */
export type StoredSession = Readonly<Record<string, string>>;

// Amplify Auth in this process has one configuration and one token storage: sign-ins take turns.
let signingIn: Promise<unknown> = Promise.resolve();
let storage = new Map<string, string>();

/** What else Amplify is configured with beside the user pool: the identity pool and Storage, for uploads. */
export interface MoreResources {
  readonly identityPool?: { readonly id: string; readonly endpoint: string };
  readonly storage?: ResourcesConfig['Storage'];
}

/** Amplify Auth pointed at the server's user pool, keeping its tokens in `storage`. */
function configureBenchAuth(url: string, { identityPool, storage: s3 }: MoreResources): void {
  const cognito = {
    userPoolId: POOL.poolId,
    userPoolClientId: POOL.clientId,
    userPoolEndpoint: `${url}/cognito-idp`,
    ...(identityPool && {
      identityPoolId: identityPool.id,
      identityPoolEndpoint: identityPool.endpoint,
      allowGuestAccess: false,
    }),
  };
  Amplify.configure({
    // User pool, or with the identity pool too: Amplify's types name each combination separately.
    Auth: { Cognito: cognito } as ResourcesConfig['Auth'],
    ...(s3 && { Storage: s3 }),
  });
  // Every configure puts Amplify's default token storage back.
  cognitoUserPoolsTokenProvider.setKeyValueStorage({
    setItem: async (key, value) => void storage.set(key, value),
    getItem: async (key) => storage.get(key) ?? null,
    removeItem: async (key) => void storage.delete(key),
    clear: async () => storage.clear(),
  });
}

/**
 * One SRP sign-in of `member` with Amplify Auth's own client (InitiateAuth USER_SRP_AUTH, then
 * RespondToAuthChallenge PASSWORD_VERIFIER), starting from empty token storage: without a sign-out,
 * so the server sees the two sign-in requests and nothing else.
 */
export async function srpSignIn(member: CrewMember): Promise<StoredSession> {
  storage = new Map();
  const { nextStep } = await signIn({ username: member.email, password: member.password });
  if (nextStep.signInStep !== 'DONE') throw new Error(`${member.email}: sign-in stopped at ${nextStep.signInStep}`);
  return Object.fromEntries(storage);
}

/**
 * A fresh sign-in of `member` (the office unless said) on the server at `url`, invited over its
 * database first: the tokens a device would keep, each device its own (refresh tokens rotate).
 */
export function signInSession(
  server: { url: string; dbPath: string },
  member: CrewMember = OFFICE,
): Promise<StoredSession> {
  return withBenchAuth(server, member, () => srpSignIn(member));
}

/**
 * Runs `work` with Amplify in this process pointed at the server's user pool (and `more`),
 * `member` invited, and no other sign-in of this process in between.
 */
export function withBenchAuth<T>(
  server: { url: string; dbPath: string },
  member: CrewMember,
  work: () => Promise<T>,
  more: MoreResources = {},
): Promise<T> {
  const done = signingIn.then(() => {
    addCrewMember(server.dbPath, member);
    configureBenchAuth(server.url, more);
    return work();
  });
  signingIn = done.catch(() => undefined);
  return done;
}

/** The access token of a stored session. */
export function accessTokenIn(session: StoredSession): string {
  const token = Object.entries(session).find(([key]) => key.endsWith('.accessToken'))?.[1];
  if (!token) throw new Error('the sign-in kept no access token');
  return token;
}

/** The server and the Office user's access token, signed in once, before anything is timed. */
export async function benchServer(server: { url: string; dbPath: string }): Promise<BenchServer> {
  return { url: server.url, authorization: accessTokenIn(await signInSession(server)) };
}
