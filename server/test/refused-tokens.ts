/**
 * What the app's AccountSession does when the sync server refuses the access token a device sent
 * (DataStore's `mutationTokenRefused`, patches/LEDGER.md D14, or a real-time connection refused:
 * sync/util/token-refusal.ts), run by a test client process: one renewal at a time, a refusal heard
 * meanwhile belonging to it (the app's exhaustMap), then the app's own renewal and restart
 * (account/util/token-renewal.ts). Each outcome is reported, so a seed shows what happened.
 */
import { type Renewal, renewThenRestart, type TokenRenewal } from '../../src/app/domains/account/util/token-renewal.ts';

export class RefusedTokens {
  private running = false;

  constructor(
    private readonly renewal: TokenRenewal,
    /** Whether someone is signed in here (the app's `signed-in` status): nobody to renew otherwise. */
    private readonly signedIn: () => Promise<boolean>,
    private readonly restartSync: () => Promise<void>,
    private readonly report: (outcome: Renewal | `failed: ${string}`) => void,
  ) {}

  refused(): void {
    if (this.running) return;
    this.running = true;
    void (async () => {
      if (!(await this.signedIn())) return;
      this.report(
        await renewThenRestart(this.renewal, {
          reread: () => Promise.resolve(),
          restartSync: this.restartSync,
          stillWanted: this.signedIn,
          waitBeforeRetry: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        }),
      );
    })()
      .catch((error: unknown) => this.report(`failed: ${String(error)}`))
      .finally(() => (this.running = false));
  }
}
