import { isApiKey } from '../http/api-key.ts';
import type { ApiAuthModes } from './auth-modes.ts';

/**
 * Who a request acts for and the mode it came in by, as AppSync's resolvers see it
 * (`$ctx.identity`, `$util.authType()`): what every authorization rule is checked against.
 */
export type Caller =
  | { readonly authMode: 'API_KEY' }
  | {
      readonly authMode: 'AMAZON_COGNITO_USER_POOLS';
      readonly sub: string;
      readonly username: string;
      readonly groups: readonly string[];
    };

/** The credentials a request presented: the `x-api-key` and `Authorization` headers, or their real-time twins. */
export interface PresentedCredentials {
  readonly apiKey?: unknown;
  readonly authorization?: unknown;
}

/** The claims of a verified user-pool token that authorization needs. */
export interface UserPoolIdentity {
  readonly sub: string;
  readonly username: string;
  readonly groups: readonly string[];
}

/** How the server checks each mode's credentials; a mode without a check admits nobody. */
export interface CredentialChecks {
  readonly apiKey?: string;
  readonly verifyUserPoolToken?: (token: string) => Promise<UserPoolIdentity | null>;
}

/** Resolves presented credentials into a caller, or null: AppSync's 401 UnauthorizedException. */
export type Authenticate = (presented: PresentedCredentials) => Promise<Caller | null>;

/**
 * AppSync picks the mode from what a request carries: an API key header is API_KEY; an
 * Authorization header is a user-pool token. Only the API's configured modes are accepted.
 */
export function authenticator(modes: ApiAuthModes, checks: CredentialChecks): Authenticate {
  return async ({ apiKey, authorization }) => {
    if (apiKey !== undefined) {
      if (!modes.modes.has('API_KEY') || checks.apiKey === undefined) return null;
      return isApiKey(apiKey, checks.apiKey) ? { authMode: 'API_KEY' } : null;
    }
    if (typeof authorization === 'string' && authorization !== '') {
      if (!modes.modes.has('AMAZON_COGNITO_USER_POOLS') || !checks.verifyUserPoolToken) return null;
      const identity = await checks.verifyUserPoolToken(authorization);
      return identity ? { authMode: 'AMAZON_COGNITO_USER_POOLS', ...identity } : null;
    }
    return null;
  };
}
