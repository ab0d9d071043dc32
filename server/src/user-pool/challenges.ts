import { randomBytes } from 'node:crypto';

/** Cognito's default AuthSessionValidity: a challenge must be answered within three minutes. */
const CHALLENGE_MS = 3 * 60 * 1000;
/** Open challenges kept at most; the oldest go first, so unanswered ones cannot fill memory. */
const MAX_OPEN = 10_000;

export type OpenChallenge =
  | { kind: 'PASSWORD_VERIFIER'; username: string; key: Buffer; secretBlock: Buffer; known: boolean }
  | { kind: 'NEW_PASSWORD_REQUIRED'; username: string };

/** Challenges awaiting RespondToAuthChallenge, by their opaque `Session`; each is answered once. */
export class OpenChallenges {
  private readonly open = new Map<string, OpenChallenge & { expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  add(challenge: OpenChallenge): string {
    const session = randomBytes(48).toString('base64url');
    this.open.set(session, { ...challenge, expiresAt: this.now() + CHALLENGE_MS });
    if (this.open.size > MAX_OPEN) this.open.delete(this.open.keys().next().value as string);
    return session;
  }

  /** The challenge of `session` if it is open and of this kind; it is closed either way. */
  take<K extends OpenChallenge['kind']>(session: string, kind: K): Extract<OpenChallenge, { kind: K }> | undefined {
    const challenge = this.open.get(session);
    this.open.delete(session);
    if (!challenge || challenge.expiresAt <= this.now() || challenge.kind !== kind) return undefined;
    return challenge as unknown as Extract<OpenChallenge, { kind: K }>;
  }
}
