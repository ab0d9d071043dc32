import {
  type ApplicationConfig,
  inject,
  Injector,
  isDevMode,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  type ProviderToken,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideServiceWorker } from '@angular/service-worker';

import { routes } from './app.routes';
import { AccountSession } from './domains/account/api';
import { DeviceSettings, SERVICE_WORKER_SCRIPT } from './domains/device/api';
import { ChangeLogRepository } from './domains/history/api';
import { JobRepository } from './domains/jobs/api';
import { FieldNoteRepository } from './domains/notes/api';
import { AttachmentRepository, PhotoTransfers } from './domains/photos/api';
import { SiteRepository } from './domains/sites/api';
import {
  MutationResender,
  RecordRepository,
  SIGNED_IN_TO_SEND,
  SyncEngineHost,
  SyncStatusStore,
} from './domains/sync/api';
import { PENDING_CHANGE_COUNT } from './shell/app-update/app-update-store';
import { startSync } from './shell/start-sync';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding()),
    // A first sync can keep the app busy for long; the app must be cached for offline use within seconds.
    provideServiceWorker(SERVICE_WORKER_SCRIPT, {
      enabled: !isDevMode(),
      registrationStrategy: 'registerWhenStable:5000',
    }),
    provideAppInitializer(async () => {
      // Days of unsynced work must not be evicted when the device runs low on space.
      void inject(DeviceSettings)
        .requestPersistence()
        .catch(() => false);
      // Should this tab lead, it performs every tab's writes: each repository registers them now.
      const doors: readonly ProviderToken<object>[] = [
        JobRepository,
        SiteRepository,
        FieldNoteRepository,
        AttachmentRepository,
        RecordRepository,
        ChangeLogRepository,
        MutationResender,
      ];
      for (const door of doors) inject(door);
      const photos = inject(PhotoTransfers);
      await startSync(inject(SyncEngineHost), inject(AccountSession));
      photos.start();
    }),
    // Changes kept aside by an update wait for a sign-in, so they are sent as the signed-in user.
    {
      provide: SIGNED_IN_TO_SEND,
      // Resolved when asked: the session itself needs the sync engine host, which needs the rescue.
      useFactory: () => {
        const injector = inject(Injector);
        return () => injector.get(AccountSession).maySendChanges();
      },
    },
    // An update that would wipe the local database waits for this to reach zero.
    { provide: PENDING_CHANGE_COUNT, useFactory: () => inject(SyncStatusStore).pending },
  ],
};
