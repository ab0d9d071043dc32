import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';

import { AccountSession } from './account-session';

/**
 * Sends a signed-out person to the sign-in page, and only then: a project without a user pool has
 * no accounts, and someone asked to sign in again keeps working on the device meanwhile.
 */
export const signedInGuard: CanActivateFn = (_route, state) => {
  if (inject(AccountSession).status() !== 'signed-out') return true;
  return inject(Router).createUrlTree(['/sign-in'], { queryParams: { next: state.url } });
};
