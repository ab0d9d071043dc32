import { z } from 'zod';

import { AmzJsonError as CognitoError, parseInput as parse, serveAmzJson } from '../http/amz-json.ts';
import type { IdentityStore } from './identity-store.ts';

/** Where the Cognito Identity subset answers; Amplify's `identityPoolEndpoint` and the SDK's `endpoint`. */
export const IDENTITY_PATH = '/cognito-identity';

export interface IdentityHandlerOptions {
  identities: IdentityStore;
  identityPoolId: string;
  credentialLifetimeSeconds: number;
  corsOrigins: readonly string[];
  now(): number;
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

function run(options: IdentityHandlerOptions, operation: string, body: unknown): unknown {
  if (operation === 'GetId') {
    const input = parse(getIdInput, body);
    if (input.IdentityPoolId !== options.identityPoolId) {
      throw new CognitoError('ResourceNotFoundException', `IdentityPool '${input.IdentityPoolId}' not found.`);
    }
    if (input.Logins && Object.keys(input.Logins).length > 0) {
      throw new CognitoError('NotAuthorizedException', 'This identity pool has no login providers; only guest access.');
    }
    return { IdentityId: options.identities.createIdentity(input.IdentityPoolId, options.now()) };
  }
  if (operation === 'GetCredentialsForIdentity') {
    const input = parse(getCredentialsInput, body);
    if (options.identities.poolOf(input.IdentityId) !== options.identityPoolId) {
      throw new CognitoError('ResourceNotFoundException', `Identity '${input.IdentityId}' not found.`);
    }
    if (input.Logins && Object.keys(input.Logins).length > 0) {
      throw new CognitoError('NotAuthorizedException', 'This identity pool has no login providers; only guest access.');
    }
    const issued = options.identities.issueCredentials(
      input.IdentityId,
      options.credentialLifetimeSeconds * 1000,
      options.now(),
    );
    return {
      IdentityId: input.IdentityId,
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
 * Cognito Identity's JSON 1.1 protocol for guest access: GetId and GetCredentialsForIdentity,
 * unsigned as Cognito takes them.
 */
export function createIdentityHandler(options: IdentityHandlerOptions) {
  return serveAmzJson({
    targetPrefix: 'AWSCognitoIdentityService.',
    corsOrigins: options.corsOrigins,
    run: (operation, body) => run(options, operation, body),
  });
}
