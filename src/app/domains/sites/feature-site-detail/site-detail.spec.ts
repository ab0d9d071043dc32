import { type Provider } from '@angular/core';
import { provideRouter, Router } from '@angular/router';
import { render, screen, waitFor, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { BehaviorSubject, Subject } from 'rxjs';

import { type Job, JobStatus, Site } from '../../../../models';
import { signedInAs } from '../../account/data/account-session.testing';
import { crewsOnDevice, NORTH } from '../../crews/data/crew-repository.testing';
import { JobRepository } from '../../jobs/data/job-repository';
import { CLOCK } from '../../jobs/util/local-date';
import { job, type JobFields } from '../../shared/util/models.testing';
import { SiteRepository } from '../data/site-repository';
import { SiteDetail } from './site-detail';

const quarry = new Site({
  name: 'Quarry',
  address: 'Route 9',
  contactName: 'Ana',
  contactPhone: '+44 1234',
  crewID: NORTH.id,
});
const depot = new Site({ name: 'Depot' });
const weir = new Site({ name: 'Weir', location: { latitude: 51.5074, longitude: -0.1278, accuracyMeters: 8 } });

async function renderSite(id: string, providers: Provider[] = []) {
  const sites$ = new BehaviorSubject<readonly Site[]>([quarry, depot, weir]);
  const jobs$ = new Subject<readonly Job[]>();
  const requestedSites: string[] = [];
  const removed: string[] = [];
  const { fixture } = await render(SiteDetail, {
    inputs: { id },
    providers: [
      provideRouter([]),
      {
        provide: SiteRepository,
        useValue: {
          watchAll: () => sites$,
          remove: async (siteId: string) => {
            removed.push(siteId);
          },
        },
      },
      {
        provide: JobRepository,
        useValue: {
          watchBySite: (siteId: string) => {
            requestedSites.push(siteId);
            return jobs$;
          },
        },
      },
      { provide: CLOCK, useValue: () => new Date(2025, 5, 10) },
      crewsOnDevice(),
      ...providers,
    ],
  });
  const navigations: unknown[][] = [];
  spyOn(fixture.debugElement.injector.get(Router), 'navigate').and.callFake(async (commands: readonly unknown[]) => {
    navigations.push([...commands]);
    return true;
  });
  return { sites$, jobs$, requestedSites, removed, navigations };
}

const jobAtQuarry = (title: string, fields: JobFields = {}) => job(title, { siteID: quarry.id, ...fields });

describe('SiteDetail page', () => {
  it('shows the site, a way to call its contact and to add a job there', async () => {
    const { requestedSites } = await renderSite(quarry.id);

    expect(await screen.findByRole('heading', { level: 1, name: 'Quarry' })).toBeTruthy();
    expect(screen.getByText('Route 9')).toBeTruthy();
    expect(screen.getByText('Crew').nextElementSibling?.textContent).toBe('North');
    expect(screen.getByRole('link', { name: '+44 1234' }).getAttribute('href')).toBe('tel:+44 1234');
    expect(screen.getByRole('link', { name: 'New job here' }).getAttribute('href')).toBe(
      `/jobs/new?siteId=${quarry.id}`,
    );
    expect(screen.getByRole('link', { name: 'Edit site' }).getAttribute('href')).toBe(`/sites/${quarry.id}/edit`);
    expect(requestedSites).toEqual([quarry.id]);
  });

  it('lists the site’s jobs with a status summary and overdue count', async () => {
    const { jobs$ } = await renderSite(quarry.id);
    await screen.findByRole('heading', { level: 1, name: 'Quarry' });
    expect(screen.getByText('No jobs at this site yet.')).toBeTruthy();

    const valve = jobAtQuarry('Replace valve', { dueDate: '2025-06-01' });
    jobs$.next([valve, jobAtQuarry('Paint', { status: JobStatus.DONE })]);

    expect((await screen.findByRole('status')).textContent?.replace(/\s+/g, ' ')).toContain(
      '2 jobs · 1 open · 1 done · 1 overdue',
    );
    const list = within(screen.getByRole('list', { name: 'Jobs at this site' }));
    expect((await list.findByRole('link', { name: /Replace valve/ })).getAttribute('href')).toBe(`/jobs/${valve.id}`);

    jobs$.next([valve]);
    const summary = () => screen.getByRole('status').textContent?.replace(/\s+/g, ' ').trim() ?? '';
    await waitFor(() => {
      if (!summary().startsWith('1 job')) throw new Error(`not one job yet: ${summary()}`);
    });
    expect(summary()).toContain('1 job · 1 open · 1 overdue');
  });

  it('deletes the site only once the user confirms, saying its jobs and notes go with it', async () => {
    const { jobs$, removed, navigations } = await renderSite(quarry.id);
    await screen.findByRole('heading', { level: 1, name: 'Quarry' });
    jobs$.next([jobAtQuarry('Replace valve'), jobAtQuarry('Paint')]);

    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this site?' });
    expect(dialog.textContent?.replace(/\s+/g, ' ')).toContain(
      '“Quarry”, its 2 jobs and their field notes will be deleted on every device.',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep site' }));
    expect(removed).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete site' }));
    expect(navigations).toEqual([['/sites']]);
    expect(removed).toEqual([quarry.id]);
  });

  it('opens the site’s location in maps', async () => {
    await renderSite(weir.id);
    await screen.findByRole('heading', { level: 1, name: 'Weir' });

    const link = screen.getByRole('link', { name: 'Open in maps' });
    // Karma's Chrome is a desktop browser: a map page in a new tab, so the app stays open.
    expect(link.getAttribute('href')).toBe(
      'https://www.openstreetmap.org/?mlat=51.5074&mlon=-0.1278#map=17/51.5074/-0.1278',
    );
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener');
  });

  it('has no maps link for a site without a location', async () => {
    await renderSite(quarry.id);
    await screen.findByRole('heading', { level: 1, name: 'Quarry' });

    expect(screen.queryByRole('link', { name: 'Open in maps' })).toBeNull();
  });

  it('says so when the site is not on this device', async () => {
    await renderSite('unknown');

    expect(await screen.findByRole('heading', { name: 'This site is not on this device' })).toBeTruthy();
  });

  it('offers a Viewer no edit, delete or new job', async () => {
    await renderSite(quarry.id, [signedInAs('Viewer')]);

    expect(await screen.findByRole('heading', { level: 1, name: 'Quarry' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Edit site' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'New job here' })).toBeNull();
  });

  it('offers Crew a new job here, but no site edit or delete', async () => {
    await renderSite(quarry.id, [signedInAs('Crew')]);

    expect(await screen.findByRole('link', { name: 'New job here' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Edit site' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  it('offers Office the site edit and delete', async () => {
    await renderSite(quarry.id, [signedInAs('Office')]);

    expect(await screen.findByRole('link', { name: 'Edit site' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeTruthy();
  });
});
