import { inject, Injectable } from '@angular/core';
import { DISCARD, type PersistentModel } from '@aws-amplify/datastore';
import { type Observable, Subject } from 'rxjs';

import { HandlerReview } from '../util/handler-review';
import { type SyncProblem } from '../util/sync-event';
import { isRefusedConnection } from '../util/token-refusal';
import { type DataStoreHandlers } from './datastore-setup';
import { deviceReviewPorts } from './device-review-ports';
import { PendingHandovers } from './pending-handovers';
import { RecordRepository } from './record-repository';
import { ReviewRepository } from './review-repository';
import { SyncStorageReader } from './sync-storage-reader';

/**
 * DataStore's conflict and error handlers, as HandlerReview decides them: neither may lose what
 * the user typed, so a rejected or dropped change is filed for review before DataStore moves on
 * with the server's copy (a move to another crew is sent again on it). They tell PendingHandovers
 * of the conflicts and refusals that settle a move's handover.
 */
@Injectable({ providedIn: 'root' })
export class SyncHandlers {
  private readonly review = new HandlerReview(
    deviceReviewPorts(inject(ReviewRepository), inject(SyncStorageReader)),
    inject(RecordRepository),
  );
  private readonly handovers = new PendingHandovers();
  private readonly problemsSubject = new Subject<SyncProblem>();
  private readonly refusedConnections = new Subject<void>();

  readonly problems: Observable<SyncProblem> = this.problemsSubject.asObservable();
  /** The sync server refused the token the real-time connection was opened with. */
  readonly connectionsRefused: Observable<void> = this.refusedConnections.asObservable();

  readonly handlers: DataStoreHandlers = {
    conflictHandler: async (conflict) => {
      await this.handovers
        .conflict(conflict.remoteModel as unknown as Record<string, unknown>)
        .catch((error: unknown) => console.error(error));
      const answer = await this.review.conflict({ ...conflict, modelName: conflict.modelConstructor.name });
      return answer === 'discard' ? DISCARD : (answer as PersistentModel);
    },
    // Returned, not left running: DataStore awaits it before dropping a refused change, and the
    // review reads that change from the outbox.
    errorHandler: (error) => {
      if (isRefusedConnection(error)) {
        this.refusedConnections.next();
        return Promise.resolve();
      }
      const refused = (error.localModel as { id?: unknown } | null | undefined)?.id;
      const moveRefused =
        error.process === 'mutate' && typeof refused === 'string'
          ? this.handovers.refused(refused).catch((failed: unknown) => console.error(failed))
          : Promise.resolve();
      return Promise.all([moveRefused, this.review.error(error)]).then(([, told]) => {
        if (told) this.problemsSubject.next({ ...told, at: Date.now() });
      });
    },
  };
}
