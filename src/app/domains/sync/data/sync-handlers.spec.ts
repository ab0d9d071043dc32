import { TestBed } from '@angular/core/testing';
import { type SyncError } from '@aws-amplify/datastore';

import { hasSentEdit, noteSentEdit } from '../../shared/data/sent-edits';
import { until } from '../../shared/util/until.testing';
import { RecordRepository } from './record-repository';
import { refusedForPermission } from './refused-for-permission.testing';
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

/**
 * What DataStore's errorHandler receives when an edit of a record a sync deleted under it went as a
 * create holding only the edited fields.
 */
function editSentAsCreate(local: object): SyncError<object> {
  const message = 'Field "siteID" of required type "ID!" was not provided.';
  return {
    localModel: local as never,
    remoteModel: null as never,
    message,
    operation: 'Create',
    errorType: 'Unknown',
    process: 'mutate' as never,
    cause: { errorType: 'ValidationError', message } as never,
  } as unknown as SyncError<object>;
}

describe('SyncHandlers', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('files nothing for a real-time connection whose token the server refused, and says the token was refused', async () => {
    const handlers = TestBed.inject(SyncHandlers);
    const told: string[] = [];
    handlers.problems.subscribe(({ message }) => told.push(message));
    handlers.connectionsRefused.subscribe(() => told.push('token refused'));
    // As DataStore reports the handshake's 401 for each subscription, then an @auth refusal of one.
    const subscription = { localModel: null as never, remoteModel: null as never, model: 'Job', operation: 'Create' };
    await handlers.handlers.errorHandler!({
      ...subscription,
      message: 'Connection failed: UnauthorizedException',
      errorType: 'Unauthorized',
      process: 'subscribe' as never,
    });
    await handlers.handlers.errorHandler!({
      ...subscription,
      message: 'Connection failed: {"errors":[{"errorType":"Unauthorized","message":"Not Authorized"}]}',
      errorType: 'Unauthorized',
      process: 'subscribe' as never,
    });

    expect(told).toEqual(['token refused', jasmine.stringContaining('did not let this device in')]);
    expect(TestBed.inject(ReviewRepository).all()).toEqual([]);
  });

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

  // A reload while a history entry's create was in flight: the server answered the first send,
  // the page never saw it, and the new page sent it again (job-report e2e, under load).
  it('files nothing for a resent create whose JSON field the server holds parsed', async () => {
    const fields = { name: 'Harbour Pump Station', location: null };
    const sent = { id: 'entry-1', recordModel: 'Site', operation: 'create', fields: JSON.stringify(fields) };
    const handlers = TestBed.inject(SyncHandlers);
    handlers.handlers.errorHandler!(createRefused(sent, { ...sent, fields, _version: 1 }));
    handlers.handlers.errorHandler!(
      createRefused({ ...sent, id: 'entry-2' }, { ...sent, id: 'entry-2', fields: { ...fields, name: 'Other' } }),
    );
    await filed(1);

    expect(TestBed.inject(ReviewRepository).all()).toEqual([jasmine.objectContaining({ recordId: 'entry-2' })]);
  });

  // DataStore stores an edit of a record a sync deleted under it as a new record, and sends a
  // create holding only the edited fields, which the server refuses (fuzz seed 20).
  it('files an edit sent as a create of its deleted record as an edit of a deleted job, whole', async () => {
    const id = crypto.randomUUID();
    const queued = [{ id: '01', model: 'Job', modelId: id, operation: 'Create', data: '{}' }];
    TestBed.overrideProvider(SyncStorageReader, { useValue: { outboxEntries: () => Promise.resolve(queued) } });
    noteSentEdit('Job', id, { title: 'Pump B' }, new Date().toISOString(), {}, { siteID: 's1', title: 'Pump B' });
    TestBed.inject(SyncHandlers).handlers.errorHandler!(editSentAsCreate({ id, title: 'Pump B', _version: 3 }));
    await filed(1);

    expect(TestBed.inject(ReviewRepository).all()).toEqual([
      jasmine.objectContaining({
        kind: 'conflict',
        model: 'Job',
        recordId: id,
        operation: 'update',
        mine: { siteID: 's1', title: 'Pump B' },
      }),
    ]);
    expect(hasSentEdit('Job', id)).toBeFalse();
  });

  // Fuzz seed 26 (200-seed run): the user saved the job again while that create was in flight; the
  // second save, queued behind it, is their last word and is what the entry offers back.
  it('files an edit sent as a create of its deleted record with the values saved after it', async () => {
    const id = crypto.randomUUID();
    const queued = [{ id: '01', model: 'Job', modelId: id, operation: 'Update', data: '{}' }];
    TestBed.overrideProvider(SyncStorageReader, { useValue: { outboxEntries: () => Promise.resolve(queued) } });
    const record = { siteID: 's1', title: 'Pump B', status: 'DONE' };
    noteSentEdit('Job', id, { status: 'DONE' }, new Date().toISOString(), { status: 'OPEN' }, record);
    const later = { ...record, status: 'IN_PROGRESS' };
    noteSentEdit('Job', id, { status: 'IN_PROGRESS' }, new Date().toISOString(), {}, later);
    TestBed.inject(SyncHandlers).handlers.errorHandler!(editSentAsCreate({ id, status: 'DONE', _version: 3 }));
    await filed(1);

    expect(TestBed.inject(ReviewRepository).all()).toEqual([
      jasmine.objectContaining({ kind: 'conflict', recordId: id, mine: later }),
    ]);
  });

  // DataStore hands the conflict handler the server's record with the sent fields over it
  // (server/test/crew-move-conflict.test.ts): a move alone differs from it in its scope only.
  it('sends a move to another crew again on the server’s version, filing only a save that changed more', async () => {
    const { conflictHandler } = TestBed.inject(SyncHandlers).handlers;
    const server = { id: 's1', name: 'Quay', notes: null, crewID: 'north', crewGroup: 'crew-north', _version: 2 };
    const moved = { ...server, crewID: 'south', crewGroup: 'crew-south', _version: 1 };
    const conflict = (local: object) =>
      conflictHandler!({
        modelConstructor: { name: 'Site' } as never,
        localModel: local as never,
        remoteModel: server as never,
        operation: 'UPDATE' as never,
        attempts: 1,
      });

    expect(await conflict(moved)).toEqual({ id: 's1', crewID: 'south', crewGroup: 'crew-south', _version: 2 } as never);
    expect(TestBed.inject(ReviewRepository).all()).toEqual([]);

    await conflict({ ...moved, name: 'Quay East' });
    await filed(1);

    expect(TestBed.inject(ReviewRepository).all()).toEqual([
      jasmine.objectContaining({
        kind: 'conflict',
        recordId: 's1',
        mine: jasmine.objectContaining({ name: 'Quay East' }),
      }),
    ]);
  });

  // Fuzz seed 16: the server refused a change as DataStore was stopping for a hand-over, and the
  // store refused the handler's reads, so nothing was filed and the change was dropped.
  it('files a refused change while the device store refuses reads', async () => {
    const stopping = () => Promise.reject(new Error('DataStoreStateError: DataStore was "Stopping"'));
    TestBed.overrideProvider(RecordRepository, { useValue: { modelOf: stopping, current: stopping } });
    const refused = createRefused({ id: 'job-1', title: 'Marker' }, { id: 'job-1', title: 'Other' });
    // DataStore's error names no model for some refusals (a validation error has no path).
    TestBed.inject(SyncHandlers).handlers.errorHandler!({ ...refused, model: undefined as never });
    await filed(1);

    expect(TestBed.inject(ReviewRepository).all()).toEqual([
      jasmine.objectContaining({ kind: 'failed', recordId: 'job-1', mine: { title: 'Marker' } }),
    ]);
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

    it('files the change being sent with its values and says the user may no longer make it', async () => {
      const handlers = TestBed.inject(SyncHandlers);
      const problems: string[] = [];
      handlers.problems.subscribe(({ message }) => problems.push(message));
      // DataStore drops the change once the handler settles: the entry must be filed by then.
      await handlers.handlers.errorHandler!(refusedForPermission('Job'));
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

    // Fuzz seed 19: a crew member's delete of another's note was refused as DataStore began to stop
    // for a reconnect; the store refused the handler's read of the note, so nothing was filed, and
    // DataStore, its mutation processor not stopped yet, dropped the delete.
    it('files the change being sent while the device store refuses reads', async () => {
      const stopping = () => Promise.reject(new Error('DataStoreStateError: DataStore was "Stopping"'));
      TestBed.overrideProvider(RecordRepository, { useValue: { modelOf: stopping, current: stopping } });
      await TestBed.inject(SyncHandlers).handlers.errorHandler!(refusedForPermission('Job'));

      expect(TestBed.inject(ReviewRepository).all()).toEqual([
        jasmine.objectContaining({
          kind: 'failed',
          recordId: 'job-7',
          operation: 'delete',
          mine: { title: 'Replace boiler valve', status: 'OPEN' },
          label: 'Replace boiler valve',
        }),
      ]);
    });

    it('files nothing for a refused sync query of another model than the change being sent', async () => {
      const handlers = TestBed.inject(SyncHandlers);
      const problems: string[] = [];
      handlers.problems.subscribe(({ message }) => problems.push(message));
      await handlers.handlers.errorHandler!({
        ...refusedForPermission('Site'),
        cause: { errors: [{ errorType: 'Unauthorized' }] } as never,
      });
      await until('the user told', () => problems.length === 1);

      expect(TestBed.inject(ReviewRepository).all()).toEqual([]);
    });
  });
});
