import { provideRouter } from '@angular/router';
import { render, screen } from '@testing-library/angular';

import { SyncBar } from './sync-bar';

describe('SyncBar', () => {
  it('tells an offline crew how many changes wait on the device, politely to screen readers', async () => {
    await render(SyncBar, { inputs: { settled: true, online: false, pending: 3 } });

    const status = screen.getByRole('status');
    expect(status.textContent?.trim()).toBe('Offline · 3 changes saved on this device');
    expect(status.getAttribute('aria-live')).toBe('polite');
  });

  it('offline with nothing waiting, tells a device that holds what it synced from one that never synced', async () => {
    const { rerender } = await render(SyncBar, {
      inputs: { settled: true, online: false, pending: 0, lastSyncedAt: Date.now() },
    });
    expect(screen.getByRole('status').textContent?.trim()).toBe('Offline · everything is saved on this device');

    await rerender({ inputs: { lastSyncedAt: null }, partialUpdate: true });
    expect(screen.getByRole('status').textContent?.trim()).toBe('Offline · nothing synced to this device yet');
  });

  it('says what else waits beside the changes, and nothing more when nothing else waits', async () => {
    const { rerender } = await render(SyncBar, {
      inputs: { settled: true, online: false, pending: 1, alsoWaiting: '2 photos waiting to upload' },
    });

    expect(screen.getByRole('status').textContent?.trim()).toBe(
      'Offline · 1 change saved on this device · 2 photos waiting to upload',
    );
    await rerender({ inputs: { settled: true, online: false, pending: 1, alsoWaiting: '' }, partialUpdate: true });
    expect(screen.getByRole('status').textContent?.trim()).toBe('Offline · 1 change saved on this device');
  });

  it('never says all is synced while a photo waits to upload, and is not green then', async () => {
    const { rerender, container } = await render(SyncBar, {
      inputs: {
        settled: true,
        online: true,
        pending: 0,
        lastSyncedAt: Date.now(),
        alsoWaiting: '1 photo waiting to upload',
      },
    });

    expect(screen.getByRole('status').textContent?.trim()).toBe('1 photo waiting to upload');
    expect(screen.getByRole('status').classList).not.toContain('ok');
    await rerender({ inputs: { alsoWaiting: '' }, partialUpdate: true });
    expect(screen.getByRole('status').textContent?.trim()).toBe('All changes synced · just now');
    expect(container.querySelector('.sync-bar')?.classList).toContain('ok');
  });

  it('says it is syncing while changes are still being sent', async () => {
    await render(SyncBar, { inputs: { settled: true, online: true, syncing: true, pending: 0 } });

    expect(screen.getByRole('status').textContent).toContain('Syncing…');
  });

  it('says when everything was last synced', async () => {
    await render(SyncBar, {
      inputs: { settled: true, online: true, pending: 0, lastSyncedAt: Date.now() - 2 * 60_000 },
    });

    expect(screen.getByRole('status').textContent?.trim()).toBe('All changes synced · 2 min ago');
  });

  it('shows a sync problem in plain words instead of "synced"', async () => {
    const problem = 'Could not reach the sync server. Your changes stay on this device and sync when it is reachable.';
    await render(SyncBar, { inputs: { settled: true, online: true, pending: 1, lastSyncedAt: Date.now(), problem } });

    expect(screen.getByRole('status').textContent?.trim()).toBe(problem);
  });

  it('does not claim all is well while changes wait for review', async () => {
    await render(SyncBar, {
      inputs: { settled: true, online: true, pending: 0, lastSyncedAt: Date.now(), toReview: 2 },
      providers: [provideRouter([])],
    });

    expect(screen.getByRole('status').textContent).toContain('2 changes need your review under Conflicts');
    expect(screen.getByRole('link', { name: 'Review' }).getAttribute('href')).toBe('/conflicts');
  });

  it('says at once that the server cannot be reached when its real-time connection fails', async () => {
    await render(SyncBar, {
      inputs: {
        settled: true,
        online: true,
        syncing: true,
        pending: 0,
        lastProgressAt: Date.now(),
        serverUnreachable: true,
      },
    });

    expect(screen.getByRole('status').textContent?.trim()).toBe(
      'Cannot reach the sync server yet · everything is saved on this device',
    );
  });

  it('stops promising "Syncing…" when the server has not answered for a minute', async () => {
    await render(SyncBar, {
      inputs: { settled: true, online: true, syncing: true, pending: 2, lastProgressAt: Date.now() - 90_000 },
    });

    expect(screen.getByRole('status').textContent?.trim()).toBe(
      'Cannot reach the sync server yet · 2 changes saved on this device',
    );
  });

  it('follows input changes: back online with nothing pending', async () => {
    const { rerender } = await render(SyncBar, { inputs: { settled: true, online: false, pending: 1 } });

    await rerender({ inputs: { settled: true, online: true, pending: 0, lastSyncedAt: Date.now() } });

    expect(screen.getByRole('status').textContent?.trim()).toBe('All changes synced · just now');
  });

  it('does not say "All changes synced" until the outbox is counted after its last change', async () => {
    const inputs = { online: true, pending: 0, lastSyncedAt: Date.now() };
    const { rerender } = await render(SyncBar, { inputs: { ...inputs, settled: false } });

    expect(screen.getByRole('status').textContent?.trim()).toBe('Syncing…');
    await rerender({ inputs: { ...inputs, settled: true }, partialUpdate: true });
    expect(screen.getByRole('status').textContent?.trim()).toBe('All changes synced · just now');
  });
});
