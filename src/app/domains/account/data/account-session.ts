import { inject, Injectable, type OnDestroy, signal } from '@angular/core';
import { confirmSignIn, signIn, signOut } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import { exhaustMap } from 'rxjs';

import { setSignedInName } from '../../shared/data/device-identity';
import { DeviceWrites } from '../../shared/data/device-writes';
import { TabChannel } from '../../shared/data/tab-channel';
import { RELOAD_TAB, SyncEngineHost, type SyncScope, TokenRefusals } from '../../sync/api';
import { type AccountUser } from '../util/account-user';
import { ContactGate } from '../util/contact-gate';
import { crewScope } from '../util/person-sync-scope';
import { renewThenRestart } from '../util/token-renewal';
import { eraseThisDevice, forgetWipeNotice, wipeAnswerForThisDevice } from './device-wipe';
import {
  ACCOUNT_STORAGE_KEY,
  refreshTokens,
  rememberAccount,
  rememberedAccount,
  userFromStoredTokens,
} from './stored-tokens';
import { TOKEN_RENEWAL } from './token-renewal';

/**
 * - `no-accounts`: the backend has no user pool; the app works as it always did, with no sign-in;
 * - `signed-out`: nobody is signed in on this device;
 * - `signed-in`: someone is, even with an expired access token while offline;
 * - `sign-in-again`: the server refused the session (revoked, or 30 days without a refresh): their
 *   changes stay queued until the same person signs in again.
 */
export type SessionStatus = 'no-accounts' | 'signed-out' | 'signed-in' | 'sign-in-again';

export type SignInStep = 'signed-in' | 'new-password';

/** Resolves after `ms`, or sooner when the browser says the network is back. */
function onlineAgainOrAfter(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      globalThis.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    globalThis.addEventListener('online', done);
  });
}

/** Who uses this device, read from the tokens it keeps, never from the network. */
@Injectable({ providedIn: 'root' })
export class AccountSession implements OnDestroy {
  private readonly host = inject(SyncEngineHost);
  private readonly channel = inject(TabChannel);
  private readonly reloadTab = inject(RELOAD_TAB);
  private readonly writes = inject(DeviceWrites);
  private readonly refusals = inject(TokenRefusals);
  private readonly renewal = inject(TOKEN_RENEWAL);
  private readonly cleanups: (() => void)[] = [];
  private readonly contact = new ContactGate(wipeAnswerForThisDevice, () => this.writes.run('account.wipe', {}));

  readonly status = signal<SessionStatus>('no-accounts');
  /** The signed-in person, or the one asked to sign in again; null otherwise. */
  readonly user = signal<AccountUser | null>(null);
  /** Whose changes wait on this device after they signed out with changes unsent. */
  readonly waitingFor = signal<AccountUser | null>(null);

  constructor() {
    // The leader erases (its DataStore owns the store and the outbox); every other tab then reloads.
    this.writes.register('account.wipe', async () => {
      await eraseThisDevice({ name: this.user()?.name ?? '', erasedAt: Date.now() });
      this.channel.post({ type: 'reload', from: this.channel.tabId });
      // After the answer has gone out to the tab that asked.
      setTimeout(() => this.reloadTab(), 0);
    });
  }

  /** Reads the session this device keeps; with `userPool` false there are no accounts at all. */
  async restore(userPool: boolean): Promise<void> {
    if (!userPool) return;
    await this.reread();
    if (this.cleanups.length > 0) return;
    this.listen();
    void this.refreshWhenOnline();
  }

  /** Whether DataStore may run its sync engine: someone is (or was, and will be again) signed in. */
  maySync(): boolean {
    const status = this.status();
    return status === 'signed-in' || status === 'sign-in-again';
  }

  /**
   * What every request to the API awaits (the leader's sync engine is the one that sends): for a
   * signed-in person, the user pool's word at each (re)connection that this device is not to be
   * erased, so a lost phone's offline changes are erased with it, never sent first.
   */
  beforeApiRequest(): Promise<void> {
    return this.status() === 'signed-in' ? this.contact.passed() : Promise.resolve();
  }

  /**
   * What this device syncs and keeps for whoever may sync: their crews' records, or everything
   * (Office, Viewer, no accounts, nobody signed in).
   */
  syncScope(): SyncScope {
    return crewScope(this.maySync() ? this.user() : null);
  }

  /** Whether a change may be sent now as its author: no accounts at all, or someone signed in. */
  maySendChanges(): boolean {
    const status = this.status();
    return status === 'no-accounts' || status === 'signed-in';
  }

  async signIn(email: string, password: string): Promise<SignInStep> {
    const { nextStep } = await signIn({ username: email.trim(), password });
    return this.afterStep(nextStep.signInStep);
  }

  /** The first sign-in of an invited person replaces their temporary password. */
  async setNewPassword(password: string): Promise<SignInStep> {
    const { nextStep } = await confirmSignIn({ challengeResponse: password });
    return this.afterStep(nextStep.signInStep);
  }

  /**
   * Signs out on this device. With changes still waiting they stay queued, with their author
   * remembered: only that person's next sign-in sends them. The sync engine stops first, so no
   * change is tried without tokens, and every tab then starts afresh, signed out.
   */
  async signOut(changesWaiting: boolean): Promise<void> {
    const user = this.user();
    await this.host.stopSync();
    // Offline, Amplify still forgets the tokens here; the server's copy expires on its own.
    await signOut().catch(() => undefined);
    rememberAccount(changesWaiting && user ? { user, signedOut: true } : null);
    await this.reread();
    this.channel.post({ type: 'reload', from: this.channel.tabId });
    this.reloadTab();
  }

  ngOnDestroy(): void {
    this.contact.close();
    for (const cleanup of this.cleanups) cleanup();
  }

  private async afterStep(step: string): Promise<SignInStep> {
    if (step === 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED') return 'new-password';
    if (step !== 'DONE') throw new Error(`This account needs a sign-in step Fieldbook does not offer (${step}).`);
    await this.reread();
    return 'signed-in';
  }

  private async reread(): Promise<void> {
    const user = await userFromStoredTokens();
    const remembered = rememberedAccount();
    if (user) {
      // Kept up with the tokens (groups change at a refresh), for the day the server refuses them.
      rememberAccount({ user, signedOut: false });
      forgetWipeNotice();
      this.set('signed-in', user, null);
    } else if (remembered && !remembered.signedOut) this.set('sign-in-again', remembered.user, null);
    else this.set('signed-out', null, remembered?.user ?? null);
  }

  private set(status: SessionStatus, user: AccountUser | null, waitingFor: AccountUser | null): void {
    this.status.set(status);
    this.user.set(user);
    // Notes and history name the person (also while asked to sign in again: it is still them).
    setSignedInName(user?.name ?? '');
    this.waitingFor.set(waitingFor);
  }

  private listen(): void {
    this.cleanups.push(
      Hub.listen('auth', ({ payload }) => {
        if (payload.event === 'tokenRefresh' || payload.event === 'tokenRefresh_failure') void this.rereadAndRescope();
        // A refresh is a contact with the server too: a device left open for days still hears of a wipe.
        if (payload.event === 'tokenRefresh') {
          this.askAgainAtNextContact();
          void this.beforeApiRequest().catch(() => undefined);
        }
      }),
      // The sync engine lost the server (not always a browser `offline`): ask again before it resends.
      Hub.listen('datastore', ({ payload }) => {
        const data = payload.data as { active?: boolean } | undefined;
        if (payload.event === 'networkStatus' && data?.active === false) this.askAgainAtNextContact();
      }),
    );
    // Refusals heard while one is dealt with belong to it (the same token, the same stopped engine).
    const refused = this.refusals
      .refusals()
      .pipe(exhaustMap(() => this.renewRefusedToken()))
      .subscribe();
    this.cleanups.push(() => refused.unsubscribe());
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || event.key === ACCOUNT_STORAGE_KEY) void this.rereadAndRescope();
    };
    const onOnline = () => void this.refreshWhenOnline();
    const onOffline = () => this.askAgainAtNextContact();
    globalThis.addEventListener('storage', onStorage);
    globalThis.addEventListener('online', onOnline);
    globalThis.addEventListener('offline', onOffline);
    this.cleanups.push(() => {
      globalThis.removeEventListener('storage', onStorage);
      globalThis.removeEventListener('online', onOnline);
      globalThis.removeEventListener('offline', onOffline);
    });
  }

  /**
   * Renewed tokens may name other crews (a membership change reaches the person at their next
   * refresh): the leader then syncs the new scope, without a reload.
   */
  private async rereadAndRescope(): Promise<void> {
    await this.reread();
    await this.host.rescope(this.syncScope());
  }

  /**
   * The sync server refused the access token (patches/LEDGER.md, D14): renewed, sync starts again
   * and the waiting changes go without bothering anyone; a renewal refused shows in `status` as a
   * request to sign in again, and the changes wait for it.
   */
  private async renewRefusedToken(): Promise<void> {
    await renewThenRestart(this.renewal, {
      reread: () => this.reread(),
      restartSync: () => this.host.restartSync(),
      stillWanted: () => this.status() === 'signed-in',
      waitBeforeRetry: onlineAgainOrAfter,
    });
  }

  /** An expired access token is renewed once there is a network; a refusal shows in `status`. */
  private async refreshWhenOnline(): Promise<void> {
    this.askAgainAtNextContact();
    if (this.status() !== 'signed-in' || globalThis.navigator?.onLine === false) return;
    // Offline after all, or the server unreachable: the tokens are kept and the next chance retries.
    await refreshTokens().catch(() => undefined);
    await this.rereadAndRescope();
    // Asked now rather than at the sync engine's first request: a device with nothing to send
    // still hears of a wipe. A device being erased refuses its own requests: nothing to report.
    await this.beforeApiRequest().catch(() => undefined);
  }

  private askAgainAtNextContact(): void {
    this.contact.reconnected();
  }
}
