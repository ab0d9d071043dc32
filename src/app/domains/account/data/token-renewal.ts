import { InjectionToken } from '@angular/core';
import { fetchAuthSession } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';

import { type TokenPorts, TokenRenewal } from '../util/token-renewal';

export const amplifyTokenPorts: TokenPorts = {
  held: async () => (await cognitoUserPoolsTokenProvider.authTokenStore.loadTokens())?.accessToken.toString() ?? null,
  refresh: async () => (await fetchAuthSession({ forceRefresh: true })).tokens?.accessToken.toString() ?? null,
  drop: () => cognitoUserPoolsTokenProvider.authTokenStore.clearTokens(),
};

/** The device's one renewal: a refusal heard in one place is remembered for the next. */
export const TOKEN_RENEWAL = new InjectionToken<TokenRenewal>('renews a sign-in the sync server refused', {
  providedIn: 'root',
  factory: () => new TokenRenewal(amplifyTokenPorts),
});
