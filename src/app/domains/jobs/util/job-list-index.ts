import { type Job, type JobStatus } from '../../../../models';
import { changesSince } from '../../shared/util/list-patch';
import {
  countByStatus,
  filterByStatus,
  type JobCriteria,
  jobOrder,
  type JobSort,
  type JobView,
  matcher,
  matcherExceptStatus,
  sortJobs,
} from './job-filters';
import { EveryJobPart, lowerBound, sameSettings, type Version, ViewCountsPart } from './job-list-parts';

/** What the jobs list shows: everything derived from the jobs and the list's settings. */
export interface JobListView {
  readonly total: number;
  /** The jobs shown, in the chosen order. */
  readonly visibleJobs: readonly Job[];
  /** Jobs per status among those matching every criterion but the status chips. */
  readonly statusCounts: Readonly<Record<JobStatus, number>>;
  /** Jobs in each view among those the search and filters let through, as the list would show them. */
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
  private views: ViewCountsPart | undefined;
  private matching: MatchingPart | undefined;
  private shown: ShownPart | undefined;

  update(inputs: JobListInputs): JobListView {
    const versions = this.versionsSince(inputs.jobs);
    this.jobs = inputs.jobs;
    const { criteria } = inputs;
    this.everyJob = EveryJobPart.for(this.everyJob, inputs.jobs, versions);
    this.views = ViewCountsPart.for(this.views, inputs.jobs, versions, { ...criteria, view: 'all' });
    this.matching = MatchingPart.for(this.matching, inputs.jobs, versions, withoutStatuses(criteria));
    this.shown = ShownPart.for(this.shown, inputs.jobs, versions, inputs, this.matching.matched);
    return {
      total: inputs.jobs.length,
      visibleJobs: this.shown.jobs,
      statusCounts: this.matching.counts,
      viewCounts: this.views.counts,
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
    const { statuses } = settings;
    const matches = matcher(settings);
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
