import { JobPriority, JobStatus } from '../../../../models';
import { JobListFiltersMemory } from './job-list-filters-memory';

describe('JobListFiltersMemory', () => {
  afterEach(() => sessionStorage.removeItem('fieldbook.jobListFilters'));

  it('gives back the filters it kept for this tab', () => {
    const memory = new JobListFiltersMemory();
    const filters = {
      view: 'mine' as const,
      query: 'valve',
      statuses: [JobStatus.OPEN, JobStatus.ON_HOLD],
      priority: JobPriority.URGENT,
      assignee: '',
      site: 'demo-site-2',
      crew: 'north',
      sort: 'site' as const,
    };
    memory.write(filters);

    expect(new JobListFiltersMemory().read()).toEqual(filters);
  });

  it('drops values that are no longer valid and reads nothing from a damaged entry', () => {
    sessionStorage.setItem(
      'fieldbook.jobListFilters',
      JSON.stringify({ view: 'someday', query: 'ok', statuses: ['OPEN', 'LOST'], priority: 'MEH', sort: 'title' }),
    );
    expect(new JobListFiltersMemory().read()).toEqual({ query: 'ok', sort: 'title' });

    sessionStorage.setItem('fieldbook.jobListFilters', JSON.stringify({ site: 42, sort: 'nearest' }));
    expect(new JobListFiltersMemory().read()).toEqual({});
    sessionStorage.setItem('fieldbook.jobListFilters', JSON.stringify({ site: null, sort: 'site' }));
    expect(new JobListFiltersMemory().read()).toEqual({ site: null, sort: 'site' });

    sessionStorage.setItem('fieldbook.jobListFilters', '{"view":');
    expect(new JobListFiltersMemory().read()).toEqual({});
  });
});
