import { type Job, type JobPriority, JobStatus } from '../../../../models';
import { JOB_PRIORITIES, JOB_STATUSES } from './job-labels';
import { foldText, matchesTerms, searchTerms } from './text-search';

export type JobView = 'today' | 'overdue' | 'mine' | 'all';
export type JobSort = 'due' | 'priority' | 'title' | 'site' | 'distance';
export const JOB_SORTS: readonly JobSort[] = ['due', 'priority', 'title', 'site', 'distance'];

export interface JobCriteria {
  readonly view: JobView;
  /** Local calendar date `YYYY-MM-DD`. */
  readonly today: string;
  /** The crew member using this device; "mine" shows nothing until it is set. */
  readonly crewMember: string;
  readonly query: string;
  /** Empty means every status. */
  readonly statuses: readonly JobStatus[];
  readonly priority: JobPriority | null;
  readonly assignee: string | null;
  /** A site's id; null for every site. */
  readonly site: string | null;
  /** A crew's id: its jobs only (an office device holds every crew's); null or absent for every crew. */
  readonly crew?: string | null;
  /** Site names by id, for search; a job whose site is not on the device has none. */
  readonly siteNames: ReadonlyMap<string, string>;
}

export function isClosed(job: Pick<Job, 'status'>): boolean {
  return job.status === JobStatus.DONE || job.status === JobStatus.CANCELLED;
}

/** Due before today and still to be done. A job due today is not overdue yet. */
export function isOverdue(job: Pick<Job, 'status' | 'dueDate'>, today: string): boolean {
  return !!job.dueDate && job.dueDate < today && !isClosed(job);
}

export const JOB_VIEWS: readonly JobView[] = ['today', 'overdue', 'mine', 'all'];

export function inView(job: Job, view: JobView, today: string, crewMember: string): boolean {
  switch (view) {
    case 'today':
      return job.dueDate === today;
    case 'overdue':
      return isOverdue(job, today);
    case 'mine':
      return !!crewMember && sameName(job.assignee, crewMember);
    case 'all':
      return true;
  }
}

/** Every criterion except the status chips, so the chips can show how many each would add. */
export function filterJobsExceptStatus(jobs: readonly Job[], criteria: JobCriteria): Job[] {
  return jobs.filter(matcherExceptStatus(criteria));
}

/** The test `filterJobsExceptStatus` applies to each job, for one job at a time. */
export function matcherExceptStatus(criteria: Omit<JobCriteria, 'statuses'>): (job: Job) => boolean {
  const terms = searchTerms(criteria.query);
  return (job) =>
    inView(job, criteria.view, criteria.today, criteria.crewMember) &&
    (!criteria.priority || job.priority === criteria.priority) &&
    (criteria.assignee === null || sameName(job.assignee, criteria.assignee)) &&
    (criteria.site === null || job.siteID === criteria.site) &&
    (criteria.crew === null || criteria.crew === undefined || job.crewID === criteria.crew) &&
    (!terms.length || matchesTerms(searchText(job, criteria.siteNames.get(job.siteID) ?? ''), terms));
}

/** Every criterion, status chips included: the jobs the list shows. */
export function matcher(criteria: JobCriteria): (job: Job) => boolean {
  const exceptStatus = matcherExceptStatus(criteria);
  const { statuses } = criteria;
  return (job) => (!statuses.length || statuses.includes(job.status as JobStatus)) && exceptStatus(job);
}

export function filterByStatus(jobs: readonly Job[], statuses: readonly JobStatus[]): readonly Job[] {
  return statuses.length ? jobs.filter((job) => statuses.includes(job.status as JobStatus)) : jobs;
}

export function countByStatus(jobs: readonly Job[]): Record<JobStatus, number> {
  const counts = Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as Record<JobStatus, number>;
  for (const job of jobs) counts[job.status as JobStatus]++;
  return counts;
}

export function countByPriority(jobs: readonly Job[]): Record<JobPriority, number> {
  const counts = Object.fromEntries(JOB_PRIORITIES.map((priority) => [priority, 0])) as Record<JobPriority, number>;
  for (const job of jobs) counts[job.priority as JobPriority]++;
  return counts;
}

export function countOverdue(jobs: readonly Job[], today: string): number {
  return jobs.reduce((count, job) => count + (isOverdue(job, today) ? 1 : 0), 0);
}

/** How many jobs each view would show, for the view buttons. */
export function countViews(jobs: readonly Job[], today: string, crewMember: string): Record<JobView, number> {
  return Object.fromEntries(
    JOB_VIEWS.map((view) => [
      view,
      jobs.reduce((count, job) => count + (inView(job, view, today, crewMember) ? 1 : 0), 0),
    ]),
  ) as Record<JobView, number>;
}

/** Distinct assignees, sorted, for the assignee filter. */
export function assigneesOf(jobs: readonly Job[]): string[] {
  const names = new Set<string>();
  for (const job of jobs) if (job.assignee?.trim()) names.add(job.assignee.trim());
  return [...names].sort(compareText);
}

/** The name a job counts under in the assignee filter; undefined when unassigned. */
export function assigneeName(job: Pick<Job, 'assignee'>): string | undefined {
  return job.assignee?.trim() || undefined;
}

/** Text in the user's language order (V8 compares plain ASCII text without ICU, faster than a Collator). */
export function compareText(a: string, b: string): number {
  return a.localeCompare(b);
}

const PRIORITY_RANK: Readonly<Record<string, number>> = Object.fromEntries(JOB_PRIORITIES.map((p, i) => [p, i]));

/**
 * Returns a new array; jobs without a due date go last when sorting by due date, jobs whose site is
 * not on the device go last when sorting by site, and jobs whose site has no known distance
 * (`siteDistances`, km by site id) go last when sorting by distance; then by due date.
 */
export function sortJobs(
  jobs: readonly Job[],
  sort: JobSort,
  siteNames: ReadonlyMap<string, string> = new Map(),
  siteDistances: ReadonlyMap<string, number> = new Map(),
): Job[] {
  return [...jobs].sort(jobOrder(sort, siteNames, siteDistances));
}

function compareTitleThenId(a: Job, b: Job): number {
  return compareText(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The order `sortJobs` puts jobs in, ending with the title and then the id, so that no two jobs
 * compare equal: a job can be found and placed by binary search.
 */
export function jobOrder(
  sort: JobSort,
  siteNames: ReadonlyMap<string, string> = new Map(),
  siteDistances: ReadonlyMap<string, number> = new Map(),
): (a: Job, b: Job) => number {
  const byDue = (a: Job, b: Job) => compareDue(a.dueDate, b.dueDate);
  const compare: Record<JobSort, (a: Job, b: Job) => number> = {
    due: (a, b) => byDue(a, b) || PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority],
    priority: (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || byDue(a, b),
    title: () => 0,
    site: (a, b) => compareMissingLast(siteNames.get(a.siteID), siteNames.get(b.siteID)) || byDue(a, b),
    distance: (a, b) => compareMissingLast(siteDistances.get(a.siteID), siteDistances.get(b.siteID)) || byDue(a, b),
  };
  const first = compare[sort];
  return (a, b) => first(a, b) || compareTitleThenId(a, b);
}

function compareDue(a: string | null | undefined, b: string | null | undefined): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return a < b ? -1 : 1;
}

function compareMissingLast<T extends string | number>(a: T | undefined, b: T | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return typeof a === 'string' ? compareText(a, b as string) : (a as number) - (b as number);
}

function sameName(a: string | null | undefined, b: string): boolean {
  return (a ?? '').trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/** Jobs are immutable snapshots, so each one's folded text is worked out once, not on every keystroke. */
const searchTexts = new WeakMap<Job, { readonly siteName: string; readonly text: string }>();

/** What search looks in: title, description, site name, assignee and tags, case and accents folded. */
function searchText(job: Job, siteName: string): string {
  const known = searchTexts.get(job);
  if (known?.siteName === siteName) return known.text;
  const text = foldText([job.title, job.description, siteName, job.assignee, ...(job.tags ?? [])].join('\n'));
  searchTexts.set(job, { siteName, text });
  return text;
}
