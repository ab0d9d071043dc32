import { provideRouter } from '@angular/router';
import { render, screen, within } from '@testing-library/angular';

import { job } from '../../shared/util/models.testing';
import { JobCardList } from './job-card-list';

const valve = job('Replace valve', { siteID: 'weir' });
const paint = job('Paint railings', { siteID: 'depot' });

async function cards(inputs: Partial<{ siteDistances: ReadonlyMap<string, number> }>) {
  await render(JobCardList, {
    inputs: { jobs: [valve, paint], label: 'Jobs', today: '2026-11-28', ...inputs },
    providers: [provideRouter([])],
  });
  const list = within(screen.getByRole('list', { name: 'Jobs' }));
  return {
    valve: list.getByRole('link', { name: /Replace valve/ }).textContent ?? '',
    paint: list.getByRole('link', { name: /Paint railings/ }).textContent ?? '',
  };
}

describe('JobCardList', () => {
  it('says how far each site is when it knows', async () => {
    const { valve, paint } = await cards({ siteDistances: new Map([['weir', 0.347]]) });

    expect(valve).toContain('350 m away');
    // The depot has no location: no distance rather than a made-up one.
    expect(paint).not.toContain('away');
  });

  it('says no distance at all where none was asked for', async () => {
    const { valve, paint } = await cards({});

    expect(valve).not.toContain('away');
    expect(paint).not.toContain('away');
  });
});
