import { type Job, JobPriority, JobStatus } from '../../../../models';
import { ascending, type ListChange, type ListShape, patchRecords } from '../../shared/util/list-patch';
import { JOB_SORTS, type JobCriteria } from './job-filters';
import { JOB_PRIORITIES, JOB_STATUSES } from './job-labels';
import { JobListIndex, type JobListInputs, type JobListView } from './job-list-index';

const TODAY = '2025-06-10';
const byTitle: ListShape<Job> = { matches: () => true, compare: ascending<Job>((job) => job.title) };

/** A small seeded generator, so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

/** Few distinct titles, dates and names, so jobs often tie on every field but their id. */
function makeJob(next: () => number, id: string): Job {
  return {
    id,
    siteID: pick(next, ['north', 'south', 'east', 'gone']),
    title: pick(next, ['Pump', 'pump', 'Fence', 'Éclusage', 'Valve seal', 'Gate']),
    description: pick(next, [null, 'hydraulic leak', 'paint']),
    status: pick(next, JOB_STATUSES),
    priority: pick(next, JOB_PRIORITIES),
    assignee: pick(next, [null, '', 'Ana', ' ana ', 'Ben', 'Zoë']),
    dueDate: pick(next, [null, '2025-06-01', TODAY, '2025-06-11']),
    tags: null,
  } as unknown as Job;
}

const siteNames = new Map([
  ['north', 'Weir'],
  ['south', 'Depot'],
  ['east', 'Ávila'],
]);
const siteDistances = new Map([
  ['north', 2.5],
  ['south', 0.4],
]);

const base: JobCriteria = {
  view: 'all',
  today: TODAY,
  crewMember: 'Ana',
  query: '',
  statuses: [],
  priority: null,
  assignee: null,
  site: null,
  siteNames,
};

const settings: readonly Omit<JobListInputs, 'jobs'>[] = [
  ...JOB_SORTS.map((sort) => ({ criteria: base, sort, siteDistances })),
  { criteria: { ...base, view: 'overdue' }, sort: 'due', siteDistances },
  { criteria: { ...base, view: 'mine', statuses: [JobStatus.OPEN, JobStatus.DONE] }, sort: 'priority', siteDistances },
  { criteria: { ...base, view: 'today', query: 'pump' }, sort: 'site', siteDistances },
  { criteria: { ...base, priority: JobPriority.HIGH, assignee: 'ana', site: 'north' }, sort: 'title', siteDistances },
  { criteria: { ...base, query: 'weir hydraul' }, sort: 'distance', siteDistances },
];

/** Comparable: the shown jobs by id, in order, and every count. */
function summary(view: JobListView) {
  return { ...view, visibleJobs: view.visibleJobs.map((job) => job.id) };
}

describe('JobListIndex', () => {
  for (const [n, setting] of settings.entries()) {
    it(`patched change by change, shows and counts what a full pass would (settings ${n})`, () => {
      const next = random(n + 1);
      let jobs: readonly Job[] = Array.from({ length: 120 }, (_, i) => makeJob(next, `job-${i}`)).sort(byTitle.compare);
      const index = new JobListIndex();
      index.update({ ...setting, jobs });
      let created = 0;
      for (let step = 0; step < 150; step++) {
        // Sometimes several patches land before the list is read again.
        for (let patch = 0, patches = 1 + Math.floor(next() * 2); patch < patches; patch++) {
          const changes: ListChange<Job>[] = [];
          for (let i = 0, count = 1 + Math.floor(next() * 3); i < count; i++) {
            const roll = next();
            const target = pick(next, jobs);
            if (roll < 0.15) changes.push({ id: target.id, current: undefined });
            else if (roll < 0.3) changes.push({ id: `new-${created}`, current: makeJob(next, `new-${created++}`) });
            else changes.push({ id: target.id, current: { ...makeJob(next, target.id) } });
          }
          jobs = patchRecords(jobs, changes, byTitle);
        }
        const patched = index.update({ ...setting, jobs });

        expect(summary(patched))
          .withContext(`step ${step}`)
          .toEqual(summary(new JobListIndex().update({ ...setting, jobs })));
      }
    });
  }

  it('takes in a saved job without going over every job again', () => {
    let statusReads = 0;
    const counted = (job: Job): Job => {
      const { status, ...rest } = job as Job & { status: JobStatus };
      return Object.defineProperty(rest, 'status', {
        get: () => {
          statusReads++;
          return status;
        },
        enumerable: true,
      }) as Job;
    };
    const next = random(99);
    const jobs = Array.from({ length: 500 }, (_, i) => counted(makeJob(next, `job-${i}`))).sort(byTitle.compare);
    const index = new JobListIndex();
    const before = index.update({ ...settings[0]!, jobs });

    statusReads = 0;
    const edited = { ...jobs[7]!, title: 'Aaa first', status: JobStatus.IN_PROGRESS };
    const after = index.update({
      ...settings[0]!,
      jobs: patchRecords(jobs, [{ id: edited.id, current: edited }], byTitle),
    });

    expect(statusReads).toBeLessThan(10);
    expect(after.visibleJobs).not.toBe(before.visibleJobs);
    expect(after.visibleJobs).toContain(edited);
    expect(after.visibleJobs).not.toContain(jobs[7]!);
  });

  it('goes over every job again when the list was re-queried', () => {
    const next = random(7);
    const jobs = Array.from({ length: 50 }, (_, i) => makeJob(next, `job-${i}`)).sort(byTitle.compare);
    const index = new JobListIndex();
    index.update({ ...settings[0]!, jobs });
    const requeried = [...jobs.slice(10), makeJob(next, 'other')].sort(byTitle.compare);

    expect(summary(index.update({ ...settings[0]!, jobs: requeried }))).toEqual(
      summary(new JobListIndex().update({ ...settings[0]!, jobs: requeried })),
    );
  });
});
