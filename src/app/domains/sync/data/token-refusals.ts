import { inject, Injectable } from '@angular/core';
import { Hub } from 'aws-amplify/utils';
import { merge, Observable } from 'rxjs';

import { SyncHandlers } from './sync-handlers';

/**
 * Each time the sync server refused the access token this device sent (HTTP 401): a queued change
 * DataStore now holds back (patches/LEDGER.md, D14) or the real-time connection. Both say nothing
 * about the changes; the person's sign-in must be renewed, and then sync started again.
 */
@Injectable({ providedIn: 'root' })
export class TokenRefusals {
  private readonly handlers = inject(SyncHandlers);

  refusals(): Observable<void> {
    const mutations = new Observable<void>((subscriber) =>
      Hub.listen('datastore', ({ payload }) => {
        if (payload.event === 'mutationTokenRefused') subscriber.next();
      }),
    );
    return merge(mutations, this.handlers.connectionsRefused);
  }
}
