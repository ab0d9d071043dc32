import { computed, inject, Injectable } from '@angular/core';

import { type Action, type Asker, mayDo, type Subject } from '../util/permissions';
import { AccountSession } from './account-session';

/** What the signed-in person may do, for the screens to offer only that; read from the session. */
@Injectable({ providedIn: 'root' })
export class Permissions {
  private readonly session = inject(AccountSession);
  // Asked to sign in again, it is still them: their role holds until the server says otherwise.
  private readonly asker = computed<Asker>(() =>
    this.session.status() === 'no-accounts' ? 'no-accounts' : (this.session.user()?.role ?? null),
  );

  /** Reads signals, so a template or computed using it follows a sign-in or a role change. */
  may(action: Action, subject: Subject, own = true): boolean {
    return mayDo(this.asker(), action, subject, own);
  }
}
