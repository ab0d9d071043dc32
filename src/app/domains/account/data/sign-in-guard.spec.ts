import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type ActivatedRouteSnapshot, provideRouter, type RouterStateSnapshot, UrlTree } from '@angular/router';

import { AccountSession, type SessionStatus } from './account-session';
import { signedInGuard } from './sign-in-guard';

function guardFor(status: SessionStatus, url = '/jobs/j1') {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), { provide: AccountSession, useValue: { status: signal(status) } }],
  });
  return TestBed.runInInjectionContext(() =>
    signedInGuard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
  );
}

describe('signedInGuard', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('sends a signed-out person to the sign-in page, remembering where they were going', () => {
    const result = guardFor('signed-out');
    expect(result instanceof UrlTree).toBeTrue();
    expect((result as UrlTree).toString()).toBe('/sign-in?next=%2Fjobs%2Fj1');
  });

  for (const status of ['no-accounts', 'signed-in', 'sign-in-again'] as const) {
    it(`lets the app open when the session is ${status}`, () => {
      expect(guardFor(status)).toBeTrue();
    });
  }
});
