import type { IncomingMessage, ServerResponse } from 'node:http';

import { AmzJsonError, parseInput, serveAmzJson } from '../http/amz-json.ts';
import { initiateAuthInput } from './inputs.ts';
import type { UserPool } from './pool.ts';
import {
  changePassword,
  getTokensFromRefreshToken,
  getUser,
  globalSignOut,
  refreshTokenAuth,
  revokeToken,
} from './session-operations.ts';
import { SrpSignIn } from './sign-in.ts';

/** Where the user pool answers: Amplify's `userPoolEndpoint`, and the start of the pool's `iss`. */
export const USER_POOL_PATH = '/cognito-idp';

const addressOf = (request: IncomingMessage) => request.socket.remoteAddress ?? 'unknown';

/**
 * The Cognito user pool subset Amplify Auth uses, in cognito-idp's JSON 1.1 protocol, and the
 * pool's public keys at `/cognito-idp/<poolId>/.well-known/jwks.json`.
 */
export function createUserPoolHandler(pool: UserPool, corsOrigins: readonly string[]) {
  const signIn = new SrpSignIn(pool);
  const operations: Record<string, (body: object, request: IncomingMessage) => unknown> = {
    InitiateAuth: (body, request) => {
      const input = parseInput(initiateAuthInput, body);
      pool.checkClient(input.ClientId);
      if (input.AuthFlow === 'USER_SRP_AUTH') return signIn.initiate(input.AuthParameters, addressOf(request));
      if (input.AuthFlow === 'REFRESH_TOKEN_AUTH' || input.AuthFlow === 'REFRESH_TOKEN')
        return refreshTokenAuth(pool, input.AuthParameters);
      throw new AmzJsonError('InvalidParameterException', `${input.AuthFlow} flow not enabled for this client`);
    },
    RespondToAuthChallenge: (body, request) => signIn.respond(body, addressOf(request)),
    GetTokensFromRefreshToken: (body) => getTokensFromRefreshToken(pool, body),
    GetUser: (body) => getUser(pool, body),
    ChangePassword: (body, request) => changePassword(pool, body, addressOf(request)),
    RevokeToken: (body) => revokeToken(pool, body),
    GlobalSignOut: (body) => globalSignOut(pool, body),
  };
  const api = serveAmzJson({
    targetPrefix: 'AWSCognitoIdentityProviderService.',
    corsOrigins,
    run: (operation, body, request) => {
      const run = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
      if (!run)
        throw new AmzJsonError('UnknownOperationException', `${operation || 'The operation'} is not supported.`);
      return run(body, request);
    },
  });
  const jwksPath = `${USER_POOL_PATH}/${pool.settings.poolId}/.well-known/jwks.json`;
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if ((request.url ?? '').split('?', 1)[0] !== jwksPath) return api(request, response);
    request.resume();
    response.writeHead(request.method === 'GET' ? 200 : 405, {
      'content-type': 'application/json',
      'cache-control': 'public, max-age=3600',
      'access-control-allow-origin': '*',
    });
    response.end(request.method === 'GET' ? JSON.stringify(pool.keys.jwks()) : undefined);
  };
}
