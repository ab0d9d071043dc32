import { TestBed } from '@angular/core/testing';
import { type SyncError } from '@aws-amplify/datastore';

import { until } from '../../shared/util/until.testing';
import { ReviewRepository } from './review-repository';
import { SyncHandlers } from './sync-handlers';
import { type OutboxEntry, SyncStorageReader } from './sync-storage-reader';

/** The handler reads the device store before filing (DataStore may be starting), so filing takes a while. */
const filed = (count: number) =>
  until(`${count} change(s) filed`, () => TestBed.inject(ReviewRepository).all().length === count);

/** What DataStore's errorHandler receives when a create meets an id the server already holds. */
function createRefused(local: object, remote: object): SyncError<object> {
  return {
    localModel: local as never,
    remoteModel: remote as never,
    message: 'The conditional request failed',
    model: 'Job',
    operation: 'Create',
    errorType: 'Unknown',
    process: 'mutate' as never,
    cause: { errorType: 'ConditionalCheckFailedException', message: 'The conditional request failed' } as never,
  };
}

describe('SyncHandlers', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('files nothing for a create the server already holds exactly as sent (its first answer was lost)', async () => {
    const sent = { id: 'job-1', title: 'Check valves', tags: ['pump'] };
    const handlers = TestBed.inject(SyncHandlers);
    const problems: string[] = [];
    handlers.problems.subscribe(({ message }) => problems.push(message));
    handlers.handlers.errorHandler!(createRefused(sent, { ...sent, _version: 1, _deleted: null }));
    // A refusal the server kept something else for, about the same record, goes through the same
    // reads and is filed after anything the first one would have filed.
    handlers.handlers.errorHandler!(createRefused({ id: 'job-1', title: 'Marker' }, { id: 'job-1', title: 'Other' }));
    await filed(1);

    expect(TestBed.inject(ReviewRepository).all()).toEqual([
      jasmine.objectContaining({ recordId: 'job-1', mine: { title: 'Marker' } }),
    ]);
    expect(problems.length).toBe(1);
  });

  it('keeps a refused create for review when the server holds something else under that id', async () => {
    const sent = { id: 'job-1', title: 'Check valves' };
    TestBed.inject(SyncHandlers).handlers.errorHandler!(createRefused(sent, { id: 'job-1', title: 'Other job' }));
    await filed(1);

    expect(TestBed.inject(ReviewRepository).all()).toEqual([
      jasmine.objectContaining({ kind: 'failed', recordId: 'job-1', mine: { title: 'Check valves' } }),
    ]);
  });

  describe('a change the server refuses for the account (AppSync Unauthorized)', () => {
    const queuedDelete: OutboxEntry = {
      id: '01A',
      model: 'Job',
      modelId: 'job-7',
      operation: 'Delete',
      data: JSON.stringify({ id: 'job-7', title: 'Replace boiler valve', status: 'OPEN', _version: 3 }),
    };
    let outbox: OutboxEntry[];

    beforeEach(() => {
      outbox = [queuedDelete];
      TestBed.configureTestingModule({
        providers: [{ provide: SyncStorageReader, useValue: { outboxEntries: async () => outbox } }],
      });
    });

    /** As DataStore's mutation processor reports it: no values, the NonRetryableError it raised as the cause. */
    function refused(model: string): SyncError<object> {
      const cause = Object.assign(new Error('Unauthorized'), { nonRetryable: true });
      return {
        localModel: null as never,
        remoteModel: null as never,
        message: 'Unauthorized',
        model,
        operation: undefined as never,
        errorType: 'Unauthorized',
        process: 'sync' as never,
        cause: cause as never,
      };
    }

    it('files the change being sent with its values and says the user may no longer make it', async () => {
      const handlers = TestBed.inject(SyncHandlers);
      const problems: string[] = [];
      handlers.problems.subscribe(({ message }) => problems.push(message));
      // DataStore drops the change once the handler settles: the entry must be filed by then.
      await handlers.handlers.errorHandler!(refused('Job'));
      outbox = [];

      expect(TestBed.inject(ReviewRepository).all()).toEqual([
        jasmine.objectContaining({
          kind: 'failed',
          model: 'Job',
          recordId: 'job-7',
          operation: 'delete',
          mine: { title: 'Replace boiler valve', status: 'OPEN' },
          reason: jasmine.stringMatching(/^You may no longer delete this job/),
          label: 'Replace boiler valve',
        }),
      ]);
      await until('the user told', () => problems.length === 1);
      expect(problems[0]).toMatch(/^You may no longer delete this job/);
    });

    it('files nothing for a refused sync query of another model than the change being sent', async () => {
      const handlers = TestBed.inject(SyncHandlers);
      const problems: string[] = [];
      handlers.problems.subscribe(({ message }) => problems.push(message));
      await handlers.handlers.errorHandler!({
        ...refused('Site'),
        cause: { errors: [{ errorType: 'Unauthorized' }] } as never,
      });
      await until('the user told', () => problems.length === 1);

      expect(TestBed.inject(ReviewRepository).all()).toEqual([]);
    });
  });
});
