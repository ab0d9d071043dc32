import { inject, Injectable } from '@angular/core';
import { filter, map, type Observable } from 'rxjs';

import { SyncLeadership } from '../../shared/data/sync-leadership';
import { TabChannel } from '../../shared/data/tab-channel';
import { type SyncStatusState } from '../util/sync-status-reducer';

/**
 * Only the sync leader hears DataStore's sync events, so it shares its status with the other tabs,
 * and every tab shows the same sync bar and pending count.
 */
@Injectable({ providedIn: 'root' })
export class SyncStatusRelay {
  private readonly channel = inject(TabChannel);
  private readonly leadership = inject(SyncLeadership);

  share(status: SyncStatusState): void {
    if (this.leadership.isLeader()) this.channel.post({ type: 'sync-status', status });
  }

  /** The leader's status, as it changes. */
  fromLeader(): Observable<SyncStatusState> {
    return this.channel.messages('sync-status').pipe(
      map(({ status }) => status),
      filter(isSyncStatus),
    );
  }

  /** A tab started and wants the status now. */
  asks(): Observable<unknown> {
    return this.channel.messages('who-leads');
  }
}

function isSyncStatus(value: unknown): value is SyncStatusState {
  const status = value as Partial<SyncStatusState> | null;
  return (
    typeof status === 'object' &&
    status !== null &&
    typeof status.online === 'boolean' &&
    typeof status.pending === 'number' &&
    Array.isArray(status.problems)
  );
}
