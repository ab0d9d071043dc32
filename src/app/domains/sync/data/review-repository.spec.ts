import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

import { type ChangeToReview } from '../util/change-to-review';
import { REVIEW_STORAGE_KEY, ReviewRepository } from './review-repository';

function change(id: string, recordId: string, mine: ChangeToReview['mine'] = { name: id }): ChangeToReview {
  return { id, kind: 'conflict', model: 'Site', recordId, operation: 'update', mine, theirs: null, reason: 'x', at: 1 };
}

/** What another tab of the same profile does: write localStorage; the browser then tells this tab. */
function otherTabWrites(records: readonly ChangeToReview[]): void {
  localStorage.setItem(REVIEW_STORAGE_KEY, JSON.stringify(records));
}

function browserReportsOtherTabWrite(): void {
  const newValue = localStorage.getItem(REVIEW_STORAGE_KEY);
  window.dispatchEvent(new StorageEvent('storage', { key: REVIEW_STORAGE_KEY, newValue, storageArea: localStorage }));
}

function stored(): ChangeToReview[] {
  return JSON.parse(localStorage.getItem(REVIEW_STORAGE_KEY) ?? '[]') as ChangeToReview[];
}

describe('ReviewRepository (one list shared by every tab)', () => {
  let repository: ReviewRepository;

  beforeEach(() => {
    localStorage.removeItem(REVIEW_STORAGE_KEY);
    repository = TestBed.inject(ReviewRepository);
  });

  afterEach(() => localStorage.removeItem(REVIEW_STORAGE_KEY));

  it('shows another tab’s change as soon as the browser reports it', async () => {
    otherTabWrites([change('a', 'site-1')]);
    browserReportsOtherTabWrite();

    expect((await firstValueFrom(repository.watch())).map((r) => r.id)).toEqual(['a']);
  });

  it('shows an empty list when another tab resolves the last change', async () => {
    repository.record(change('a', 'site-1'));

    otherTabWrites([]);
    browserReportsOtherTabWrite();

    expect(await firstValueFrom(repository.watch())).toEqual([]);
  });

  it('ignores other keys and unreadable values instead of breaking', async () => {
    repository.record(change('a', 'site-1'));

    window.dispatchEvent(new StorageEvent('storage', { key: 'other', newValue: '[]', storageArea: localStorage }));
    expect((await firstValueFrom(repository.watch())).map((r) => r.id)).toEqual(['a']);

    localStorage.setItem(REVIEW_STORAGE_KEY, '{not json');
    browserReportsOtherTabWrite();
    expect(await firstValueFrom(repository.watch())).toEqual([]);
  });

  // The browser reports another tab's write a little later; a change made before then must not
  // write this tab's older copy back over it.
  it('keeps another tab’s change when recording one before the browser reports it', async () => {
    otherTabWrites([change('theirs', 'site-1')]);

    repository.record(change('mine', 'site-2'));

    expect(stored().map((r) => r.id)).toEqual(['theirs', 'mine']);
    expect((await firstValueFrom(repository.watch())).map((r) => r.id)).toEqual(['theirs', 'mine']);
  });

  it('folds a change into the open one another tab recorded for the same record', () => {
    otherTabWrites([change('theirs', 'site-1', { name: 'North' })]);

    repository.record(change('mine', 'site-1', { notes: 'Gate locked' }));

    expect(stored()).toEqual([
      { ...change('theirs', 'site-1'), mine: { name: 'North', notes: 'Gate locked' }, changed: ['name', 'notes'] },
    ]);
  });

  it('keeps a value the user lost earlier when a later conflict on the record holds the server’s value there', () => {
    repository.record({
      ...change('first', 'site-1', { notes: 'Gate locked', name: 'Depot' }),
      theirs: { notes: 'gate', name: 'Depot' },
    });

    // The device took the server's copy after the first conflict: its whole record now says 'gate'.
    repository.record({
      ...change('second', 'site-1', { notes: 'gate', name: 'North' }),
      theirs: { notes: 'gate', name: 'Depot B' },
    });

    expect(stored().map(({ id, mine }) => ({ id, mine }))).toEqual([
      { id: 'first', mine: { notes: 'Gate locked', name: 'North' } },
    ]);
  });

  it('folds only the fields an edit of a record deleted on the server names as the user’s', () => {
    repository.record({
      ...change('first', 'site-1', { notes: 'Gate locked', name: 'Depot' }),
      theirs: { notes: 'gate', name: 'Depot' },
    });

    // The server's copy is gone: the rest of the record is the device's, which took 'gate' from the first conflict.
    repository.record({
      ...change('second', 'site-1', { notes: 'gate', name: 'North' }),
      theirs: {},
      changed: ['name'],
    });

    expect(stored().map(({ id, mine, changed }) => ({ id, mine, changed }))).toEqual([
      { id: 'first', mine: { notes: 'Gate locked', name: 'North' }, changed: ['notes', 'name'] },
    ]);
  });

  it('files a change of another kind for the same record beside the open one, each with its own choice', () => {
    repository.record(change('conflict', 'site-1', { name: 'North' }));
    const replaced: ChangeToReview = { ...change('replaced', 'site-1', { notes: 'Gate locked' }), kind: 'replaced' };

    repository.record(replaced);
    repository.record({ ...change('delete', 'site-1', {}), operation: 'delete' });

    expect(stored().map(({ id, kind, operation, mine }) => ({ id, kind, operation, mine }))).toEqual([
      { id: 'conflict', kind: 'conflict', operation: 'update', mine: { name: 'North' } },
      { id: 'replaced', kind: 'replaced', operation: 'update', mine: { notes: 'Gate locked' } },
      { id: 'delete', kind: 'conflict', operation: 'delete', mine: {} },
    ]);
  });

  it('does not bring back a change another tab resolved when resolving or replacing one', () => {
    repository.record(change('a', 'site-1'));
    repository.record(change('b', 'site-2'));
    repository.record(change('c', 'site-3'));
    otherTabWrites([change('b', 'site-2'), change('c', 'site-3')]);

    repository.resolve('b');
    repository.replace({ ...change('c', 'site-3'), reason: 'edited' });

    expect(stored()).toEqual([{ ...change('c', 'site-3'), reason: 'edited' }]);
  });

  it('reads a damaged list as far as it can: entries keep what the user typed, unusable ones are skipped', async () => {
    localStorage.setItem(
      REVIEW_STORAGE_KEY,
      JSON.stringify([
        { id: 'a', recordId: 'job-1', model: 'Job', mine: { title: 'Pump' }, kind: 'unheard-of' },
        { recordId: 'job-2', mine: { title: 'No id' } },
        'not an entry',
        change('b', 'site-1'),
      ]),
    );
    browserReportsOtherTabWrite();
    const shown = await firstValueFrom(repository.watch());
    expect(shown.map((entry) => entry.id)).toEqual(['a', 'b']);
    expect(shown[0]).toEqual(
      jasmine.objectContaining({ kind: 'failed', operation: 'update', mine: { title: 'Pump' }, theirs: null }),
    );
  });
});
