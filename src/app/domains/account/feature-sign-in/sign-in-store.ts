import { computed, inject } from '@angular/core';
import { Router } from '@angular/router';
import { patchState, signalStore, withComputed, withMethods, withProps, withState } from '@ngrx/signals';

import { SyncEngineHost, SyncStatusStore } from '../../sync/api';
import { AccountSession, type SignInStep } from '../data/account-session';
import { wipeNotice } from '../data/device-wipe';
import { type AccountUser } from '../util/account-user';
import { signInErrorMessage } from '../util/sign-in-message';

interface SignInState {
  readonly step: 'password' | 'new-password';
  readonly submitting: boolean;
  readonly error: string | null;
}

const initialState: SignInState = { step: 'password', submitting: false, error: null };

export const SignInStore = signalStore(
  withState(initialState),
  withProps(() => ({
    _session: inject(AccountSession),
    _host: inject(SyncEngineHost),
    _sync: inject(SyncStatusStore),
    _router: inject(Router),
    /** Set when this device erased its data at the office's request (a lost phone), until the next sign-in. */
    wiped: wipeNotice(),
  })),
  withComputed((store) => ({
    /** Whose queued changes only their own sign-in may send, while any wait. */
    changesOf: computed<AccountUser | null>(() => {
      if (store._sync.pending() === 0) return null;
      return store._session.status() === 'sign-in-again' ? store._session.user() : store._session.waitingFor();
    }),
    signedInAs: computed(() => (store._session.status() === 'signed-in' ? store._session.user() : null)),
  })),
  withMethods((store) => {
    /** One submit at a time: a second press while the first is under way does nothing. */
    async function run(attempt: () => Promise<SignInStep>, next: string): Promise<void> {
      if (store.submitting()) return;
      patchState(store, { submitting: true, error: null });
      try {
        const step = await attempt();
        if (step === 'new-password') {
          patchState(store, { step, submitting: false });
          return;
        }
        // The sync engine starts (again) with this person's tokens before any screen needs it.
        await store._host.restartSync();
        patchState(store, initialState);
        await store._router.navigateByUrl(next.startsWith('/') && !next.startsWith('/sign-in') ? next : '/jobs');
      } catch (error: unknown) {
        patchState(store, { submitting: false, error: signInErrorMessage(error) });
      }
    }
    return {
      signIn(email: string, password: string, next: string): Promise<void> {
        const owner = store.changesOf();
        if (owner && !sameAccount(owner, email)) {
          patchState(store, {
            error: `Changes by ${owner.name} wait on this device. Sign in as ${owner.email || owner.name} to send them first.`,
          });
          return Promise.resolve();
        }
        return run(() => store._session.signIn(email, password), next);
      },
      setNewPassword(password: string, repeated: string, next: string): Promise<void> {
        if (password !== repeated) {
          patchState(store, { error: 'The two passwords differ. Type the same new password twice.' });
          return Promise.resolve();
        }
        return run(() => store._session.setNewPassword(password), next);
      },
    };
  }),
);

function sameAccount(user: AccountUser, typed: string): boolean {
  const name = typed.trim().toLowerCase();
  return name === user.email.toLowerCase() || name === user.username.toLowerCase();
}
