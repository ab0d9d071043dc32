import type { VerifiedLogin } from '../identity/identity-handler.ts';
import type { UserPool } from '../user-pool/pool.ts';
import type { UserPoolIdentity } from './caller.ts';
import { type TokenUse, verifyToken } from './verify-token.ts';

/**
 * The user pool's tokens as the services beside it check them: AppSync takes an access token
 * (signature, issuer, expiry, client; a revoked sign-in's access token stays valid until it
 * expires), Cognito Identity an ID token under the pool's provider name in `Logins`.
 */
export function poolTokens(userPool: UserPool, clientId: string) {
  const verify = (token: string, tokenUse: TokenUse) =>
    verifyToken(token, {
      issuer: userPool.issuer(),
      clientId,
      tokenUse,
      publicKey: (kid) => userPool.keys.publicKey(kid),
      now: () => Date.now(),
    });
  return {
    /** The caller of a GraphQL or real-time request, or null. */
    accessToken(token: string): Promise<UserPoolIdentity | null> {
      const verified = verify(token, 'access');
      if (!verified.ok) return Promise.resolve(null);
      const { sub, username, groups } = verified.claims;
      return Promise.resolve({ sub, username, groups });
    },
    /** The login (`<provider>:<sub>`) a Cognito Identity `Logins` map proves and its claims, or undefined. */
    login(logins: Record<string, string>): VerifiedLogin | undefined {
      const entries = Object.entries(logins);
      // Amplify names the pool by its issuer without the scheme, as Cognito's provider names are.
      const provider = userPool.issuer().replace(/^\w+:\/\//, '');
      const [given, idToken] = entries[0] ?? [];
      if (entries.length !== 1 || given !== provider || !idToken) return undefined;
      const verified = verify(idToken, 'id');
      if (!verified.ok) return undefined;
      const { sub, groups, attributes } = verified.claims;
      return { login: `${provider}:${sub}`, claims: { groups, attributes } };
    },
  };
}
