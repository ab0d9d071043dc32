import { signal } from '@angular/core';
import { SwUpdate, type VersionEvent } from '@angular/service-worker';
import { Subject } from 'rxjs';

import { schema } from '../../../models/schema';
import { PENDING_CHANGE_COUNT, RELOAD_PAGE } from './app-update-store';

/** A service worker double that announces versions on demand, for update specs. */
export function versionReady(modelsVersion: string): VersionEvent {
  return {
    type: 'VERSION_READY',
    currentVersion: { hash: 'old', appData: { modelsVersion: schema.version } },
    latestVersion: { hash: 'new', appData: { modelsVersion } },
  };
}

export function fakeUpdates(pendingChanges: number) {
  const versionUpdates = new Subject<VersionEvent>();
  const pending = signal(pendingChanges);
  const reload = jasmine.createSpy('reload');
  const activateUpdate = jasmine.createSpy('activateUpdate').and.resolveTo(true);
  const providers = [
    { provide: SwUpdate, useValue: { isEnabled: true, versionUpdates, activateUpdate } },
    { provide: PENDING_CHANGE_COUNT, useValue: pending },
    { provide: RELOAD_PAGE, useValue: reload },
  ];
  return { versionUpdates, pending, reload, activateUpdate, providers };
}
