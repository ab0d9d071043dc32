import { z } from 'zod';

import { AmzJsonError as CognitoError, parseInput as parse, serveAmzJson } from '../http/amz-json.ts';
import type { IdentityStore } from './identity-store.ts';
import { type LoginClaims, roleSession } from './role-mapping.ts';

/** Where the Cognito Identity subset answers; Amplify's `identityPoolEndpoint` and the SDK's `endpoint`. */
export const IDENTITY_PATH = '/cognito-identity';

export interface IdentityHandlerOptions {
  identities: IdentityStore;
  identityPoolId: string;
  /** Whether guests (no Logins) get identities and credentials: `allowUnauthenticatedIdentities`. */
  allowGuests: boolean;
  /**
   * The login a `Logins` map proves (`<provider>:<sub>`, for an ID token the user pool signed and
   * its provider name, the issuer without its scheme) and what its token claims, or undefined when
   * it proves none.
   */
  verifyLogin(logins: Record<string, string>): VerifiedLogin | undefined;
  credentialLifetimeSeconds: number;
  corsOrigins: readonly string[];
  now(): number;
}

export interface VerifiedLogin {
  login: string;
  claims: LoginClaims;
}

const logins = z.record(z.string(), z.string()).optional();
const getIdInput = z.object({
  IdentityPoolId: z.string().min(1).max(55),
  AccountId: z.string().optional(),
  Logins: logins,
});
const getCredentialsInput = z.object({
  IdentityId: z.string().min(1).max(55),
  Logins: logins,
  CustomRoleArn: z.string().optional(),
});

const GUESTS_REFUSED = 'Unauthenticated access is not supported for this identity pool.';

/** The login `Logins` proves, undefined for none given; Cognito's refusal for one it cannot prove. */
function loginIn(
  options: IdentityHandlerOptions,
  logins: Record<string, string> | undefined,
): VerifiedLogin | undefined {
  if (!logins || Object.keys(logins).length === 0) {
    if (!options.allowGuests) throw new CognitoError('NotAuthorizedException', GUESTS_REFUSED);
    return undefined;
  }
  const login = options.verifyLogin(logins);
  if (!login) throw new CognitoError('NotAuthorizedException', 'Invalid login token.');
  return login;
}

function run(options: IdentityHandlerOptions, operation: string, body: unknown): unknown {
  if (operation === 'GetId') {
    const input = parse(getIdInput, body);
    if (input.IdentityPoolId !== options.identityPoolId) {
      throw new CognitoError('ResourceNotFoundException', `IdentityPool '${input.IdentityPoolId}' not found.`);
    }
    const login = loginIn(options, input.Logins)?.login;
    const now = options.now();
    return {
      IdentityId: login
        ? options.identities.identityForLogin(input.IdentityPoolId, login, now)
        : options.identities.createIdentity(input.IdentityPoolId, now),
    };
  }
  if (operation === 'GetCredentialsForIdentity') {
    const input = parse(getCredentialsInput, body);
    if (options.identities.poolOf(input.IdentityId) !== options.identityPoolId) {
      throw new CognitoError('ResourceNotFoundException', `Identity '${input.IdentityId}' not found.`);
    }
    // A signed-in user's identity gives credentials only to that user's login. A guest's identity
    // signing in is linked to the login, or the login's own identity is answered, as Cognito does
    // (Amplify keeps the guest identity it had and asks for it with the user's login).
    const verified = loginIn(options, input.Logins);
    const login = verified?.login;
    const owner = options.identities.loginOf(input.IdentityId);
    if (owner !== login && (owner !== undefined || login === undefined)) {
      throw new CognitoError('NotAuthorizedException', `Access to Identity '${input.IdentityId}' is forbidden.`);
    }
    const identityId =
      login && !owner
        ? options.identities.identityForLogin(options.identityPoolId, login, options.now(), input.IdentityId)
        : input.IdentityId;
    const issued = options.identities.issueCredentials(
      identityId,
      roleSession(verified?.claims),
      options.credentialLifetimeSeconds * 1000,
      options.now(),
    );
    return {
      IdentityId: identityId,
      // JSON 1.1 timestamps are seconds since the epoch.
      Credentials: {
        AccessKeyId: issued.accessKeyId,
        SecretKey: issued.secretKey,
        SessionToken: issued.sessionToken,
        Expiration: Math.floor(issued.expiresAt / 1000),
      },
    };
  }
  throw new CognitoError('UnknownOperationException', `${operation || 'The operation'} is not supported.`);
}

/**
 * Cognito Identity's JSON 1.1 protocol: GetId and GetCredentialsForIdentity, unsigned as Cognito
 * takes them, for signed-in users of the user pool (their `Logins`) and, if the pool allows, guests.
 */
export function createIdentityHandler(options: IdentityHandlerOptions) {
  return serveAmzJson({
    targetPrefix: 'AWSCognitoIdentityService.',
    corsOrigins: options.corsOrigins,
    run: (operation, body) => run(options, operation, body),
  });
}
