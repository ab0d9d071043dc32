import { DestroyRef, inject, Injectable } from '@angular/core';
import { Hub } from 'aws-amplify/utils';

import { learnServerTime } from '../../shared/data/device-clock';
import { AnswerReview } from '../util/answer-review';
import { deviceReviewPorts } from './device-review-ports';
import { RecordRepository } from './record-repository';
import { ReviewRepository } from './review-repository';
import { SyncStorageReader } from './sync-storage-reader';

interface SyncEvent {
  readonly event: string;
  readonly data?: { readonly model?: { readonly name?: string }; readonly element?: Record<string, unknown> };
}

const clockTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/**
 * Hands every answer the server sends for this device's saves to AnswerReview, which tells the
 * user in the review list when the server kept another device's value. Runs in the sync leader,
 * where DataStore sends the outbox and every save runs; when the engine starts it also hands over
 * its first sync, against which edits whose answer a closed tab took with it are judged.
 */
@Injectable({ providedIn: 'root' })
export class ReplacedEditCheck {
  private readonly destroyRef = inject(DestroyRef);
  private readonly records = inject(RecordRepository);
  private readonly review = new AnswerReview(
    deviceReviewPorts(inject(ReviewRepository), inject(SyncStorageReader)),
    clockTime,
    (model, id) => this.records.stored(model, id),
  );
  private started = false;

  start(): void {
    if (this.started) return;
    this.started = true;
    const stopListening = Hub.listen('datastore', ({ payload }) => {
      const { event, data } = payload as SyncEvent;
      const changedAt = event === 'outboxMutationProcessed' ? data?.element?.['_lastChangedAt'] : undefined;
      if (typeof changedAt === 'number') learnServerTime(changedAt);
      this.review.syncEvent(event, data);
    });
    // Hub outlives the injector: a listener left behind would take sent edits meant for the next one.
    this.destroyRef.onDestroy(stopListening);
  }
}
