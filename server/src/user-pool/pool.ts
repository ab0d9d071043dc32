import { randomUUID } from 'node:crypto';

import type Database from 'better-sqlite3';

import { type CallerClaims, verifyToken } from '../auth/verify-token.ts';
import { AmzJsonError } from '../http/amz-json.ts';
import { crewClaims } from './crew-attributes.ts';
import { type PoolSession, SessionStore } from './session-store.ts';
import { SigningKeys } from './signing-keys.ts';
import { makeVerifier, srpPoolName } from './srp.ts';
import { DEFAULT_THROTTLE, SignInThrottle, type ThrottleSettings } from './throttle.ts';
import { type PoolUser, UserStore } from './user-store.ts';

export interface UserPoolSettings {
  /** `<region>_<name>`, e.g. `local_fieldbook`; Amplify reads the region before the `_`. */
  poolId: string;
  /** The one app client (the web app's): Cognito's ClientId. */
  clientId: string;
  accessTokenSeconds: number;
  idTokenSeconds: number;
  refreshTokenSeconds: number;
  /** Whether GetTokensFromRefreshToken rotates refresh tokens (see session-operations.ts). */
  rotateRefreshTokens: boolean;
  /** How long a rotated-out refresh token still works, for a retry (Cognito's RetryGracePeriodSeconds, 0-60). */
  rotationGraceSeconds: number;
  throttle?: Partial<ThrottleSettings>;
}

/** The user pool's state and settings, shared by its operations and the admin command. */
export class UserPool {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly keys: SigningKeys;
  readonly throttle: SignInThrottle;
  readonly poolName: string;

  constructor(
    db: Database.Database,
    readonly settings: UserPoolSettings,
    /** The pool's `iss`: `<server url>/cognito-idp/<poolId>`; known once the server listens. */
    readonly issuer: () => string,
    readonly now: () => number,
  ) {
    this.users = new UserStore(db);
    this.sessions = new SessionStore(db);
    this.keys = new SigningKeys(db, now());
    this.throttle = new SignInThrottle({ ...DEFAULT_THROTTLE, ...settings.throttle }, now);
    this.poolName = srpPoolName(settings.poolId);
  }

  /** The salt and verifier of a password for this user; what is stored instead of it. */
  secretFor(username: string, password: string) {
    return makeVerifier(this.poolName, username, password);
  }

  /** Refuses a locked user or a refused address before any password is checked. */
  checkThrottle(username: string, address: string): void {
    const verdict = this.throttle.check(username, address);
    if (verdict === 'user-locked') throw new AmzJsonError('NotAuthorizedException', 'Password attempts exceeded');
    if (verdict === 'address-limited') throw new AmzJsonError('TooManyRequestsException', 'Too many requests.');
  }

  checkClient(clientId: string): void {
    if (clientId !== this.settings.clientId)
      throw new AmzJsonError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
  }

  /** Fresh access and ID tokens of a session, and a refresh token when `refreshToken` is asked for. */
  issueTokens(user: PoolUser, session: PoolSession, refreshToken: boolean) {
    const now = this.now();
    const iat = Math.floor(now / 1000);
    const common = {
      sub: user.sub,
      // The role first, then the crews: AppSync's rules read both from this one claim.
      'cognito:groups': [user.group, ...this.users.extraGroupsOf(user.sub)],
      iss: this.issuer(),
      origin_jti: session.originJti,
      event_id: randomUUID(),
      auth_time: session.authTime,
      iat,
    };
    const accessToken = this.keys.signJwt({
      ...common,
      client_id: session.clientId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      exp: iat + this.settings.accessTokenSeconds,
      jti: randomUUID(),
      username: user.username,
    });
    const idToken = this.keys.signJwt({
      ...common,
      email_verified: true,
      'cognito:username': user.username,
      aud: session.clientId,
      token_use: 'id',
      name: user.name,
      exp: iat + this.settings.idTokenSeconds,
      jti: randomUUID(),
      email: user.username,
      ...wipeMarkClaim(user),
      ...crewClaims(this.users.extraGroupsOf(user.sub)),
    });
    return {
      AccessToken: accessToken,
      ExpiresIn: this.settings.accessTokenSeconds,
      TokenType: 'Bearer',
      IdToken: idToken,
      ...(refreshToken
        ? {
            RefreshToken: this.sessions.issueRefreshToken(
              session.originJti,
              now + this.settings.refreshTokenSeconds * 1000,
            ),
          }
        : {}),
    };
  }

  /** The caller of an operation that takes an access token, or Cognito's NotAuthorizedException. */
  authenticate(accessToken: string): { claims: CallerClaims; user: PoolUser } {
    const verified = verifyToken(accessToken, {
      issuer: this.issuer(),
      clientId: this.settings.clientId,
      tokenUse: 'access',
      publicKey: (kid) => this.keys.publicKey(kid),
      now: this.now,
    });
    if (!verified.ok) {
      const expired = verified.refusal === 'expired';
      throw new AmzJsonError('NotAuthorizedException', expired ? 'Access Token has expired' : 'Invalid Access Token');
    }
    const session = verified.claims.originJti ? this.sessions.get(verified.claims.originJti) : undefined;
    if (!session || session.revoked) throw new AmzJsonError('NotAuthorizedException', 'Access Token has been revoked');
    const user = this.users.bySub(verified.claims.sub);
    if (!user) throw new AmzJsonError('NotAuthorizedException', 'Invalid Access Token');
    if (!user.enabled) throw new AmzJsonError('NotAuthorizedException', 'User is disabled.');
    return { claims: verified.claims, user };
  }
}

/**
 * The custom attribute `wipe-devices` sets (seconds since the epoch, as Cognito writes a Number
 * attribute): a device signed in before it erases its data at its next contact. ID tokens and
 * GetUser carry custom attributes, as Cognito's do.
 */
export const WIPE_MARK_ATTRIBUTE = 'custom:wipe_requested_at';

export function wipeMarkClaim(user: PoolUser): Record<string, string> {
  return user.wipeRequestedAt === null
    ? {}
    : { [WIPE_MARK_ATTRIBUTE]: String(Math.floor(user.wipeRequestedAt / 1000)) };
}
