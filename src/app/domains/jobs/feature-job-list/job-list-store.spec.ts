import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';

import { type Job, JobPriority, JobStatus, Site } from '../../../../models';
import { CrewMemberPreference } from '../../device/data/crew-member-preference';
import { job } from '../../shared/util/models.testing';
import { SiteRepository } from '../../sites/data/site-repository';
import { type JobListFilters, JobListFiltersMemory } from '../data/job-list-filters-memory';
import { JobRepository } from '../data/job-repository';
import { CLOCK } from '../util/local-date';
import { JobListStore } from './job-list-store';

describe('JobListStore', () => {
  let jobs$: Subject<readonly Job[]>;
  let sites$: Subject<readonly Site[]>;
  let savedName: string;
  let store: InstanceType<typeof JobListStore>;
  let remembered: Partial<JobListFilters>;

  beforeEach(() => {
    jobs$ = new Subject();
    sites$ = new Subject();
    savedName = 'Ana';
    remembered = {};
    TestBed.configureTestingModule({
      providers: [
        {
          provide: JobListFiltersMemory,
          useValue: { read: () => remembered, write: (filters: JobListFilters) => (remembered = filters) },
        },
        JobListStore,
        { provide: JobRepository, useValue: { watchAll: () => jobs$, firstByDueDate: async () => undefined } },
        { provide: SiteRepository, useValue: { watchAll: () => sites$ } },
        { provide: CLOCK, useValue: () => new Date(2025, 5, 10, 9, 0) },
        {
          provide: CrewMemberPreference,
          useValue: {
            read: () => savedName,
            write: (name: string) => (savedName = name.trim()),
            fromAccount: () => false,
          },
        },
      ],
    });
    store = TestBed.inject(JobListStore);
  });

  const titles = () => store.visibleJobs().map((each) => each.title);

  it('finds its filters, search and sort as they were left when the list is opened again', () => {
    store.setView('overdue');
    store.search('pump');
    store.toggleStatus(JobStatus.IN_PROGRESS);
    store.setPriority(JobPriority.HIGH);
    store.setSite('site-2');
    store.setSort('site');
    TestBed.flushEffects();

    // Leaving the list destroys its store; coming back makes a new one.
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        JobListStore,
        { provide: JobListFiltersMemory, useValue: { read: () => remembered, write: () => undefined } },
        { provide: JobRepository, useValue: { watchAll: () => jobs$, firstByDueDate: async () => undefined } },
        { provide: SiteRepository, useValue: { watchAll: () => sites$ } },
        { provide: CLOCK, useValue: () => new Date(2025, 5, 10, 9, 0) },
        {
          provide: CrewMemberPreference,
          useValue: { read: () => 'Ana', write: () => undefined, fromAccount: () => false },
        },
      ],
    });
    const again = TestBed.inject(JobListStore);

    expect(again.view()).toBe('overdue');
    expect(again.query()).toBe('pump');
    expect(again.statuses()).toEqual([JobStatus.IN_PROGRESS]);
    expect(again.priority()).toBe(JobPriority.HIGH);
    expect(again.site()).toBe('site-2');
    expect(again.sort()).toBe('site');
  });

  it('is loading until the first snapshot and then follows every snapshot', () => {
    expect(store.loaded()).toBeFalse();
    jobs$.next([job('One')]);
    jobs$.next([job('One'), job('Two')]);

    expect(store.loaded()).toBeTrue();
    expect(store.total()).toBe(2);
  });

  it('switches between the today, overdue, mine and all views and counts each', () => {
    jobs$.next([
      job('Due today', { dueDate: '2025-06-10' }),
      job('Late', { dueDate: '2025-06-01', assignee: 'Ana' }),
      job('Late but done', { dueDate: '2025-06-01', status: JobStatus.DONE, assignee: 'Ana' }),
      job('Next week', { dueDate: '2025-06-17', assignee: 'Ben' }),
    ]);

    expect(store.viewCounts()).toEqual({ today: 1, overdue: 1, mine: 2, all: 4 });
    store.setView('overdue');
    expect(titles()).toEqual(['Late']);
    store.setView('today');
    expect(titles()).toEqual(['Due today']);
    store.setView('mine');
    expect(titles()).toEqual(['Late', 'Late but done']);
  });

  it('remembers the crew member on this device and uses it for "mine"', () => {
    jobs$.next([job('Ana’s', { assignee: 'Ana' }), job('Ben’s', { assignee: 'Ben' })]);
    store.setView('mine');

    store.setCrewMember(' Ben ');

    expect(savedName).toBe('Ben');
    expect(store.crewMember()).toBe('Ben');
    expect(titles()).toEqual(['Ben’s']);
  });

  it('toggles status chips and counts statuses over the other filters', () => {
    jobs$.next([
      job('Pump', { status: JobStatus.DONE }),
      job('Pump seal', { status: JobStatus.ON_HOLD }),
      job('Pump cover'),
      job('Fence', { status: JobStatus.DONE }),
    ]);
    store.search('pump');

    expect(store.statusCounts()).toEqual({ OPEN: 1, IN_PROGRESS: 0, ON_HOLD: 1, DONE: 1, CANCELLED: 0 });
    store.toggleStatus(JobStatus.DONE);
    store.toggleStatus(JobStatus.ON_HOLD);
    expect(titles()).toEqual(['Pump', 'Pump seal']);
    store.toggleStatus(JobStatus.DONE);
    expect(titles()).toEqual(['Pump seal']);
    expect(store.statusCounts()[JobStatus.DONE]).toBe(1);
  });

  it('filters by priority and assignee, sorts, and clears filters', () => {
    jobs$.next([
      job('B urgent', { priority: JobPriority.URGENT, assignee: 'Ana', dueDate: '2025-07-01' }),
      job('A low', { priority: JobPriority.LOW, assignee: 'Ana', dueDate: '2025-06-11' }),
      job('C urgent', { priority: JobPriority.URGENT, assignee: 'Ben' }),
    ]);

    expect(titles()).toEqual(['A low', 'B urgent', 'C urgent']);
    store.setSort('priority');
    expect(titles()).toEqual(['B urgent', 'C urgent', 'A low']);
    store.setPriority(JobPriority.URGENT);
    store.setAssignee('Ana');
    expect(titles()).toEqual(['B urgent']);
    expect(store.filtered()).toBeTrue();
    expect(store.assignees()).toEqual(['Ana', 'Ben']);

    store.clearFilters();
    expect(store.visibleJobs().length).toBe(3);
    expect(store.filtered()).toBeFalse();
  });

  it('names each job’s site, filters and sorts by site, and counts the filters set', () => {
    sites$.next([new Site({ name: 'Weir' }), new Site({ name: 'Depot' })]);
    const [weir, depot] = store.sites().map((site) => site.id);
    jobs$.next([
      job('Gauge', { siteID: weir!, dueDate: '2025-06-11' }),
      job('Fence', { siteID: depot!, dueDate: '2025-06-20' }),
      job('Gate', { siteID: weir!, dueDate: '2025-06-12' }),
    ]);

    expect(store.siteNames().get(weir!)).toBe('Weir');
    store.setSort('site');
    expect(titles()).toEqual(['Fence', 'Gauge', 'Gate']);
    store.search('weir');
    expect(titles()).toEqual(['Gauge', 'Gate']);
    store.search('');

    expect(store.activeFilters()).toBe(0);
    store.setSite(depot!);
    store.toggleStatus(JobStatus.OPEN);
    expect(titles()).toEqual(['Fence']);
    expect(store.activeFilters()).toBe(2);
    store.clearFilters();
    expect(store.site()).toBeNull();
    expect(store.activeFilters()).toBe(0);
  });

  it('sorts by distance from where the device is, and says why when it cannot tell', async () => {
    const getCurrentPosition = spyOn(navigator.geolocation, 'getCurrentPosition').and.callFake((success) =>
      success({ coords: { latitude: 51.5, longitude: -0.1, accuracy: 12 } } as GeolocationPosition),
    );
    sites$.next([
      new Site({ name: 'Far', location: { latitude: 52.5, longitude: -0.1 } }),
      new Site({ name: 'Near', location: { latitude: 51.501, longitude: -0.1 } }),
      new Site({ name: 'Nowhere' }),
    ]);
    const [far, near, nowhere] = store.sites().map((site) => site.id);
    jobs$.next([
      job('Unplaced', { siteID: nowhere!, dueDate: '2025-06-11' }),
      job('Far job', { siteID: far! }),
      job('Near job', { siteID: near! }),
    ]);

    store.setSort('distance');
    await store.locate();

    expect(titles()).toEqual(['Near job', 'Far job', 'Unplaced']);
    expect(store.siteDistances().get(near!)).toBeCloseTo(0.111, 2);
    expect(store.locationProblem()).toBeNull();

    getCurrentPosition.and.callFake((_success, failure) => failure?.({ code: 1 } as GeolocationPositionError));
    await store.locate();
    expect(store.locationProblem()).toContain('not allowed to use this device’s location');
  });

  it('reports a storage failure in words instead of dying silently', () => {
    jobs$.error(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));

    expect(store.loaded()).toBeTrue();
    expect(store.error()).toContain('Jobs could not be read from this device: this device is out of storage space.');
  });
});

describe('JobListStore before every job is read', () => {
  const soon = job('Replace valve', { dueDate: '2025-06-01' });
  const later = job('Paint fence', { dueDate: '2025-06-20', priority: JobPriority.HIGH });
  const sameDayUrgent = job('Fix leak', { dueDate: '2025-06-01', priority: JobPriority.URGENT });

  /** A store whose due-first read has answered `dueFirst` and whose full read has not answered yet. */
  async function storeWith(remembered: Partial<JobListFilters>, dueFirst: readonly Job[] | undefined) {
    const jobs$ = new Subject<readonly Job[]>();
    const read = Promise.resolve(dueFirst);
    TestBed.configureTestingModule({
      providers: [
        JobListStore,
        { provide: JobListFiltersMemory, useValue: { read: () => remembered, write: () => undefined } },
        { provide: JobRepository, useValue: { watchAll: () => jobs$, firstByDueDate: () => read } },
        { provide: SiteRepository, useValue: { watchAll: () => new Subject() } },
        { provide: CLOCK, useValue: () => new Date(2025, 5, 10, 9, 0) },
        {
          provide: CrewMemberPreference,
          useValue: { read: () => 'Ana', write: () => undefined, fromAccount: () => false },
        },
      ],
    });
    const store = TestBed.inject(JobListStore);
    // The store's own handler of the read was registered first, so it has run once this resumes.
    await read;
    return { store, jobs$ };
  }

  it('shows the jobs due first in the list’s order, then every job once read', async () => {
    const { store, jobs$ } = await storeWith({}, [later, soon, sameDayUrgent]);

    expect(store.loaded()).toBeFalse();
    expect(store.firstCards().map((each) => each.title)).toEqual(['Fix leak', 'Replace valve', 'Paint fence']);

    jobs$.next([soon, later, sameDayUrgent, job('Check gauge')]);
    expect(store.firstCards()).toEqual([]);
    expect(store.visibleJobs().map((each) => each.title)).toEqual([
      'Fix leak',
      'Replace valve',
      'Paint fence',
      'Check gauge',
    ]);
  });

  it('shows no first cards in another view, sort or with a filter, whose first cards they may not be', async () => {
    for (const remembered of [
      { view: 'overdue' },
      { sort: 'title' },
      { query: 'valve' },
      { priority: JobPriority.HIGH },
    ]) {
      TestBed.resetTestingModule();
      const { store } = await storeWith(remembered as Partial<JobListFilters>, [soon, later]);
      expect(store.firstCards()).withContext(JSON.stringify(remembered)).toEqual([]);
    }
  });

  it('shows no first cards when the device store cannot be read that way', async () => {
    const { store } = await storeWith({}, undefined);

    expect(store.firstCards()).toEqual([]);
  });
});
