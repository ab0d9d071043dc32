import { TestBed } from '@angular/core/testing';
import { Amplify } from 'aws-amplify';
import { Subject } from 'rxjs';

import { setSignedInName } from '../../shared/data/device-identity';
import { until } from '../../shared/util/until.testing';
import { RELOAD_TAB, SyncEngineHost, TokenRefusals } from '../../sync/api';
import { TokenRenewal } from '../util/token-renewal';
import { AccountSession } from './account-session';
import { keepTokens, UNREACHABLE_POOL } from './stored-tokens.testing';
import { amplifyTokenPorts, TOKEN_RENEWAL } from './token-renewal';

const HOUR = 3600;

describe('AccountSession when the sync server refuses the token', () => {
  let refused: Subject<void>;
  let restarts: number;
  let refreshCalls: number;
  let session: AccountSession;

  /**
   * Ana signed in with tokens Amplify trusts for an hour; a refresh gives her new ones when `renews`,
   * after failing as offline `unreachable` times.
   */
  async function signedIn(renews: boolean, unreachable = 0): Promise<void> {
    keepTokens('ana', HOUR);
    const refresh = () =>
      refreshCalls++ < unreachable
        ? Promise.reject(new Error('A network error has occurred.'))
        : Promise.resolve(renews ? keepTokens('ana', HOUR) : null);
    TestBed.configureTestingModule({
      providers: [
        {
          provide: SyncEngineHost,
          useValue: { restartSync: () => Promise.resolve(void restarts++), rescope: () => Promise.resolve() },
        },
        { provide: RELOAD_TAB, useValue: () => undefined },
        { provide: TokenRefusals, useValue: { refusals: () => refused } },
        { provide: TOKEN_RENEWAL, useValue: new TokenRenewal({ ...amplifyTokenPorts, refresh }) },
      ],
    });
    session = TestBed.inject(AccountSession);
    await session.restore(true);
  }

  beforeEach(() => {
    localStorage.clear();
    Amplify.configure(UNREACHABLE_POOL);
    refused = new Subject<void>();
    restarts = 0;
    refreshCalls = 0;
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    setSignedInName('');
    localStorage.clear();
  });

  it('renews the sign-in and starts sync again, without asking anything of the person', async () => {
    await signedIn(true);
    refused.next();
    await until('sync started again', () => restarts === 1);
    expect(session.status()).toBe('signed-in');
  });

  it('tries the renewal again when the user pool could not be reached, and starts sync once it renews', async () => {
    await signedIn(true, 1);
    refused.next();
    await until('the first renewal to fail', () => refreshCalls === 1);
    expect(restarts).toBe(0);
    // The network is back (the renewal would also be tried again after a pause without it).
    globalThis.dispatchEvent(new Event('online'));
    await until('sync started again', () => restarts === 1);
    expect(session.status()).toBe('signed-in');
  });

  it('asks the person to sign in again when the renewed token is refused too, and keeps their name', async () => {
    await signedIn(true);
    refused.next();
    await until('sync started again', () => restarts === 1);

    refused.next();
    await until('a request to sign in again', () => session.status() === 'sign-in-again');
    expect(session.user()?.name).toBe('Ana Silva');
    expect(session.maySync()).toBeTrue();
    expect(restarts).toBe(1);
  });

  it('asks the person to sign in again when the user pool refuses the refresh', async () => {
    await signedIn(false);
    refused.next();
    await until('a request to sign in again', () => session.status() === 'sign-in-again');
    expect(restarts).toBe(0);
  });
});
