const CLIENT_ID = 'fieldbooklocalwebclient000';
/** Where Amplify Auth keeps a user's tokens in localStorage, before `<username>.<token>`. */
export const TOKEN_PREFIX = `CognitoIdentityServiceProvider.${CLIENT_ID}`;

/** Amplify Auth pointed at a user pool nobody listens for (port 9): every call fails as offline. */
export const UNREACHABLE_POOL = {
  Auth: {
    Cognito: {
      userPoolId: 'local_fieldbook',
      userPoolClientId: CLIENT_ID,
      userPoolEndpoint: 'http://127.0.0.1:9/cognito-idp',
    },
  },
};

/** A JWT as Amplify stores it; Amplify reads the claims and never checks the signature. */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '');
  return `${part({ alg: 'RS256', kid: 'k' })}.${part(claims)}.c2lnbmF0dXJl`;
}

/**
 * Tokens kept on the device as Amplify Auth keeps them after a sign-in, expiring `expiresIn`
 * seconds from now (negative: already expired); returns the access token.
 */
export function keepTokens(username: string, expiresIn: number): string {
  const exp = Math.floor(Date.now() / 1000) + expiresIn;
  const claims = { sub: username, 'cognito:username': username, 'cognito:groups': ['Crew'], exp };
  const accessToken = jwt({ ...claims, token_use: 'access', jti: crypto.randomUUID() });
  localStorage.setItem(`${TOKEN_PREFIX}.LastAuthUser`, username);
  localStorage.setItem(`${TOKEN_PREFIX}.${username}.accessToken`, accessToken);
  localStorage.setItem(`${TOKEN_PREFIX}.${username}.idToken`, jwt({ ...claims, token_use: 'id', name: 'Ana Silva' }));
  localStorage.setItem(`${TOKEN_PREFIX}.${username}.refreshToken`, 'refresh-token');
  localStorage.setItem(`${TOKEN_PREFIX}.${username}.clockDrift`, '0');
  return accessToken;
}

/** Tokens kept on the device, both expired a day ago. */
export const keepExpiredTokens = (username: string) => keepTokens(username, -24 * 3600);
