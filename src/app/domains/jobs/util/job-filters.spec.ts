import { type Job, JobPriority, JobStatus } from '../../../../models';
import { job } from '../../shared/util/models.testing';
import {
  assigneesOf,
  countByPriority,
  countByStatus,
  countOverdue,
  countViews,
  filterByStatus,
  filterJobsExceptStatus,
  isOverdue,
  type JobCriteria,
  sortJobs,
} from './job-filters';

const TODAY = '2025-06-10';

const all: JobCriteria = {
  view: 'all',
  today: TODAY,
  crewMember: '',
  query: '',
  statuses: [],
  priority: null,
  assignee: null,
  site: null,
  siteNames: new Map(),
};

const titles = (jobs: readonly Job[]) => jobs.map((each) => each.title);

describe('job filters', () => {
  it('counts a job as overdue only when due before today and not done or cancelled', () => {
    expect(isOverdue(job('a', { dueDate: '2025-06-09' }), TODAY)).toBeTrue();
    expect(isOverdue(job('b', { dueDate: TODAY }), TODAY)).toBeFalse();
    expect(isOverdue(job('c', { dueDate: '2025-06-09', status: JobStatus.DONE }), TODAY)).toBeFalse();
    expect(isOverdue(job('d', { dueDate: '2025-06-09', status: JobStatus.CANCELLED }), TODAY)).toBeFalse();
    expect(isOverdue(job('e', { dueDate: '2025-06-09', status: JobStatus.ON_HOLD }), TODAY)).toBeTrue();
    expect(isOverdue(job('f'), TODAY)).toBeFalse();
  });

  it('shows the today, overdue and mine views', () => {
    const jobs = [
      job('due today', { dueDate: TODAY, assignee: 'Ana' }),
      job('late', { dueDate: '2025-01-01', assignee: ' ana ' }),
      job('late but done', { dueDate: '2025-01-01', status: JobStatus.DONE }),
      job('later', { dueDate: '2025-07-01', assignee: 'Ben' }),
    ];

    expect(titles(filterJobsExceptStatus(jobs, { ...all, view: 'today' }))).toEqual(['due today']);
    expect(titles(filterJobsExceptStatus(jobs, { ...all, view: 'overdue' }))).toEqual(['late']);
    expect(titles(filterJobsExceptStatus(jobs, { ...all, view: 'mine', crewMember: 'ANA' }))).toEqual([
      'due today',
      'late',
    ]);
    expect(filterJobsExceptStatus(jobs, { ...all, view: 'mine', crewMember: '' })).toEqual([]);
    expect(filterJobsExceptStatus(jobs, all).length).toBe(4);
    expect(countViews(jobs, TODAY, 'ana')).toEqual({ today: 1, overdue: 1, mine: 2, all: 4 });
  });

  it('searches title, description, assignee and tags ignoring case, and filters priority and assignee', () => {
    const jobs = [
      job('Valve', { tags: ['Hydraulics'], priority: JobPriority.URGENT, assignee: 'Ana' }),
      job('Fence', { description: 'hydraulic gate post', assignee: 'Ben' }),
      job('Paint'),
    ];

    expect(titles(filterJobsExceptStatus(jobs, { ...all, query: ' HYDRAUL ' }))).toEqual(['Valve', 'Fence']);
    expect(titles(filterJobsExceptStatus(jobs, { ...all, priority: JobPriority.URGENT }))).toEqual(['Valve']);
    expect(titles(filterJobsExceptStatus(jobs, { ...all, assignee: 'Ben' }))).toEqual(['Fence']);
    expect(titles(filterJobsExceptStatus(jobs, { ...all, assignee: '' }))).toEqual(['Paint']);
  });

  it('searches the site’s name and the assignee without caring for accents, and filters one site', () => {
    const siteNames = new Map([
      ['harbour', 'Harbour Pump Station'],
      ['river', 'Riverside Water Works'],
    ]);
    const jobs = [
      job('Pump check', { siteID: 'harbour', assignee: 'Inès Kovač' }),
      job('Pump check', { siteID: 'river', description: 'Sump at the weir' }),
      job('Meter read', { siteID: 'gone' }),
    ];
    const search = (query: string) =>
      filterJobsExceptStatus(jobs, { ...all, siteNames, query }).map((each) => each.siteID);

    expect(search('HARBOUR')).toEqual(['harbour']);
    expect(search('ines kovac')).toEqual(['harbour']);
    expect(search('pump riverside')).toEqual(['river']);
    expect(search('sump')).toEqual(['river']);
    expect(filterJobsExceptStatus(jobs, { ...all, siteNames, site: 'river' }).map((each) => each.siteID)).toEqual([
      'river',
    ]);
  });

  it('filters by any of the chosen statuses, or none chosen for all', () => {
    const jobs = [job('a'), job('b', { status: JobStatus.DONE }), job('c', { status: JobStatus.ON_HOLD })];

    expect(titles(filterByStatus(jobs, [JobStatus.DONE, JobStatus.ON_HOLD]))).toEqual(['b', 'c']);
    expect(filterByStatus(jobs, []).length).toBe(3);
  });

  it('counts jobs per status, per priority and overdue', () => {
    const jobs = [
      job('a', { dueDate: '2025-06-01' }),
      job('b', { status: JobStatus.DONE, priority: JobPriority.URGENT, dueDate: '2025-06-01' }),
      job('c', { status: JobStatus.DONE, priority: JobPriority.URGENT }),
    ];

    expect(countByStatus(jobs)).toEqual({ OPEN: 1, IN_PROGRESS: 0, ON_HOLD: 0, DONE: 2, CANCELLED: 0 });
    expect(countByPriority(jobs)).toEqual({ URGENT: 2, HIGH: 0, NORMAL: 1, LOW: 0 });
    expect(countOverdue(jobs, TODAY)).toBe(1);
  });

  it('sorts by due date (undated last), by priority, or by title without changing the input', () => {
    const jobs = [
      job('no date', { priority: JobPriority.URGENT }),
      job('late', { dueDate: '2025-06-20', priority: JobPriority.LOW }),
      job('soon', { dueDate: '2025-06-11', priority: JobPriority.HIGH }),
    ];

    expect(titles(sortJobs(jobs, 'due'))).toEqual(['soon', 'late', 'no date']);
    expect(titles(sortJobs(jobs, 'priority'))).toEqual(['no date', 'soon', 'late']);
    expect(titles(sortJobs(jobs, 'title'))).toEqual(['late', 'no date', 'soon']);
    expect(titles(jobs)).toEqual(['no date', 'late', 'soon']);
  });

  it('sorts by site name, then due date, with jobs of a site not on the device last', () => {
    const siteNames = new Map([
      ['b', 'Bridge'],
      ['a', 'Aqueduct'],
    ]);
    const jobs = [
      job('unknown site', { siteID: 'x' }),
      job('bridge later', { siteID: 'b', dueDate: '2025-06-20' }),
      job('aqueduct', { siteID: 'a' }),
      job('bridge sooner', { siteID: 'b', dueDate: '2025-06-11' }),
    ];

    expect(titles(sortJobs(jobs, 'site', siteNames))).toEqual([
      'aqueduct',
      'bridge sooner',
      'bridge later',
      'unknown site',
    ]);
  });

  it('sorts nearest site first, then due date, with sites of no known distance last', () => {
    const siteDistances = new Map([
      ['far', 12.5],
      ['near', 0.3],
    ]);
    const jobs = [
      job('no location', { siteID: 'x', dueDate: '2025-06-11' }),
      job('far away', { siteID: 'far' }),
      job('near, later', { siteID: 'near', dueDate: '2025-06-20' }),
      job('near, sooner', { siteID: 'near', dueDate: '2025-06-12' }),
    ];

    expect(titles(sortJobs(jobs, 'distance', new Map(), siteDistances))).toEqual([
      'near, sooner',
      'near, later',
      'far away',
      'no location',
    ]);
    // Not located yet: the same order as by due date.
    expect(titles(sortJobs(jobs, 'distance'))).toEqual(titles(sortJobs(jobs, 'due')));
  });

  it('lists distinct assignees alphabetically', () => {
    expect(
      assigneesOf([
        job('a', { assignee: 'Ben' }),
        job('b', { assignee: 'Ana' }),
        job('c', { assignee: 'Ben ' }),
        job('d'),
      ]),
    ).toEqual(['Ana', 'Ben']);
  });
});
