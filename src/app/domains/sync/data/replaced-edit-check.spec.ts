import { TestBed } from '@angular/core/testing';
import { Hub } from 'aws-amplify/utils';

import { noteSentEdit } from '../../shared/data/sent-edits';
import { until } from '../../shared/util/until.testing';
import { ReplacedEditCheck } from './replaced-edit-check';
import { REVIEW_STORAGE_KEY, ReviewRepository } from './review-repository';
import { SyncStorageReader } from './sync-storage-reader';

/** What DataStore dispatches once the server has answered a queued mutation. */
function serverAnswered(element: Record<string, unknown>): void {
  Hub.dispatch('datastore', { event: 'outboxMutationProcessed', data: { model: { name: 'Job' }, element } });
}

describe('ReplacedEditCheck', () => {
  let outboxReads = 0;

  beforeEach(() => {
    localStorage.removeItem(REVIEW_STORAGE_KEY);
    outboxReads = 0;
    TestBed.configureTestingModule({
      providers: [
        {
          provide: SyncStorageReader,
          // Reading the outbox takes a moment, as IndexedDB does: answers arrive meanwhile.
          useValue: {
            outboxEntries: () => new Promise((resolve) => setTimeout(() => resolve((outboxReads++, [])), 30)),
          },
        },
      ],
    });
    TestBed.inject(ReplacedEditCheck).start();
  });

  afterEach(() => localStorage.removeItem(REVIEW_STORAGE_KEY));

  it('judges an edit by the newest answer, not by the create answered just before it', async () => {
    const id = crypto.randomUUID();
    noteSentEdit('Job', id, { title: 'Pump B' }, new Date().toISOString());
    serverAnswered({ id, title: 'Pump', _version: 1, _lastChangedAt: Date.now() });
    serverAnswered({ id, title: 'Pump B', _version: 2, _lastChangedAt: Date.now() });
    await until('the answers checked', () => outboxReads >= 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(TestBed.inject(ReviewRepository).all()).toEqual([]);
  });

  it('still tells the user when the newest answer kept another value', async () => {
    const id = crypto.randomUUID();
    noteSentEdit('Job', id, { title: 'Pump B' }, new Date().toISOString());
    serverAnswered({ id, title: 'Pump C', _version: 3, _lastChangedAt: Date.now() });
    const conflicts = TestBed.inject(ReviewRepository);
    await until('the replaced title filed', () => conflicts.all().length === 1);
    expect(conflicts.all()[0]).toEqual(jasmine.objectContaining({ kind: 'replaced', mine: { title: 'Pump B' } }));
  });
});
