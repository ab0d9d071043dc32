import {
  type ApplicationConfig,
  inject,
  isDevMode,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideServiceWorker } from '@angular/service-worker';

import { routes } from './app.routes';
import { DeviceSettings } from './domains/sync/data/device-settings';
import { ModelChangeRescue } from './domains/sync/data/model-change-rescue';
import { SyncHandlers } from './domains/sync/data/sync-handlers';
import { SyncStatusStore } from './domains/sync/state/sync-status-store';
import { PENDING_CHANGE_COUNT } from './shell/app-update/app-update-store';
import { startSync } from './shell/start-sync';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding()),
    // A first sync can keep the app busy for long; the app must be cached for offline use within seconds.
    provideServiceWorker('ngsw-worker.js', {
      enabled: !isDevMode(),
      registrationStrategy: 'registerWhenStable:5000',
    }),
    // Conflicts and dropped changes go to the sync domain's log so nothing the crew typed is lost.
    provideAppInitializer(async () => {
      const rescue = inject(ModelChangeRescue);
      // Days of unsynced work must not be evicted when the device runs low on space.
      void inject(DeviceSettings)
        .requestPersistence()
        .catch(() => false);
      const handlers = inject(SyncHandlers).handlers;
      // Before DataStore starts: a models change would wipe changes still queued on this device.
      await rescue.keepQueuedChangesIfModelsChanged();
      rescue.sendKeptChangesWhenReady();
      await startSync(handlers);
    }),
    // An update that would wipe the local database waits for this to reach zero.
    { provide: PENDING_CHANGE_COUNT, useFactory: () => inject(SyncStatusStore).pending },
  ],
};
