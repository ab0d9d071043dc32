import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { AmzJsonError, parseInput } from '../http/amz-json.ts';
import { OpenChallenges } from './challenges.ts';
import { newPasswordResponses, passwordVerifierResponses, respondInput, srpParameters } from './inputs.ts';
import { checkPasswordPolicy } from './passwords.ts';
import type { UserPool } from './pool.ts';
import { claimIsValid, isValidA, serverChallenge, type SrpSecret } from './srp.ts';
import { normalizeUsername } from './user-store.ts';

/** The one answer to a wrong password or an unknown user: Cognito never says which. */
const incorrect = () => new AmzJsonError('NotAuthorizedException', 'Incorrect username or password.');

/**
 * USER_SRP_AUTH: InitiateAuth → PASSWORD_VERIFIER → RespondToAuthChallenge, and
 * NEW_PASSWORD_REQUIRED for an invited user's first sign-in.
 */
export class SrpSignIn {
  private readonly challenges: OpenChallenges;
  /** Salts for unknown usernames are derived from this, so an unknown name looks like a known one. */
  private readonly decoySecret = randomBytes(32);

  constructor(private readonly pool: UserPool) {
    this.challenges = new OpenChallenges(pool.now);
  }

  private decoy(username: string): SrpSecret {
    const salt = createHmac('sha256', this.decoySecret).update(username).digest('hex').slice(0, 32);
    return { salt, verifier: randomBytes(384).toString('hex') };
  }

  initiate(parameters: Record<string, string>, address: string) {
    const input = parseInput(srpParameters, parameters);
    if (!isValidA(input.SRP_A)) throw new AmzJsonError('InvalidParameterException', 'SRP_A: invalid value.');
    const username = normalizeUsername(input.USERNAME);
    this.pool.checkThrottle(username, address);
    const user = this.pool.users.byUsername(username);
    const secret = user?.secret ?? this.decoy(username);
    const { B, key } = serverChallenge(secret.verifier, input.SRP_A);
    const secretBlock = randomBytes(64);
    const session = this.challenges.add({ kind: 'PASSWORD_VERIFIER', username, key, secretBlock, known: !!user });
    return {
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: session,
      ChallengeParameters: {
        SALT: secret.salt,
        SECRET_BLOCK: secretBlock.toString('base64'),
        SRP_B: B,
        USERNAME: username,
        USER_ID_FOR_SRP: username,
      },
    };
  }

  respond(body: object, address: string) {
    const input = parseInput(respondInput, body);
    this.pool.checkClient(input.ClientId);
    if (input.ChallengeName === 'PASSWORD_VERIFIER') return this.verifyPassword(input, address);
    if (input.ChallengeName === 'NEW_PASSWORD_REQUIRED') return this.setNewPassword(input);
    throw new AmzJsonError('InvalidParameterException', `ChallengeName: ${input.ChallengeName} is not supported.`);
  }

  private verifyPassword(input: { Session: string; ChallengeResponses: Record<string, string> }, address: string) {
    const responses = parseInput(passwordVerifierResponses, input.ChallengeResponses);
    const challenge = this.challenges.take(input.Session, 'PASSWORD_VERIFIER');
    if (!challenge)
      throw new AmzJsonError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
    const { username } = challenge;
    this.pool.checkThrottle(username, address);
    const block = Buffer.from(responses.PASSWORD_CLAIM_SECRET_BLOCK, 'base64');
    const valid =
      challenge.known &&
      normalizeUsername(responses.USERNAME) === username &&
      block.length === challenge.secretBlock.length &&
      timingSafeEqual(block, challenge.secretBlock) &&
      claimIsValid(challenge.key, {
        poolName: this.pool.poolName,
        userId: responses.USERNAME,
        secretBlock: block,
        timestamp: responses.TIMESTAMP,
        signature: responses.PASSWORD_CLAIM_SIGNATURE,
      });
    const user = valid ? this.pool.users.byUsername(username) : undefined;
    if (!user) {
      this.pool.throttle.failed(username, address);
      throw incorrect();
    }
    this.pool.throttle.succeeded(username);
    // Said only to someone who proved the password, so it reveals nothing to a stranger.
    if (!user.enabled) throw new AmzJsonError('NotAuthorizedException', 'User is disabled.');
    if (user.status === 'FORCE_CHANGE_PASSWORD') {
      if ((user.temporaryPasswordExpiresAt ?? 0) <= this.pool.now())
        throw new AmzJsonError(
          'NotAuthorizedException',
          'Temporary password has expired and must be reset by an administrator.',
        );
      return {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: this.challenges.add({ kind: 'NEW_PASSWORD_REQUIRED', username }),
        ChallengeParameters: {
          USER_ID_FOR_SRP: username,
          requiredAttributes: '[]',
          userAttributes: JSON.stringify({ email_verified: 'true', name: user.name, email: user.username }),
        },
      };
    }
    return this.signedIn(user.username);
  }

  private setNewPassword(input: { Session: string; ChallengeResponses: Record<string, string> }) {
    const responses = parseInput(newPasswordResponses, input.ChallengeResponses);
    // Before the session is used up, so a refused password can be corrected.
    checkPasswordPolicy(responses.NEW_PASSWORD);
    const challenge = this.challenges.take(input.Session, 'NEW_PASSWORD_REQUIRED');
    if (!challenge)
      throw new AmzJsonError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
    const user = this.pool.users.byUsername(challenge.username);
    if (!user?.enabled) throw new AmzJsonError('NotAuthorizedException', 'User is disabled.');
    this.pool.users.setPassword(user.sub, this.pool.secretFor(user.username, responses.NEW_PASSWORD), null);
    return this.signedIn(user.username);
  }

  private signedIn(username: string) {
    const user = this.pool.users.byUsername(username);
    if (!user) throw incorrect();
    const session = this.pool.sessions.start(user.sub, this.pool.settings.clientId, this.pool.now());
    return { ChallengeParameters: {}, AuthenticationResult: this.pool.issueTokens(user, session, true) };
  }
}
