import { TestBed } from '@angular/core/testing';
import { Amplify } from 'aws-amplify';
import { Hub } from 'aws-amplify/utils';

import { crewMemberName, setSignedInName } from '../../shared/data/device-identity';
import { RELOAD_TAB, SyncEngineHost } from '../../sync/api';
import { AccountSession } from './account-session';
import { keepExpiredTokens, TOKEN_PREFIX, UNREACHABLE_POOL } from './stored-tokens.testing';

/** Resolves at Amplify's next refresh failure (its own signal that a refresh was tried and failed). */
function nextRefreshFailure(): Promise<void> {
  return new Promise((resolve) => {
    const stop = Hub.listen('auth', ({ payload }) => {
      if (payload.event !== 'tokenRefresh_failure') return;
      stop();
      resolve();
    });
  });
}

describe('AccountSession', () => {
  let session: AccountSession;

  beforeEach(() => {
    localStorage.clear();
    Amplify.configure(UNREACHABLE_POOL);
    TestBed.configureTestingModule({
      providers: [
        { provide: SyncEngineHost, useValue: { stopSync: () => Promise.resolve(), rescope: () => Promise.resolve() } },
        { provide: RELOAD_TAB, useValue: () => undefined },
      ],
    });
    session = TestBed.inject(AccountSession);
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    setSignedInName('');
    localStorage.clear();
  });

  it('has no accounts when the backend has no user pool', async () => {
    keepExpiredTokens('ana');
    await session.restore(false);
    expect(session.status()).toBe('no-accounts');
    expect(session.user()).toBeNull();
    expect(session.maySendChanges()).toBeTrue();
  });

  it('is signed out when the device keeps no tokens', async () => {
    await session.restore(true);
    expect(session.status()).toBe('signed-out');
    expect(session.maySync()).toBeFalse();
    expect(session.maySendChanges()).toBeFalse();
  });

  it('stays signed in with an expired access token while the server cannot be reached', async () => {
    keepExpiredTokens('ana');
    const refreshFailed = nextRefreshFailure();

    await session.restore(true);
    expect(session.status()).toBe('signed-in');
    expect(session.maySendChanges()).toBeTrue();
    expect(session.user()).toEqual(jasmine.objectContaining({ name: 'Ana Silva', role: 'Crew' }));
    expect(crewMemberName()).toBe('Ana Silva');

    await refreshFailed;
    expect(session.status()).toBe('signed-in');
    expect(localStorage.getItem(`${TOKEN_PREFIX}.ana.refreshToken`)).toBe('refresh-token');
  });

  it('asks the same person to sign in again when their tokens are gone, and keeps their name', async () => {
    keepExpiredTokens('ana');
    await session.restore(true);
    // What Amplify does when the server refuses the refresh token: it drops the tokens.
    for (const key of Object.keys(localStorage)) if (key.startsWith(TOKEN_PREFIX)) localStorage.removeItem(key);

    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        { provide: SyncEngineHost, useValue: { rescope: () => Promise.resolve() } },
        { provide: RELOAD_TAB, useValue: () => undefined },
      ],
    });
    const restarted = TestBed.inject(AccountSession);
    await restarted.restore(true);

    expect(restarted.status()).toBe('sign-in-again');
    expect(restarted.user()?.name).toBe('Ana Silva');
    expect(restarted.maySync()).toBeTrue();
    // Only that person's sign-in sends what a model-change rescue kept aside.
    expect(restarted.maySendChanges()).toBeFalse();
    expect(crewMemberName()).toBe('Ana Silva');
  });

  it('after a sign-out with changes waiting, names whose changes they are', async () => {
    keepExpiredTokens('ana');
    await session.restore(true);

    await session.signOut(true);

    expect(session.status()).toBe('signed-out');
    expect(session.user()).toBeNull();
    expect(session.waitingFor()?.name).toBe('Ana Silva');
    expect(localStorage.getItem(`${TOKEN_PREFIX}.ana.accessToken`)).toBeNull();
  });
});
