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

/**
 * What a device does when the sync server refused its access token: renew the sign-in, let the
 * session be read again (a refused renewal asks the person to sign in), and only with fresh tokens
 * start the sync engine again, which sends the changes it held back.
 */
export async function renewThenRestart(
  renewal: TokenRenewal,
  reread: () => Promise<void>,
  restartSync: () => Promise<void>,
): Promise<Renewal> {
  const renewed = await renewal.renew();
  await reread();
  if (renewed === 'renewed') await restartSync();
  return renewed;
}
