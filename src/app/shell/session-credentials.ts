import { cognitoCredentialsProvider } from 'aws-amplify/auth/cognito';

export type CredentialsProvider = Pick<
  typeof cognitoCredentialsProvider,
  'getCredentialsAndIdentityId' | 'clearCredentialsAndIdentityId'
>;

/**
 * Amplify's session (`fetchAuthSession`) fetches identity-pool credentials beside the user pool's
 * tokens, and throws when it cannot; every user-pool GraphQL request asks for the whole session.
 * With Cognito Identity out of reach (the local server down, a network that lets nothing through)
 * each sync request would then fail as "no signed-in user" before it reached the network: DataStore
 * would take an unreachable server for a missing sign-in, and the sync bar could not say the server
 * is unreachable. Only the photo store needs the credentials, so a signed-in person's session goes
 * on without them; a photo upload fails for want of them and is tried again later, as on any error.
 * A guest's session (no tokens) still fails as before: credentials are all a guest has.
 */
export function credentialsNeverBlockingTokens(inner: CredentialsProvider): CredentialsProvider {
  return {
    async getCredentialsAndIdentityId(options) {
      try {
        return await inner.getCredentialsAndIdentityId(options);
      } catch (error) {
        if (!options.authenticated) throw error;
        return undefined;
      }
    },
    clearCredentialsAndIdentityId: () => inner.clearCredentialsAndIdentityId(),
  };
}

/** The one provider the app configures Amplify with. */
export const sessionCredentials = credentialsNeverBlockingTokens(cognitoCredentialsProvider);
