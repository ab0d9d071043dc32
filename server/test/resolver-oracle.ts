import type { Caller } from '../src/auth/caller.ts';
import { runTemplate, type VtlContext, VtlError } from './vtl.ts';

/** The claims of the access token a user-pool caller sends, as AppSync hands them to resolvers. */
export function accessTokenClaims(caller: Caller): Record<string, unknown> | null {
  if (caller.authMode !== 'AMAZON_COGNITO_USER_POOLS') return null;
  return {
    sub: caller.sub,
    username: caller.username,
    // Cognito leaves the claim out for a user in no group.
    ...(caller.groups.length > 0 ? { 'cognito:groups': [...caller.groups] } : {}),
    token_use: 'access',
    client_id: 'local-client',
    scope: 'aws.cognito.signin.user.admin',
  };
}

/**
 * Runs a compiled auth resolver for `caller`, as AppSync would: null when it lets the request on
 * (its changes to `ctx` are what the next resolver sees), or the error it stops with.
 */
export function resolverDecision(
  template: string,
  caller: Caller,
  ctx: Omit<VtlContext, 'identity' | 'stash'> & { stash?: Record<string, unknown> },
): VtlError | null {
  const claims = accessTokenClaims(caller);
  try {
    runTemplate(
      template,
      { stash: {}, ...ctx, identity: claims ? { claims } : null },
      caller.authMode === 'API_KEY' ? 'API Key Authorization' : 'User Pool Authorization',
    );
    return null;
  } catch (error) {
    if (error instanceof VtlError) return error;
    throw error;
  }
}
