import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { schema } from '../../../models/schema';
import { AppUpdateStore } from './app-update-store';
import { fakeUpdates, versionReady } from './app-update-store.testing';

function setUpUpdates(pendingChanges: number) {
  const updates = fakeUpdates(pendingChanges);
  TestBed.configureTestingModule({ providers: updates.providers });
  return { ...updates, store: TestBed.inject(AppUpdateStore) };
}

describe('AppUpdateStore', () => {
  it('offers nothing until the service worker has a new version ready', () => {
    const { store, versionUpdates } = setUpUpdates(0);
    versionUpdates.next({ type: 'VERSION_DETECTED', version: { hash: 'new' } });

    expect(store.ready()).toBeFalse();
  });

  it('reloads into a version with the same models at once, even with changes pending', async () => {
    const { store, versionUpdates, reload, activateUpdate } = setUpUpdates(4);
    versionUpdates.next(versionReady(schema.version));

    expect(store.wipesLocalData()).toBeFalse();
    store.requestUpdate();
    await TestBed.inject(ApplicationRef).whenStable();

    expect(activateUpdate).toHaveBeenCalled();
    expect(reload).toHaveBeenCalled();
  });

  it('holds a version whose models changed until every pending change has synced', async () => {
    const { store, versionUpdates, pending, reload } = setUpUpdates(2);
    versionUpdates.next(versionReady('a-different-models-hash'));

    expect(store.wipesLocalData()).toBeTrue();
    expect(store.waitingForSync()).toBeTrue();
    store.requestUpdate();
    await TestBed.inject(ApplicationRef).whenStable();
    expect(reload).not.toHaveBeenCalled();

    pending.set(0);
    await TestBed.inject(ApplicationRef).whenStable();
    expect(reload).toHaveBeenCalled();
  });

  it('reports a failed activation and lets the user try again', async () => {
    const { store, versionUpdates, activateUpdate, reload } = setUpUpdates(0);
    activateUpdate.and.rejectWith(new Error('cache broken'));
    versionUpdates.next(versionReady(schema.version));

    store.requestUpdate();
    await TestBed.inject(ApplicationRef).whenStable();
    await Promise.resolve();

    expect(reload).not.toHaveBeenCalled();
    expect(store.error()).toContain('cache broken');
    expect(store.requested()).toBeFalse();
  });
});
