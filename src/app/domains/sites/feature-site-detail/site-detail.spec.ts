import { provideRouter } from '@angular/router';
import { render, screen, within } from '@testing-library/angular';
import { BehaviorSubject, Subject } from 'rxjs';

import { Job, JobPriority, JobStatus, Site } from '../../../../models';
import { JobRepository } from '../../jobs/data/job-repository';
import { CLOCK } from '../../jobs/util/local-date';
import { SiteRepository } from '../data/site-repository';
import { SiteDetail } from './site-detail';

const quarry = new Site({ name: 'Quarry', address: 'Route 9', contactName: 'Ana', contactPhone: '+44 1234' });
const depot = new Site({ name: 'Depot' });

async function renderSite(id: string) {
  const sites$ = new BehaviorSubject<readonly Site[]>([quarry, depot]);
  const jobs$ = new Subject<readonly Job[]>();
  const requestedSites: string[] = [];
  await render(SiteDetail, {
    inputs: { id },
    providers: [
      provideRouter([]),
      { provide: SiteRepository, useValue: { watchAll: () => sites$ } },
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
    ],
  });
  return { sites$, jobs$, requestedSites };
}

function job(title: string, fields: Partial<ConstructorParameters<typeof Job>[0]> = {}): Job {
  return new Job({ siteID: quarry.id, title, status: JobStatus.OPEN, priority: JobPriority.NORMAL, ...fields });
}

describe('SiteDetail page', () => {
  it('shows the site, a way to call its contact and to add a job there', async () => {
    const { requestedSites } = await renderSite(quarry.id);

    expect(await screen.findByRole('heading', { level: 1, name: 'Quarry' })).toBeTruthy();
    expect(screen.getByText('Route 9')).toBeTruthy();
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

    const valve = job('Replace valve', { dueDate: '2025-06-01' });
    jobs$.next([valve, job('Paint', { status: JobStatus.DONE })]);

    expect((await screen.findByRole('status')).textContent?.replace(/\s+/g, ' ')).toContain(
      '2 jobs · 1 open · 1 done · 1 overdue',
    );
    const list = within(screen.getByRole('list', { name: 'Jobs at this site' }));
    expect((await list.findByRole('link', { name: /Replace valve/ })).getAttribute('href')).toBe(`/jobs/${valve.id}`);
  });

  it('says so when the site is not on this device', async () => {
    await renderSite('unknown');

    expect(await screen.findByRole('heading', { name: 'This site is not on this device' })).toBeTruthy();
  });
});
