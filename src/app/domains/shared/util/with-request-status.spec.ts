import { TestBed } from '@angular/core/testing';
import { signalStore, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { Subject, switchMap } from 'rxjs';

import { attempt, followInto, withRequestStatus } from './with-request-status';

/** A live query; each test gets a new one, since a failed one stays failed. */
let source = new Subject<string[]>();

const ThrowawayStore = signalStore(
  withState({ items: [] as readonly string[] }),
  withRequestStatus(),
  withMethods((store) => ({
    follow: rxMethod<void>(
      switchMap(() => source.pipe(followInto(store, 'Items could not be read', (items) => ({ items, loaded: true })))),
    ),
    save: (write: () => Promise<unknown>) => attempt(store, 'Saving the item', write),
  })),
);

describe('withRequestStatus', () => {
  let store: InstanceType<typeof ThrowawayStore>;

  beforeEach(() => {
    source = new Subject<string[]>();
    TestBed.configureTestingModule({ providers: [ThrowawayStore] });
    store = TestBed.inject(ThrowawayStore);
  });

  it('starts waiting, then holds each value of the live query', () => {
    expect(store.loaded()).toBeFalse();
    store.follow();
    source.next(['a']);
    source.next(['a', 'b']);
    expect(store.items()).toEqual(['a', 'b']);
    expect(store.loaded()).toBeTrue();
    expect(store.error()).toBeNull();
  });

  it('shows a failed read in words and stops waiting, keeping what was read before', () => {
    store.follow();
    source.next(['a']);
    source.error(new Error('the database is closed'));
    expect(store.error()).toBe('Items could not be read: the database is closed');
    expect(store.loaded()).toBeTrue();
    expect(store.items()).toEqual(['a']);
  });

  it('turns a failed write into a message and false, and clears it on the next write', async () => {
    expect(await store.save(() => Promise.reject(new DOMException('quota', 'QuotaExceededError')))).toBeFalse();
    expect(store.error()).toMatch(/^Saving the item failed: this device is out of storage space\./);
    expect(await store.save(() => Promise.resolve())).toBeTrue();
    expect(store.error()).toBeNull();
  });
});
