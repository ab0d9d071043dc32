import { type Provider, signal } from '@angular/core';
import { provideRouter } from '@angular/router';
import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { Subject } from 'rxjs';

import { Site } from '../../../../models';
import { AccountSession, type AccountUser } from '../../account/api';
import { ANA } from '../../account/util/account-user.testing';
import { crewsOnDevice, NORTH, SOUTH } from '../../crews/data/crew-repository.testing';
import { SyncStorageReader } from '../../sync/api';
import { SiteRepository } from '../data/site-repository';
import { SiteList } from './site-list';

const SITES_SYNCED = { Site: Date.now() };

async function renderSiteList(lastSync: Readonly<Record<string, number>> = SITES_SYNCED, more: Provider[] = []) {
  const sites$ = new Subject<readonly Site[]>();
  await render(SiteList, {
    providers: [
      provideRouter([]),
      { provide: SiteRepository, useValue: { watchAll: () => sites$ } },
      crewsOnDevice(),
      {
        provide: SyncStorageReader,
        useValue: { queuedCounts: async () => ({ changes: 0, entries: 0 }), lastSyncTimes: async () => lastSync },
      },
      ...more,
    ],
  });
  return sites$;
}

describe('SiteList page', () => {
  it('invites the crew to add a first site when there are none', async () => {
    const sites$ = await renderSiteList();
    sites$.next([]);

    expect(await screen.findByRole('heading', { name: 'No sites yet' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Add the first site' }).getAttribute('href')).toBe('/sites/new');
  });

  it('tells a device that has not synced its sites yet from a crew with no sites', async () => {
    const sites$ = await renderSiteList({});
    sites$.next([]);

    expect(await screen.findByRole('heading', { name: 'No sites on this device yet' })).toBeTruthy();
    expect(screen.getByText(/they appear here as they arrive from the server/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Add the first site' })).toBeNull();
  });

  it('lists sites as links to their detail pages', async () => {
    const sites$ = await renderSiteList();
    const quarry = new Site({ name: 'Quarry', address: 'Route 9', crewID: NORTH.id });
    sites$.next([quarry, new Site({ name: 'Depot' })]);

    const list = await screen.findByRole('list', { name: 'Sites' });
    const link = screen.getByRole('link', { name: /Quarry/ });

    expect(list.querySelectorAll('li').length).toBe(2);
    expect(link.getAttribute('href')).toBe(`/sites/${quarry.id}`);
    expect(link.textContent).toContain('Route 9');
    expect(link.textContent).toContain('Crew: North');
    expect(screen.getByRole('link', { name: /Depot/ }).textContent).toContain('Crew: No crew (office only)');
    expect(screen.getByText('2 of 2 sites')).toBeTruthy();
  });

  it('counts one site as one site', async () => {
    const sites$ = await renderSiteList();
    sites$.next([new Site({ name: 'Quarry' })]);

    expect(await screen.findByText('1 of 1 site')).toBeTruthy();
  });

  it('filters the list as the user types in the search box', async () => {
    const sites$ = await renderSiteList();
    sites$.next([new Site({ name: 'Quarry' }), new Site({ name: 'Depot' })]);

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search sites' }), 'dep');

    expect(await screen.findByText('1 of 2 sites')).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Quarry/ })).toBeNull();
    expect(screen.getByRole('link', { name: /Depot/ })).toBeTruthy();
  });

  describe('for someone in a crew whose device holds other crews’ sites too', () => {
    const officeInNorth: AccountUser = { ...ANA, groups: ['Office', `crew-${NORTH.id}`], role: 'Office' };
    const signedIn = (user: AccountUser): Provider => ({
      provide: AccountSession,
      useValue: { status: signal('signed-in'), user: signal(user) },
    });
    const quarry = new Site({ name: 'Quarry', crewID: NORTH.id });
    const harbour = new Site({ name: 'Harbour', crewID: SOUTH.id });

    it('shows the sites of their crew first, and all sites when asked', async () => {
      const sites$ = await renderSiteList(SITES_SYNCED, [signedIn(officeInNorth)]);
      sites$.next([quarry, harbour]);

      const mine = await screen.findByRole('button', { name: 'Sites of my crew' });
      expect(mine.getAttribute('aria-pressed')).toBe('true');
      expect(screen.getByRole('link', { name: /Quarry/ })).toBeTruthy();
      expect(screen.queryByRole('link', { name: /Harbour/ })).toBeNull();
      expect(screen.getByRole('status').textContent).toContain('1 of 1 site');

      await userEvent.click(screen.getByRole('button', { name: 'All sites' }));

      expect(screen.getByRole('link', { name: /Harbour/ })).toBeTruthy();
      expect(screen.getByRole('status').textContent).toContain('2 of 2 sites');
    });

    it('offers no choice when every site on the device is their crew’s', async () => {
      const sites$ = await renderSiteList(SITES_SYNCED, [signedIn({ ...ANA, groups: ['Crew', `crew-${NORTH.id}`] })]);
      sites$.next([quarry]);

      expect(await screen.findByRole('link', { name: /Quarry/ })).toBeTruthy();
      expect(screen.queryByRole('button', { name: 'Sites of my crew' })).toBeNull();
    });
  });
});
