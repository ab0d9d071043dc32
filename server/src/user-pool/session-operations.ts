import { AmzJsonError, parseInput } from '../http/amz-json.ts';
import { crewClaims } from './crew-attributes.ts';
import { accessTokenInput, changePasswordInput, refreshInput, refreshParameters, revokeInput } from './inputs.ts';
import { checkPasswordPolicy } from './passwords.ts';
import { type UserPool, wipeMarkClaim } from './pool.ts';
import { passwordMatches } from './srp.ts';

const invalidRefresh = () => new AmzJsonError('NotAuthorizedException', 'Invalid Refresh Token');

/**
 * New tokens for a refresh token. With rotation on (the default) GetTokensFromRefreshToken returns a
 * new refresh token with a full lifetime and the old one keeps working for the grace period (60 s by default), so a
 * refresh whose answer was lost can be retried; after that it is refused as reused. A full lifetime,
 * not the first token's expiry: a device in use at least once per refresh lifetime stays signed in
 * through weeks offline, and a stolen token is still cut off by revoking its sign-in (origin_jti).
 * Without rotation, or through InitiateAuth REFRESH_TOKEN_AUTH (which Cognito refuses when
 * rotation is on), only access and ID tokens come back.
 */
export function refresh(pool: UserPool, token: string, rotate: boolean) {
  const now = pool.now();
  const found = pool.sessions.lookupRefreshToken(token, now, pool.settings.rotationGraceSeconds * 1000);
  if (found.state === 'replaced')
    throw new AmzJsonError('RefreshTokenReuseException', 'The refresh token has been replaced by rotation.');
  if (found.state === 'revoked') throw new AmzJsonError('NotAuthorizedException', 'Refresh Token has been revoked');
  if (found.state !== 'valid' || found.session.clientId !== pool.settings.clientId) throw invalidRefresh();
  const user = pool.users.bySub(found.session.sub);
  if (!user) throw invalidRefresh();
  if (!user.enabled) throw new AmzJsonError('NotAuthorizedException', 'User is disabled.');
  if (rotate) pool.sessions.markReplaced(found.tokenHash, now);
  return { AuthenticationResult: pool.issueTokens(user, found.session, rotate) };
}

export function getTokensFromRefreshToken(pool: UserPool, body: object) {
  const input = parseInput(refreshInput, body);
  pool.checkClient(input.ClientId);
  return refresh(pool, input.RefreshToken, pool.settings.rotateRefreshTokens);
}

export function refreshTokenAuth(pool: UserPool, parameters: Record<string, string>) {
  const input = parseInput(refreshParameters, parameters);
  if (pool.settings.rotateRefreshTokens)
    throw new AmzJsonError(
      'InvalidParameterException',
      'REFRESH_TOKEN_AUTH is not allowed while refresh token rotation is on; use GetTokensFromRefreshToken.',
    );
  return { ChallengeParameters: {}, ...refresh(pool, input.REFRESH_TOKEN, false) };
}

export function getUser(pool: UserPool, body: object) {
  const { user } = pool.authenticate(parseInput(accessTokenInput, body).AccessToken);
  return {
    Username: user.username,
    UserAttributes: [
      { Name: 'sub', Value: user.sub },
      { Name: 'email', Value: user.username },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'name', Value: user.name },
      ...Object.entries({ ...wipeMarkClaim(user), ...crewClaims(pool.users.extraGroupsOf(user.sub)) }).map(
        ([Name, Value]) => ({ Name, Value }),
      ),
    ],
  };
}

/** A wrong previous password counts as a failed sign-in, so it cannot be guessed here instead. */
export function changePassword(pool: UserPool, body: object, address: string) {
  const input = parseInput(changePasswordInput, body);
  const { user } = pool.authenticate(input.AccessToken);
  pool.checkThrottle(user.username, address);
  if (!passwordMatches(pool.poolName, user.username, input.PreviousPassword, user.secret)) {
    pool.throttle.failed(user.username, address);
    throw new AmzJsonError('NotAuthorizedException', 'Incorrect username or password.');
  }
  checkPasswordPolicy(input.ProposedPassword);
  pool.users.setPassword(user.sub, pool.secretFor(user.username, input.ProposedPassword), null);
  return {};
}

/** Ends the sign-in the refresh token belongs to; an unknown token is not an error, as in Cognito. */
export function revokeToken(pool: UserPool, body: object) {
  const input = parseInput(revokeInput, body);
  pool.checkClient(input.ClientId);
  const found = pool.sessions.lookupRefreshToken(input.Token, pool.now(), Infinity);
  if (found.state !== 'unknown' && found.session.clientId === input.ClientId)
    pool.sessions.revoke(found.session.originJti, pool.now());
  return {};
}

export function globalSignOut(pool: UserPool, body: object) {
  const { user } = pool.authenticate(parseInput(accessTokenInput, body).AccessToken);
  pool.sessions.revokeAll(user.sub, pool.now());
  return {};
}
