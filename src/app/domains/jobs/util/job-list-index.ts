import { type Job, type JobStatus } from '../../../../models';
import { changesSince } from '../../shared/util/list-patch';
import {
  assigneeName,
  compareText,
  countByStatus,
  countViews,
  filterByStatus,
  inView,
  JOB_VIEWS,
  type JobCriteria,
  jobOrder,
  type JobSort,
  type JobView,
  matcherExceptStatus,
  sortJobs,
} from './job-filters';

/** What the jobs list shows: everything derived from the jobs and the list's settings. */
export interface JobListView {
  readonly total: number;
  /** The jobs shown, in the chosen order. */
  readonly visibleJobs: readonly Job[];
  /** Jobs per status among those matching every criterion but the status chips. */
  readonly statusCounts: Readonly<Record<JobStatus, number>>;
  readonly viewCounts: Readonly<Record<JobView, number>>;
  readonly assignees: readonly string[];
}

export interface JobListInputs {
  /** Every job on the device, as the repository's live list emits it. */
  readonly jobs: readonly Job[];
  readonly criteria: JobCriteria;
  readonly sort: JobSort;
  readonly siteDistances: ReadonlyMap<string, number>;
}

interface Version {
  readonly before: Job | undefined;
  readonly after: Job | undefined;
}

/**
 * The jobs list's derived lists, kept up to date change by change. A new list of jobs that came
 * from the last one by patches (`changesSince`: a save, a job synced in) costs a binary search per
 * changed job, one copy of the shown list, and the counts adjusted by what each job was and is;
 * only a change of view, filters, sort or sites, or a re-queried list, goes over every job again.
 * Each part is rebuilt only when its own settings change: a search keystroke leaves the view
 * counts alone.
 */
export class JobListIndex {
  private jobs: readonly Job[] = [];
  private byId = new Map<string, Job>();
  private everyJob: EveryJobPart | undefined;
  private matching: MatchingPart | undefined;
  private shown: ShownPart | undefined;

  update(inputs: JobListInputs): JobListView {
    const versions = this.versionsSince(inputs.jobs);
    this.jobs = inputs.jobs;
    const { criteria } = inputs;
    this.everyJob = EveryJobPart.for(this.everyJob, inputs.jobs, versions, [criteria.today, criteria.crewMember]);
    this.matching = MatchingPart.for(this.matching, inputs.jobs, versions, withoutStatuses(criteria));
    this.shown = ShownPart.for(this.shown, inputs.jobs, versions, inputs, this.matching.matched);
    return {
      total: inputs.jobs.length,
      visibleJobs: this.shown.jobs,
      statusCounts: this.matching.counts,
      viewCounts: this.everyJob.viewCounts,
      assignees: this.everyJob.assignees,
    };
  }

  /** Each changed job before and after, or undefined when only a pass over every job can tell. */
  private versionsSince(jobs: readonly Job[]): readonly Version[] | undefined {
    if (jobs === this.jobs) return [];
    const changes = changesSince(jobs, this.jobs);
    if (!changes) {
      this.byId = new Map(jobs.map((job) => [job.id, job]));
      return undefined;
    }
    return changes.map(({ id, current }) => {
      const before = this.byId.get(id);
      if (current) this.byId.set(id, current);
      else this.byId.delete(id);
      return { before, after: current };
    });
  }
}

function withoutStatuses(criteria: JobCriteria): Omit<JobCriteria, 'statuses'> {
  const rest: Record<string, unknown> = { ...criteria };
  delete rest['statuses'];
  return rest as unknown as Omit<JobCriteria, 'statuses'>;
}

/** Settings are compared field by field, each by identity (maps and arrays are replaced, never mutated). */
function sameSettings(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((key) => Object.is(x[key], y[key]));
}

/** Over every job: the view buttons' counts and the assignee filter's names. */
class EveryJobPart {
  private constructor(
    private readonly settings: readonly [today: string, crewMember: string],
    readonly viewCounts: Readonly<Record<JobView, number>>,
    private readonly assigneeCounts: Map<string, number>,
    readonly assignees: readonly string[],
  ) {}

  static for(
    last: EveryJobPart | undefined,
    jobs: readonly Job[],
    versions: readonly Version[] | undefined,
    settings: readonly [today: string, crewMember: string],
  ): EveryJobPart {
    if (last && versions && sameSettings(last.settings, settings)) return versions.length ? last.patch(versions) : last;
    const assigneeCounts = new Map<string, number>();
    for (const job of jobs) {
      const name = assigneeName(job);
      if (name) assigneeCounts.set(name, (assigneeCounts.get(name) ?? 0) + 1);
    }
    const assignees = [...assigneeCounts.keys()].sort(compareText);
    return new EveryJobPart(settings, countViews(jobs, ...settings), assigneeCounts, assignees);
  }

  private patch(versions: readonly Version[]): EveryJobPart {
    const [today, crewMember] = this.settings;
    const viewCounts = { ...this.viewCounts };
    let assignees = this.assignees;
    const count = (job: Job | undefined, by: 1 | -1) => {
      if (!job) return;
      for (const view of JOB_VIEWS) if (inView(job, view, today, crewMember)) viewCounts[view] += by;
      const name = assigneeName(job);
      if (!name) return;
      const now = (this.assigneeCounts.get(name) ?? 0) + by;
      if (now > 0) this.assigneeCounts.set(name, now);
      else this.assigneeCounts.delete(name);
      if (now === 0 || (now === 1 && by === 1)) assignees = withOrWithout(assignees, name, now > 0);
    };
    for (const { before, after } of versions) {
      count(before, -1);
      count(after, 1);
    }
    return new EveryJobPart(this.settings, viewCounts, this.assigneeCounts, assignees);
  }
}

/** The names, sorted, with `name` added or taken out. */
function withOrWithout(names: readonly string[], name: string, present: boolean): readonly string[] {
  const at = lowerBound(names, name, compareText);
  const there = names[at] === name;
  if (there === present) return names;
  const next = [...names];
  if (present) next.splice(at, 0, name);
  else next.splice(at, 1);
  return next;
}

/** Over the jobs matching every criterion but the status chips: how many have each status. */
class MatchingPart {
  private constructor(
    private readonly settings: Omit<JobCriteria, 'statuses'>,
    private readonly matches: (job: Job) => boolean,
    readonly counts: Readonly<Record<JobStatus, number>>,
    /** The matching jobs when this part was just built from every job, so the shown list need not filter again. */
    readonly matched?: readonly Job[],
  ) {}

  static for(
    last: MatchingPart | undefined,
    jobs: readonly Job[],
    versions: readonly Version[] | undefined,
    settings: Omit<JobCriteria, 'statuses'>,
  ): MatchingPart {
    if (last && versions && sameSettings(last.settings, settings)) {
      if (!versions.length) return last;
      const counts = { ...last.counts };
      for (const { before, after } of versions) {
        if (before && last.matches(before)) counts[before.status as JobStatus]--;
        if (after && last.matches(after)) counts[after.status as JobStatus]++;
      }
      return new MatchingPart(last.settings, last.matches, counts);
    }
    const matches = matcherExceptStatus(settings);
    const matched = jobs.filter(matches);
    return new MatchingPart(settings, matches, countByStatus(matched), matched);
  }
}

interface ShownSettings extends JobCriteria {
  readonly sort: JobSort;
  readonly siteDistances: ReadonlyMap<string, number>;
}

/** The jobs shown: matching every criterion, status chips included, in the chosen order. */
class ShownPart {
  private constructor(
    private readonly settings: ShownSettings,
    private readonly matches: (job: Job) => boolean,
    private readonly order: (a: Job, b: Job) => number,
    readonly jobs: readonly Job[],
  ) {}

  static for(
    last: ShownPart | undefined,
    jobs: readonly Job[],
    versions: readonly Version[] | undefined,
    inputs: JobListInputs,
    matched: readonly Job[] | undefined,
  ): ShownPart {
    const settings: ShownSettings = { ...inputs.criteria, sort: inputs.sort, siteDistances: inputs.siteDistances };
    if (last && versions && sameSettings(last.settings, settings)) return versions.length ? last.patch(versions) : last;
    const exceptStatus = matcherExceptStatus(settings);
    const { statuses } = settings;
    const matches = (job: Job) => (!statuses.length || statuses.includes(job.status as JobStatus)) && exceptStatus(job);
    const order = jobOrder(settings.sort, settings.siteNames, settings.siteDistances);
    const candidates = matched ? filterByStatus(matched, statuses) : jobs.filter(matches);
    const shown = sortJobs(candidates, settings.sort, settings.siteNames, settings.siteDistances);
    return new ShownPart(settings, matches, order, shown);
  }

  private patch(versions: readonly Version[]): ShownPart {
    const shown = [...this.jobs];
    for (const { before, after } of versions) {
      if (before && this.matches(before)) {
        const at = lowerBound(shown, before, this.order);
        // `before` is the very object shown; the order has no ties, so the search lands on it.
        const found = shown[at] === before ? at : shown.indexOf(before);
        if (found >= 0) shown.splice(found, 1);
      }
      if (after && this.matches(after)) shown.splice(lowerBound(shown, after, this.order), 0, after);
    }
    return new ShownPart(this.settings, this.matches, this.order, shown);
  }
}

/** The first position whose item does not sort before `item` (binary search). */
function lowerBound<T>(list: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(list[middle] as T, item) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
