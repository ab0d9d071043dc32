import { DestroyRef, inject, Injectable } from '@angular/core';
import { Hub } from 'aws-amplify/utils';

import { learnServerTime } from '../../shared/data/device-clock';
import { AnswerReview } from '../util/answer-review';
import { deviceReviewPorts } from './device-review-ports';
import { ReviewRepository } from './review-repository';
import { SyncStorageReader } from './sync-storage-reader';

interface ProcessedMutation {
  readonly event: string;
  readonly data?: { readonly model?: { readonly name?: string }; readonly element?: Record<string, unknown> };
}

const clockTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/**
 * Hands every answer the server sends for this device's saves to AnswerReview, which tells the
 * user in the review list when the server kept another device's value. Runs in the sync leader,
 * where DataStore sends the outbox and every save runs.
 */
@Injectable({ providedIn: 'root' })
export class ReplacedEditCheck {
  private readonly destroyRef = inject(DestroyRef);
  private readonly review = new AnswerReview(
    deviceReviewPorts(inject(ReviewRepository), inject(SyncStorageReader)),
    clockTime,
  );
  private started = false;

  start(): void {
    if (this.started) return;
    this.started = true;
    const stopListening = Hub.listen('datastore', ({ payload }) => {
      const { event, data } = payload as ProcessedMutation;
      if (event !== 'outboxMutationProcessed' || !data?.element || !data.model?.name) return;
      const changedAt = data.element['_lastChangedAt'];
      if (typeof changedAt === 'number') learnServerTime(changedAt);
      this.review.answered(data.model.name, data.element);
    });
    // Hub outlives the injector: a listener left behind would take sent edits meant for the next one.
    this.destroyRef.onDestroy(stopListening);
  }
}
