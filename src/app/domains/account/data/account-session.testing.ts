import { type Provider, signal } from '@angular/core';

import { type Role } from '../util/account-user';
import { ANA } from '../util/account-user.testing';
import { AccountSession } from './account-session';

/** A session double: Ana signed in with `role`, for screens that offer only what the role may do. */
export function signedInAs(role: Role): Provider {
  return {
    provide: AccountSession,
    useValue: { status: signal('signed-in'), user: signal({ ...ANA, groups: [role], role }) },
  };
}
