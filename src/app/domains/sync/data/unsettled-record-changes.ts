import { computed, inject, Injectable } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { combineLatest, distinctUntilChanged, filter, map, type Observable, startWith, switchMap } from 'rxjs';

import { type UnsettledChanges } from '../../history/api';
import { HISTORY_MODEL } from '../util/outbox-entry';
import { ReviewRepository } from './review-repository';
import { SyncStatusStore } from './sync-status-store';
import { SyncStorageReader } from './sync-storage-reader';

/**
 * This device's changes to a record that the server has not kept: history entries still in the
 * outbox (each is queued right after its change, so it leaves the outbox once the change was
 * answered) and values under review. Read in any tab: the outbox is the device's, the review list
 * is shared, and the status that says when the outbox moved is relayed to every tab.
 */
@Injectable({ providedIn: 'root' })
export class UnsettledRecordChanges {
  private readonly reader = inject(SyncStorageReader);
  private readonly review = inject(ReviewRepository);
  private readonly status = inject(SyncStatusStore);
  /**
   * Each time the status has counted the outbox after its last event (a burst of outbox events
   * sets `outboxCounted` false until the recount): read once things are quiet, never in the middle
   * of DataStore's own outbox writes.
   */
  private readonly outboxCounted = toObservable(
    computed(() => (this.status.outboxCounted() ? { pending: this.status.pending() } : null)),
  );

  watchFor(recordId: string): Observable<UnsettledChanges> {
    const queued = this.outboxCounted.pipe(
      filter((counted) => counted !== null),
      // Once at once too: a page opened while a count is under way shows its history meanwhile.
      startWith(null),
      switchMap(() => this.reader.outboxEntries()),
      map((entries) => entries.filter((entry) => entry.model === HISTORY_MODEL).map((entry) => entry.modelId)),
      distinctUntilChanged((a, b) => a.join() === b.join()),
      map((ids) => new Set(ids)),
    );
    const notKept = this.review
      .watch()
      .pipe(
        map((changes) =>
          changes
            .filter(
              (change) => change.recordId === recordId && change.kind !== 'orphaned' && change.operation !== 'delete',
            )
            .map((change) => change.mine),
        ),
      );
    return combineLatest({ queued, notKept });
  }
}
