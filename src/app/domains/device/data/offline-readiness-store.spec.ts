import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';

import { until } from '../../shared/util/until.testing';
import { type AppCacheState, OfflineCache } from './offline-cache';
import { OfflineReadinessStore } from './offline-readiness-store';

/** The worker's copy of the app as a spec sets it; every read is counted. */
function cacheDouble(supported = true) {
  const changes = new Subject<unknown>();
  const double = {
    supported,
    current: { ready: false, stored: 3, total: 40 } as AppCacheState | null,
    reads: 0,
    registrations: 0,
    changes: () => changes,
    state() {
      double.reads++;
      return Promise.resolve(double.current);
    },
    registerIfMissing() {
      double.registrations++;
      return Promise.resolve();
    },
  };
  TestBed.configureTestingModule({ providers: [{ provide: OfflineCache, useValue: double }] });
  return { double, changes };
}

describe('OfflineReadinessStore', () => {
  it('says it is getting ready until every file is stored, reading the caches again by itself', async () => {
    const { double } = cacheDouble();
    const store = TestBed.inject(OfflineReadinessStore);
    await until('the first read', () => store.checked());
    expect(store.message()).toBe('Getting ready for offline use…');
    expect(store.stored()).toBe(3);

    double.current = { ready: false, stored: 39, total: 40 };
    await until('a read of 39 files', () => store.stored() === 39);
    expect(store.ready()).toBeFalse();

    double.current = { ready: true, stored: 40, total: 40 };
    await until('ready', () => store.ready());
    expect(store.message()).toBe('Ready to work offline');
  });

  it('stops reading once ready, and reads again on the worker’s next event', async () => {
    const { double, changes } = cacheDouble();
    double.current = { ready: true, stored: 40, total: 40 };
    const store = TestBed.inject(OfflineReadinessStore);
    await until('ready', () => store.ready());
    const reads = double.reads;

    changes.next({ type: 'VERSION_DETECTED' });
    await until('a read after the event', () => double.reads === reads + 1);
    expect(store.ready()).toBeTrue();
  });

  it('asks to reconnect when the network drops before it is ready, and registers the worker on return', async () => {
    const { double } = cacheDouble();
    const store = TestBed.inject(OfflineReadinessStore);
    await until('the first read', () => store.checked());

    window.dispatchEvent(new Event('offline'));
    expect(store.message()).toBe('Not ready for offline yet: reconnect for a moment');
    expect(double.registrations).toBe(0);

    window.dispatchEvent(new Event('online'));
    expect(store.message()).toBe('Getting ready for offline use…');
    expect(double.registrations).toBe(1);
  });

  it('stays ready while the worker writes a new version’s entries (unknown for a moment)', async () => {
    const { double, changes } = cacheDouble();
    double.current = { ready: true, stored: 40, total: 40 };
    const store = TestBed.inject(OfflineReadinessStore);
    await until('ready', () => store.ready());

    double.current = null;
    changes.next({ type: 'VERSION_READY' });
    await until('a read of the unknown state', () => double.reads > 1);
    expect(store.message()).toBe('Ready to work offline');

    double.current = { ready: true, stored: 41, total: 41 };
    await until('the new version read', () => store.total() === 41);
    expect(store.ready()).toBeTrue();
  });

  it('says nothing and reads nothing where no service worker can keep the app', async () => {
    const { double } = cacheDouble(false);
    // The store starts reading synchronously when it can; here it never does.
    const store = TestBed.inject(OfflineReadinessStore);

    expect(store.message()).toBeNull();
    expect(double.reads).toBe(0);
  });
});
