import { computed, effect, inject } from '@angular/core';
import {
  patchState,
  signalStoreFeature,
  withComputed,
  withHooks,
  withMethods,
  withProps,
  withState,
} from '@ngrx/signals';

import { AccountSession } from '../../account/api';
import { SyncStatusStore } from '../../sync/api';

interface SignOutState {
  /** Sign-out asked while changes wait: offered to wait for them first. */
  readonly confirmingSignOut: boolean;
  /** Signs out on its own once every change has reached the server. */
  readonly signOutWhenSent: boolean;
  readonly signOutNotice: string | null;
}

/**
 * Who is signed in, and signing out without losing work: while changes wait, the person is told
 * and may sign out once they are sent, or at once (the changes then wait for their next sign-in).
 */
export function withSignOut() {
  return signalStoreFeature(
    withState<SignOutState>({ confirmingSignOut: false, signOutWhenSent: false, signOutNotice: null }),
    withProps(() => ({ _account: inject(AccountSession), _outbox: inject(SyncStatusStore) })),
    withComputed((store) => ({
      /** The signed-in person (or the one asked to sign in again); null on a project without accounts. */
      account: computed(() => store._account.user()),
    })),
    withMethods((store) => ({
      async signOut(): Promise<void> {
        const waiting = store._outbox.pending() > 0;
        patchState(store, { confirmingSignOut: false, signOutNotice: 'Signing out…' });
        await store._account.signOut(waiting);
      },
      askToSignOut(): void {
        if (store._outbox.pending() > 0) patchState(store, { confirmingSignOut: true, signOutNotice: null });
        else void store._account.signOut(false);
      },
      waitThenSignOut(): void {
        patchState(store, {
          confirmingSignOut: false,
          signOutWhenSent: true,
          signOutNotice: 'You will be signed out once every change has reached the server.',
        });
      },
      cancelSignOut(): void {
        patchState(store, { confirmingSignOut: false, signOutWhenSent: false, signOutNotice: null });
      },
    })),
    withHooks({
      onInit(store) {
        effect(() => {
          if (store.signOutWhenSent() && store._outbox.pending() === 0) void store._account.signOut(false);
        });
      },
    }),
  );
}
