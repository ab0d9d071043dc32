/**
 * Amplify Auth in Node against a test server's user pool, with its tokens in a map the test can read,
 * plus raw cognito-idp calls and invitations made as the users command makes them.
 */
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';

import { DEFAULT_IDENTITY_POOL_ID } from '../src/config.ts';
import type { Group } from '../src/user-pool/user-store.ts';
import { openPool, POOL } from './user-pool-admin.ts';

export { openPool, POOL };

const tokens = new Map<string, string>();

const userPoolOf = (serverUrl: string) => ({
  userPoolId: POOL.poolId,
  userPoolClientId: POOL.clientId,
  userPoolEndpoint: `${serverUrl}cognito-idp`,
});

/** Amplify Auth pointed at the server's `/cognito-idp`, signed out, with empty token storage. */
export async function configureAuth(serverUrl: string): Promise<void> {
  Amplify.configure({ Auth: { Cognito: userPoolOf(serverUrl) } });
  cognitoUserPoolsTokenProvider.setKeyValueStorage({
    setItem: async (key, value) => void tokens.set(key, value),
    getItem: async (key) => tokens.get(key) ?? null,
    removeItem: async (key) => void tokens.delete(key),
    clear: async () => tokens.clear(),
  });
  await signOut().catch(() => undefined);
  tokens.clear();
}

/**
 * Amplify Auth with the server's user pool and identity pool, as the app configures it (signed out),
 * and Amplify Storage with its bucket when `bucket` is given.
 */
export async function configureIdentityPool(
  serverUrl: string,
  allowGuestAccess: boolean,
  bucket?: { name: string; region: string },
): Promise<void> {
  await configureAuth(serverUrl);
  Amplify.configure({
    Auth: {
      Cognito: {
        ...userPoolOf(serverUrl),
        identityPoolId: DEFAULT_IDENTITY_POOL_ID,
        identityPoolEndpoint: `${serverUrl}cognito-identity`,
        allowGuestAccess,
      },
    },
    ...(bucket && {
      Storage: {
        S3: {
          bucket: bucket.name,
          region: bucket.region,
          dangerouslyConnectToHttpEndpointForTesting: `${serverUrl}s3`,
        },
      },
    }),
  });
}

/** The refresh token Amplify holds now, if it holds one. */
export function heldRefreshToken(): string | undefined {
  return [...tokens].find(([key]) => key.endsWith('.refreshToken'))?.[1];
}

/** Drops Amplify's tokens without telling the server, as a device that is wiped or lost does. */
export const forgetTokens = () => tokens.clear();

/** Every token Amplify holds (to look for them where they must not be). */
export const heldTokens = (): string[] => [...tokens].filter(([key]) => /Token$/.test(key)).map(([, v]) => v);

/** One cognito-idp operation as any client sends it; the status and the parsed answer. */
export async function cognito(port: number, operation: string, body: unknown) {
  const response = await fetch(`http://127.0.0.1:${port}/cognito-idp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as any };
}

/** Invites a user as `npm run users -- add` does; returns the temporary password. */
export function invite(dbPath: string, email: string, group: Group = 'Crew'): string {
  const { admin, close } = openPool(dbPath);
  try {
    return admin.add(email, email.split('@')[0] ?? email, group);
  } finally {
    close();
  }
}

/** An Amplify error's name, or a failure if the call succeeded. */
export async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
  throw new Error('the call succeeded');
}

/** An invited user who has signed in once and chosen `password`; signed out again. */
export async function confirmInvitation(dbPath: string, email: string, password: string, group: Group = 'Crew') {
  const temporary = invite(dbPath, email, group);
  await signIn({ username: email, password: temporary });
  await confirmSignIn({ challengeResponse: password });
  await signOut();
}

/** Job titles on the server at `port`, read as whoever Amplify Auth in this process signed in. */
export async function jobTitlesOnServer(port: number): Promise<string[]> {
  const token = (await fetchAuthSession()).tokens?.accessToken.toString() ?? '';
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query: '{ syncJobs(limit: 100) { items { title } } }' }),
  });
  const body = (await response.json()) as { data: { syncJobs: { items: { title: string }[] } } };
  return body.data.syncJobs.items.map((job) => job.title);
}
