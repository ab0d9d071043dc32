import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';

import { until } from '../../shared/util/until.testing';
import { type SyncEvent } from '../util/sync-event';
import { ModelChangeRescue, SIGNED_IN_TO_SEND } from './model-change-rescue';
import { MutationResender, type ResendOutcome } from './mutation-resender';
import { REVIEW_STORAGE_KEY, ReviewRepository } from './review-repository';
import { SyncEventsSource } from './sync-events-source';
import { type OutboxEntry, SyncStorageReader } from './sync-storage-reader';

const queued: OutboxEntry[] = [
  { id: '01A', model: 'Job', modelId: 'job-1', operation: 'Create', data: '{"id":"job-1","title":"Offline job"}' },
  { id: '01B', model: 'FieldNote', modelId: 'note-1', operation: 'Create', data: '{"id":"note-1","body":"Gauge ok"}' },
];

describe('ModelChangeRescue', () => {
  let storedVersion: string | null;
  let events: Subject<SyncEvent>;
  let outcomes: ResendOutcome[];
  let sent: string[];
  let signedIn: boolean;

  beforeEach(() => {
    localStorage.clear();
    storedVersion = 'models-v1';
    events = new Subject();
    outcomes = [];
    sent = [];
    signedIn = true;
    TestBed.configureTestingModule({
      providers: [
        {
          provide: SyncStorageReader,
          useValue: { storedModelsVersion: async () => storedVersion, outboxEntries: async () => queued },
        },
        { provide: SyncEventsSource, useValue: { events: () => events } },
        { provide: SIGNED_IN_TO_SEND, useValue: () => signedIn },
        {
          provide: MutationResender,
          useValue: {
            resend: async (change: { recordId: string }) => {
              sent.push(signedIn ? change.recordId : `${change.recordId} (signed out)`);
              return outcomes.shift() ?? { status: 'sent' };
            },
          },
        },
      ],
    });
  });

  afterEach(() => localStorage.clear());

  it('keeps nothing aside when the models did not change', async () => {
    const kept = await TestBed.inject(ModelChangeRescue).keepQueuedChangesIfModelsChanged('models-v1');

    expect(kept).toBe(0);
    expect(TestBed.inject(ReviewRepository).all()).toEqual([]);
  });

  it('copies every queued change out of the database DataStore is about to wipe', async () => {
    const kept = await TestBed.inject(ModelChangeRescue).keepQueuedChangesIfModelsChanged('models-v2');

    expect(kept).toBe(2);
    const stored = JSON.parse(localStorage.getItem(REVIEW_STORAGE_KEY) ?? '[]') as { recordId: string }[];
    expect(stored.map((change) => change.recordId)).toEqual(['job-1', 'note-1']);
  });

  it('sends the kept changes in order once DataStore is ready, and forgets those the server took', async () => {
    const rescue = TestBed.inject(ModelChangeRescue);
    await rescue.keepQueuedChangesIfModelsChanged('models-v2');
    const subscription = rescue.sendKeptChangesWhenReady();

    outcomes = [{ status: 'sent' }, { status: 'failed', reason: 'Still cannot reach the sync server.' }];
    events.next({ type: 'ready' });
    await until('two changes sent', () => sent.length === 2);

    expect(sent).toEqual(['job-1', 'note-1']);
    expect(
      TestBed.inject(ReviewRepository)
        .all()
        .map((change) => change.recordId),
    ).toEqual(['note-1']);

    events.next({ type: 'ready' });
    await until('the sent changes forgotten', () => TestBed.inject(ReviewRepository).all().length === 0);
    expect(sent).toEqual(['job-1', 'note-1', 'note-1']);
    subscription.unsubscribe();
  });

  it('on a user-pool project, keeps the changes until someone signs in, then sends them as that user', async () => {
    const rescue = TestBed.inject(ModelChangeRescue);
    await rescue.keepQueuedChangesIfModelsChanged('models-v2');
    const subscription = rescue.sendKeptChangesWhenReady();

    signedIn = false;
    events.next({ type: 'ready' });
    // The sign-in restarts the sync engine, which reports ready again.
    signedIn = true;
    events.next({ type: 'ready' });
    await until('the sent changes forgotten', () => TestBed.inject(ReviewRepository).all().length === 0);

    expect(sent).toEqual(['job-1', 'note-1']);
    subscription.unsubscribe();
  });
});
