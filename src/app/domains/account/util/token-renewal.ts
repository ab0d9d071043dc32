/**
 * - `renewed`: fresh tokens; sync may start again with them;
 * - `refused`: the session cannot be renewed (its tokens are gone): the person signs in again;
 * - `unreachable`: no answer (offline, server down): the tokens are kept for the next chance.
 */
export type Renewal = 'renewed' | 'refused' | 'unreachable';

/** What renewing needs of Amplify Auth; a seam so the decisions can be tested without a user pool. */
export interface TokenPorts {
  /** The access token Amplify holds, or null. */
  held(): Promise<string | null>;
  /** A refresh whatever Amplify thinks of the tokens' expiry; null when the pool refused it. */
  refresh(): Promise<string | null>;
  /** Drops the tokens on this device, as Amplify does when the pool refuses a refresh. */
  drop(): Promise<void>;
}

/**
 * Renews the sign-in after the sync server refused an access token Amplify still trusts (the
 * device's clock or the server's moved since the sign-in; Amplify only checks `exp` against its
 * own reckoning). A forced refresh usually mends it; the pool refusing the refresh (a revoked or
 * 30-day-old session) makes Amplify drop the tokens itself. A token the server refuses although it
 * came from the refresh before cannot be mended by refreshing again: it is dropped, and the
 * person asked to sign in, rather than refreshing in a loop.
 */
export class TokenRenewal {
  private renewedTo: string | null = null;
  private running: Promise<Renewal> | null = null;

  constructor(private readonly tokens: TokenPorts) {}

  /** One renewal at a time: a refusal heard while one runs waits for that one. */
  renew(): Promise<Renewal> {
    this.running ??= this.attempt().finally(() => (this.running = null));
    return this.running;
  }

  private async attempt(): Promise<Renewal> {
    const held = await this.tokens.held();
    if (held === null) return 'refused';
    if (held === this.renewedTo) {
      await this.tokens.drop();
      return 'refused';
    }
    try {
      this.renewedTo = await this.tokens.refresh();
    } catch {
      // Amplify drops the tokens for a revoked session too, and throws for that.
      return (await this.tokens.held()) === null ? 'refused' : 'unreachable';
    }
    if (this.renewedTo !== null) return 'renewed';
    // Amplify has dropped them already when the pool said no; made certain whatever it said.
    await this.tokens.drop();
    return 'refused';
  }
}

/** What renewing after a refusal needs of the device besides the tokens. */
export interface RenewalSteps {
  /** Reads the session again: a refused renewal asks the person to sign in. */
  reread(): Promise<void>;
  /** Starts the sync engine again with fresh tokens; it sends the changes it held back. */
  restartSync(): Promise<void>;
  /** Whether a renewal is still wanted (someone still signed in here). */
  stillWanted(): boolean | Promise<boolean>;
  /** Waits before the next try; a device resolves sooner when its network comes back. */
  waitBeforeRetry(ms: number): Promise<void>;
}

const FIRST_RETRY_MS = 2_000;
const LONGEST_RETRY_MS = 60_000;

/** 2 s, then twice as long each time, up to a minute. */
export function renewalRetryDelay(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** attempt, LONGEST_RETRY_MS);
}

/**
 * What a device does when the sync server refused its access token: renew the sign-in, let the
 * session be read again, and only with fresh tokens start the sync engine again. DataStore keeps
 * the refused change paused until sync restarts, which nothing else does while the connection stays
 * up: a renewal the user pool did not answer is tried again until it answers (or nobody is signed in).
 */
export async function renewThenRestart(renewal: TokenRenewal, steps: RenewalSteps): Promise<Renewal> {
  for (let attempt = 0; ; attempt++) {
    const renewed = await renewal.renew();
    await steps.reread();
    if (renewed === 'renewed') await steps.restartSync();
    if (renewed !== 'unreachable' || !(await steps.stillWanted())) return renewed;
    await steps.waitBeforeRetry(renewalRetryDelay(attempt));
    if (!(await steps.stillWanted())) return renewed;
  }
}
