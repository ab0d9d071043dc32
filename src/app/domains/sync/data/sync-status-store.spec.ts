import { TestBed } from '@angular/core/testing';
import { Hub } from 'aws-amplify/utils';

import { gate } from '../../../../../testing/gate';
import { Site } from '../../../../models';
import { until } from '../../shared/util/until.testing';
import { ReviewRepository } from './review-repository';
import { SyncHandlers } from './sync-handlers';
import { SyncStatusStore } from './sync-status-store';
import { SyncStorageReader } from './sync-storage-reader';

/** Exactly what DataStore's SyncEngine dispatches (node_modules/@aws-amplify/datastore/dist/esm/sync/index.mjs). */
function dispatch(event: string, data?: unknown): void {
  Hub.dispatch('datastore', { event, data });
}

describe('SyncStatusStore (real Hub payloads)', () => {
  let outbox: {
    pending: number;
    /** History entries queued beside the changes: not counted, but not synced either. */
    history: number;
    lastSync: Record<string, number>;
    counts: number;
    hold?: Promise<void>;
  };
  let store: InstanceType<typeof SyncStatusStore>;

  beforeEach(async () => {
    localStorage.clear();
    outbox = { pending: 0, history: 0, lastSync: {}, counts: 0 };
    TestBed.configureTestingModule({
      providers: [
        {
          provide: SyncStorageReader,
          useValue: {
            queuedCounts: async () => {
              outbox.counts++;
              // Read now, answered when the test lets go: as IndexedDB reads before it answers.
              const { pending, history } = outbox;
              await outbox.hold;
              return { changes: pending, entries: pending + history };
            },
            lastSyncTimes: () => Promise.resolve(outbox.lastSync),
            // The review filing looks for the change in the outbox; this device's outbox holds none.
            outboxEntries: () => Promise.resolve([]),
          },
        },
      ],
    });
  });

  afterEach(() => localStorage.clear());

  async function startStore(): Promise<void> {
    store = TestBed.inject(SyncStatusStore);
    // Queued behind the store's own first read of the outbox: once this is done, so is that one.
    await store.refresh();
  }

  it('starts with what is still queued on the device and when each model last synced', async () => {
    outbox.pending = 3;
    outbox.lastSync = { Site: 1_700_000_000_000 };

    store = TestBed.inject(SyncStatusStore);

    await until('the queued count read at start', () => store.pending() === 3);
    expect(store.lastSynced()['Site']).toBe(1_700_000_000_000);
    expect(store.lastSyncedAt()).toBe(1_700_000_000_000);
  });

  it('follows networkStatus to offline and back online', async () => {
    await startStore();

    dispatch('networkStatus', { active: false });
    expect(store.online()).toBeFalse();
    expect(store.syncing()).toBeFalse();

    dispatch('networkStatus', { active: true });
    expect(store.online()).toBeTrue();
  });

  it('knows the server is unreachable from the real-time connection, until the server answers again', async () => {
    await startStore();

    // What Amplify's API category dispatches for the real-time socket (ConnectionStateChange).
    Hub.dispatch('api', { event: 'ConnectionStateChange', data: { connectionState: 'ConnectionDisrupted' } });
    expect(store.serverUnreachable()).toBeTrue();

    dispatch('modelSynced', { model: Site, isFullSync: false, isDeltaSync: true, counts: {} });
    expect(store.serverUnreachable()).toBeFalse();

    // A socket attempt failing just after the server answered does not outweigh the answer.
    Hub.dispatch('api', { event: 'ConnectionStateChange', data: { connectionState: 'ConnectionDisrupted' } });
    expect(store.serverUnreachable()).toBeFalse();
    Hub.dispatch('api', { event: 'ConnectionStateChange', data: { connectionState: 'Connected' } });
    expect(store.serverUnreachable()).toBeFalse();
  });

  it('re-counts the outbox after enqueued and processed mutations instead of counting events', async () => {
    await startStore();
    const site = new Site({ name: 'Quarry' });

    outbox.pending = 1;
    dispatch('outboxMutationEnqueued', { model: Site, element: site });
    dispatch('outboxStatus', { isEmpty: false });
    // A second edit of the same site is merged into the queued mutation: still one entry.
    dispatch('outboxMutationEnqueued', { model: Site, element: site });
    dispatch('outboxStatus', { isEmpty: false });
    await until('the outbox re-counted', () => store.pending() === 1);

    outbox.pending = 0;
    dispatch('outboxMutationProcessed', { model: Site, element: site });
    dispatch('outboxStatus', { isEmpty: true });
    await until('the outbox re-counted', () => store.pending() === 0);
    expect(store.lastSuccessAt()).not.toBeNull();
  });

  it('records the time each model finished syncing and is syncing in between', async () => {
    await startStore();

    dispatch('networkStatus', { active: true });
    dispatch('subscriptionsEstablished');
    dispatch('syncQueriesStarted', { models: ['Site', 'Job', 'FieldNote'] });
    expect(store.syncing()).toBeTrue();

    const before = Date.now();
    dispatch('modelSynced', {
      model: Site,
      isFullSync: true,
      isDeltaSync: false,
      counts: { new: 2, updated: 0, deleted: 0 },
    });
    dispatch('syncQueriesReady');
    dispatch('ready');

    expect(store.lastSynced()['Site']).toBeGreaterThanOrEqual(before);
    expect(store.lastSynced()['Job']).toBeUndefined();
    expect(store.syncing()).toBeFalse();
  });

  it('reports errorHandler failures in plain words and counts the change kept for review', async () => {
    await startStore();
    const { errorHandler } = TestBed.inject(SyncHandlers).handlers;
    const site = new Site({ name: 'Depot' });

    errorHandler!({
      localModel: { id: site.id, name: 'Depot' } as never,
      message: 'A network error has occurred.',
      operation: 'Update',
      errorType: 'Unknown',
      process: 'mutate' as never,
      remoteModel: null as never,
      cause: new Error('A network error has occurred.'),
    });
    await until('the change kept for review', () => store.toReviewCount() === 1);

    expect(store.problem()?.message).toContain('Could not reach the sync server');
    expect(store.toReviewCount()).toBe(1);
    expect(TestBed.inject(ReviewRepository).all()[0]).toEqual(
      jasmine.objectContaining({ kind: 'failed', recordId: site.id, mine: { name: 'Depot' } }),
    );
  });

  it('hides a sync problem once the server accepts something again', async () => {
    await startStore();
    TestBed.inject(SyncHandlers).handlers.errorHandler!({
      localModel: null as never,
      message: 'Request failed',
      errorType: 'Transient',
      process: 'sync' as never,
      operation: 'sync',
      remoteModel: null as never,
    });
    await until('the problem shown', () => store.problem() !== null);
    expect(store.problem()?.message).toContain('having trouble');

    // The success must come after the problem, not in the same millisecond.
    const shownAt = Date.now();
    await until('the clock to move on', () => Date.now() > shownAt);
    dispatch('modelSynced', {
      model: Site,
      isFullSync: false,
      isDeltaSync: true,
      counts: { new: 0, updated: 1, deleted: 0 },
    });

    expect(store.problem()).toBeNull();
  });

  /** What DataStore dispatches when its engine comes online and has run its sync queries. */
  function engineReports(): void {
    dispatch('networkStatus', { active: true });
    dispatch('subscriptionsEstablished');
    dispatch('syncQueriesStarted', { models: ['Site'] });
    dispatch('syncQueriesReady');
  }

  it('is not settled after a start until the sync engine has run its sync queries', async () => {
    await startStore();
    await until('the outbox counted at start', () => store.outboxCounted());
    expect(store.settled()).toBeFalse();

    engineReports();

    await until('settled once the engine reported', () => store.settled());
    expect(store.syncing()).toBeFalse();
  });

  it('counts a queued change as pending at once, and settles only after the recount', async () => {
    await startStore();
    engineReports();
    await until('settled', () => store.settled() && !store.syncing());
    const site = new Site({ name: 'Quarry' });

    outbox.pending = 1;
    dispatch('outboxMutationEnqueued', { model: Site, element: site });
    dispatch('outboxStatus', { isEmpty: false });
    expect(store.pending()).toBe(1);
    expect(store.syncing()).toBeTrue();
    expect(store.settled()).toBeFalse();
    await until('the outbox re-counted', () => store.settled());
    expect(store.pending()).toBe(1);

    outbox.pending = 0;
    dispatch('outboxMutationProcessed', { model: Site, element: site });
    dispatch('outboxStatus', { isEmpty: true });
    expect(store.settled()).toBeFalse();
    await until('the outbox re-counted empty', () => store.settled());
    expect(store.pending()).toBe(0);
    expect(store.syncing()).toBeFalse();
  });

  it('does not take a count begun before the latest outbox event as settled', async () => {
    await startStore();
    engineReports();
    await until('settled', () => store.settled());
    const first = gate();
    const second = gate();
    const countsBefore = outbox.counts;

    outbox.hold = first.opened;
    outbox.pending = 5;
    dispatch('outboxMutationEnqueued', { model: Site, element: new Site({ name: 'Quarry' }) });
    await until('the first recount begun', () => outbox.counts === countsBefore + 1);
    outbox.hold = second.opened;
    outbox.pending = 2;
    dispatch('outboxMutationEnqueued', { model: Site, element: new Site({ name: 'Depot' }) });
    first.open();

    await until('the first count applied', () => store.pending() === 5);
    expect(store.settled()).toBeFalse();
    await until('the second recount begun', () => outbox.counts === countsBefore + 2);
    second.open();
    await until('the second count applied', () => store.pending() === 2);
    expect(store.settled()).toBeTrue();
  });

  it('keeps syncing while only a history entry waits: it is not counted, but not synced either', async () => {
    await startStore();
    engineReports();
    await until('settled', () => store.settled() && !store.syncing());
    const site = new Site({ name: 'Quarry' });

    outbox.history = 1;
    dispatch('outboxMutationProcessed', { model: Site, element: site });
    dispatch('outboxStatus', { isEmpty: false });
    await until('the outbox re-counted', () => store.settled());
    expect(store.pending()).toBe(0);
    expect(store.syncing()).toBeTrue();

    outbox.history = 0;
    dispatch('outboxMutationProcessed', { model: 'ChangeLogEntry', element: { id: 'h1' } });
    dispatch('outboxStatus', { isEmpty: true });
    await until('the outbox re-counted empty', () => store.settled() && !store.syncing());
  });
});
