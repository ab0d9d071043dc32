import { Injectable, type Provider, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { Hub } from 'aws-amplify/utils';
import { NEVER } from 'rxjs';

import { AccountSession, type AccountUser, type SessionStatus } from '../../account/api';
import { ANA } from '../../account/util/account-user.testing';
import { crewsOnDevice, NORTH, SOUTH } from '../../crews/data/crew-repository.testing';
import { until } from '../../shared/util/until.testing';
import { SyncStatusStore } from '../../sync/data/sync-status-store';
import { SyncStorageReader } from '../../sync/data/sync-storage-reader';
import { CREW_MEMBER_KEY } from '../data/crew-member-preference';
import { DeviceSettings, type StorageUse } from '../data/device-settings';
import { type AppCacheState, OfflineCache } from '../data/offline-cache';
import { APP_VERSION } from '../util/app-version';
import { Settings } from './settings';

/** The real device settings, with the browser's storage manager and the destructive parts replaced. */
@Injectable()
class TestDevice extends DeviceSettings {
  cleared = 0;
  reloaded = 0;
  persisted = false;
  override storageUse(): Promise<StorageUse> {
    return Promise.resolve({ usage: 5 * 1024 * 1024, quota: 1024 * 1024 * 1024 });
  }
  override isPersisted(): Promise<boolean> {
    return Promise.resolve(this.persisted);
  }
  override requestPersistence(): Promise<boolean> {
    this.persisted = true;
    return Promise.resolve(true);
  }
  override clearDataStore(): Promise<void> {
    this.cleared++;
    return Promise.resolve();
  }
  override reload(): void {
    this.reloaded++;
  }
  override backendEndpoint(): string {
    return 'http://localhost:20002/graphql';
  }
}

const STORED = { Site: 2, Job: 14, FieldNote: 1, Attachment: 3 };

async function renderSettings(pending = 0, lastSync: Record<string, number> = {}, more: Provider[] = []) {
  const view = await render(Settings, {
    providers: [
      { provide: DeviceSettings, useClass: TestDevice },
      crewsOnDevice(),
      {
        provide: SyncStorageReader,
        useValue: {
          queuedCounts: () => Promise.resolve({ changes: pending, entries: pending }),
          lastSyncTimes: () => Promise.resolve(lastSync),
          recordCounts: () => Promise.resolve(STORED),
        },
      },
      ...more,
    ],
  });
  const device = TestBed.inject(DeviceSettings) as TestDevice;
  await screen.findByText(/used of about/);
  // Queued behind the status store's own first read of the outbox: once this is done, so is that one.
  await TestBed.inject(SyncStatusStore).refresh();
  await view.fixture.whenStable();
  return device;
}

describe('Settings', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('keeps the crew member’s name under the key the jobs screens read', async () => {
    localStorage.setItem(CREW_MEMBER_KEY, 'Ana');
    await renderSettings();
    const input = screen.getByRole('textbox', { name: 'Your name on this device' });
    expect((input as HTMLInputElement).value).toBe('Ana');

    await userEvent.clear(input);
    await userEvent.type(input, '  Bo Chen ');
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }));

    expect(localStorage.getItem(CREW_MEMBER_KEY)).toBe('Bo Chen');
  });

  it('shows storage used and lets the crew ask for persistent storage', async () => {
    await renderSettings();

    expect(screen.getByText(/5\.0 MB used of about 1\.0 GB/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Keep data on this device' }));

    expect(await screen.findByText(/Storage is persistent/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Keep data on this device' })).toBeNull();
  });

  it('says whose records the device holds and how many of each kind', async () => {
    await renderSettings();
    const storage = screen.getByRole('region', { name: 'Storage on this device' });

    expect(
      await within(storage).findByText(
        'This device holds every crew’s records: 2 sites, 14 jobs, 1 note and 3 photos.',
      ),
    ).toBeTruthy();
  });

  it('names the crews a member’s device keeps, as its sync scope was last entered', async () => {
    const groups = [NORTH, SOUTH].map((crew) => `crew-${crew.id}`);
    localStorage.setItem(
      'fieldbook.syncScope',
      JSON.stringify({ scope: { crewGroups: groups, syncCrew: null }, held: false }),
    );
    await renderSettings();

    expect(
      await screen.findByText(
        'This device holds the records of North and South only: 2 sites, 14 jobs, 1 note and 3 photos.',
      ),
    ).toBeTruthy();
  });

  it('names the app version, the sync server in use and when each kind of record last synced', async () => {
    await renderSettings(0, { Site: Date.now() - 3 * 60_000, Job: Date.now(), ChangeLogEntry: Date.now() });
    const about = screen.getByRole('region', { name: 'About' });
    // Each in the app's words: no model's name from the code.
    expect(about.textContent).not.toContain('ChangeLogEntry');
    expect(within(about).getByText('Change history: just now')).toBeTruthy();

    expect(within(about).getByText(APP_VERSION)).toBeTruthy();
    expect(within(about).getByText('http://localhost:20002/graphql')).toBeTruthy();
    expect(within(about).getByText('Sites: 3 min ago')).toBeTruthy();
    expect(within(about).getByText('Jobs: just now')).toBeTruthy();
  });

  it('says whether Fieldbook can start on this device with no connection, and how far it got', async () => {
    const cache = {
      supported: true,
      current: { ready: false, stored: 12, total: 46 } as AppCacheState,
      changes: () => NEVER,
      state: () => Promise.resolve(cache.current),
      registerIfMissing: () => Promise.resolve(),
      warm: () => Promise.resolve(),
    };
    await renderSettings(0, {}, [{ provide: OfflineCache, useValue: cache }]);
    const offline = screen.getByRole('region', { name: 'Offline use' });

    expect(await within(offline).findByText('Getting ready for offline use…')).toBeTruthy();
    expect(within(offline).getByText('12 of 46 app files stored on this device.')).toBeTruthy();

    cache.current = { ready: true, stored: 46, total: 46 };
    expect(await within(offline).findByText('Ready to work offline', {}, { timeout: 3_000 })).toBeTruthy();
    expect(within(offline).queryByText(/app files stored/)).toBeNull();
  });

  it('says so where no service worker can keep the app', async () => {
    await renderSettings();
    const offline = screen.getByRole('region', { name: 'Offline use' });

    expect(within(offline).getByText(/does not keep the app for offline use/)).toBeTruthy();
  });

  it('refuses to clear the device while changes are still waiting to sync', async () => {
    const device = await renderSettings(2);

    expect(screen.getByText('Not now: 2 changes have not reached the server yet.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Clear local data' }) as HTMLButtonElement).disabled).toBeTrue();
    expect(device.cleared).toBe(0);
  });

  it('clears the device only after confirmation', async () => {
    const device = await renderSettings(0);

    await userEvent.click(screen.getByRole('button', { name: 'Clear local data' }));
    const dialog = screen.getByRole('alertdialog', { name: /Clear everything/ });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(device.cleared).toBe(0);

    await userEvent.click(screen.getByRole('button', { name: 'Clear local data' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, clear this device' }));
    await until('the page reloaded', () => device.reloaded > 0);

    expect(device.cleared).toBe(1);
    expect(device.reloaded).toBe(1);
  });

  it('warns, offline, that the device will have no jobs until it reconnects', async () => {
    const device = await renderSettings(0);
    Hub.dispatch('datastore', { event: 'networkStatus', data: { active: false } });
    await until('the device seen offline', () => !TestBed.inject(SyncStatusStore).online());

    await userEvent.click(screen.getByRole('button', { name: 'Clear local data' }));
    const dialog = await screen.findByRole('alertdialog', { name: /Clear everything/ });
    expect(dialog.getAttribute('aria-describedby')).toBe('clear-offline');
    expect(within(dialog).getByText(/will have no sites, jobs or notes until it reconnects/)).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(device.cleared).toBe(0);
  });
});

describe('Settings account', () => {
  /** The session as Settings sees it: Ana signed in; each sign-out records whether changes waited. */
  function signedInAsAna() {
    const signOuts: boolean[] = [];
    const session = {
      status: signal<SessionStatus>('signed-in'),
      user: signal<AccountUser | null>(ANA),
      signOut: (changesWaiting: boolean) => Promise.resolve(void signOuts.push(changesWaiting)),
    };
    return { signOuts, provider: { provide: AccountSession, useValue: session } };
  }

  beforeEach(() => localStorage.clear());

  it('shows who is signed in and their role, and asks no name', async () => {
    const { provider } = signedInAsAna();
    await renderSettings(0, {}, [provider]);

    const account = within(screen.getByRole('region', { name: 'Account' }));
    expect(account.getByText('Ana Silva (ana@example.test)')).toBeTruthy();
    expect(account.getByText('Crew')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Your name on this device' })).toBeNull();
  });

  it('signs out at once when nothing waits', async () => {
    const { provider, signOuts } = signedInAsAna();
    await renderSettings(0, {}, [provider]);

    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(signOuts).toEqual([false]);
  });

  it('says when changes wait, and can sign out once they are sent', async () => {
    const { provider, signOuts } = signedInAsAna();
    let queued = 2;
    await renderSettings(2, {}, [
      provider,
      {
        provide: SyncStorageReader,
        useValue: {
          queuedCounts: () => Promise.resolve({ changes: queued, entries: queued }),
          lastSyncTimes: () => Promise.resolve({}),
          recordCounts: () => Promise.resolve(STORED),
        },
      },
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    const dialog = within(screen.getByRole('alertdialog'));
    expect(dialog.getByText('2 changes have not reached the server yet.')).toBeTruthy();
    await userEvent.click(dialog.getByRole('button', { name: 'Sign out once they are sent' }));
    expect(screen.getByRole('status').textContent).toContain('once every change has reached the server');
    expect(signOuts).toEqual([]);

    queued = 0;
    await TestBed.inject(SyncStatusStore).refresh();
    await until('the sign-out once the changes were sent', () => signOuts.length > 0);
    expect(signOuts).toEqual([false]);
  });

  it('signs out now if asked, keeping the waiting changes for the next sign-in', async () => {
    const { provider, signOuts } = signedInAsAna();
    await renderSettings(1, {}, [provider]);

    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign out now' }));

    expect(signOuts).toEqual([true]);
  });
});
