import { type AuthSession, fetchAuthSession } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';

import { type AccountUser, parseStoredUser, userFromClaims } from '../util/account-user';

/**
 * The signed-in person from the tokens Amplify Auth keeps on this device, expired or not: reading
 * them needs no network, so a device that starts offline days after its access token expired is
 * still signed in. Null when no tokens are kept (never signed in, signed out, or the server refused
 * the refresh token and Amplify dropped them).
 */
export async function userFromStoredTokens(): Promise<AccountUser | null> {
  const claims = await storedClaims();
  return claims ? userFromClaims(claims) : null;
}

/** The claims of the tokens kept on this device (the ID token's, else the access token's), read offline. */
export async function storedClaims(): Promise<Readonly<Record<string, unknown>> | null> {
  const tokens = await cognitoUserPoolsTokenProvider.authTokenStore.loadTokens().catch(() => null);
  return tokens?.idToken?.payload ?? tokens?.accessToken.payload ?? null;
}

/** Fresh tokens when the access token has expired; throws when offline (the tokens are kept). */
export function refreshTokens(): Promise<AuthSession> {
  return fetchAuthSession();
}

/**
 * The last person signed in on this device, kept beside Amplify's tokens: when the server refuses
 * their refresh token, Amplify drops the tokens, and the app must still know whose changes wait.
 */
const ACCOUNT_KEY = 'fieldbook.account';

export interface RememberedAccount {
  readonly user: AccountUser;
  /** Signed out on purpose (with changes still waiting), not asked to sign in again. */
  readonly signedOut: boolean;
}

export function rememberedAccount(): RememberedAccount | null {
  try {
    const raw = globalThis.localStorage?.getItem(ACCOUNT_KEY) ?? null;
    const user = parseStoredUser(raw);
    if (!user || !raw) return null;
    return { user, signedOut: (JSON.parse(raw) as { signedOut?: unknown }).signedOut === true };
  } catch {
    return null;
  }
}

export function rememberAccount(account: RememberedAccount | null): void {
  try {
    if (account)
      globalThis.localStorage.setItem(ACCOUNT_KEY, JSON.stringify({ ...account.user, signedOut: account.signedOut }));
    else globalThis.localStorage.removeItem(ACCOUNT_KEY);
  } catch {
    // Storage blocked: the tokens themselves are not kept either.
  }
}

/** Other tabs signing in or out change this key. */
export const ACCOUNT_STORAGE_KEY = ACCOUNT_KEY;
