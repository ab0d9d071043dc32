import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';

import { fakeUpdates, versionReady } from './app-update-store.testing';
import { UpdateBanner } from './update-banner';

describe('UpdateBanner', () => {
  it('stays hidden while there is no new version', async () => {
    await render(UpdateBanner, { providers: fakeUpdates(0).providers });

    expect(screen.queryByRole('region', { name: /new version/ })).toBeNull();
  });

  it('tells the user plainly that the update waits for their unsynced changes', async () => {
    const { versionUpdates, reload, providers } = fakeUpdates(3);
    const { fixture } = await render(UpdateBanner, { providers });
    versionUpdates.next(versionReady('changed-models'));
    await fixture.whenStable();

    expect(screen.getByRole('region', { name: 'A new version of Fieldbook is ready' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('3 changes are saved only here');

    await userEvent.click(screen.getByRole('button', { name: 'Update after syncing' }));
    await TestBed.inject(ApplicationRef).whenStable();

    expect(reload).not.toHaveBeenCalled();
    expect(screen.getByText(/installs by itself once everything has synced/)).toBeTruthy();
  });

  it('reloads on the user’s word when nothing would be lost', async () => {
    const { versionUpdates, reload, providers } = fakeUpdates(0);
    const { fixture } = await render(UpdateBanner, { providers });
    versionUpdates.next(versionReady('changed-models'));
    await fixture.whenStable();

    await userEvent.click(screen.getByRole('button', { name: 'Reload to update' }));
    await TestBed.inject(ApplicationRef).whenStable();

    expect(reload).toHaveBeenCalled();
  });
});
