import { type Job } from '../../../../models';
import {
  assigneeName,
  compareText,
  countViews,
  inView,
  JOB_VIEWS,
  type JobCriteria,
  type JobView,
  matcher,
} from './job-filters';

/**
 * The jobs list's counts over many jobs, kept up to date change by change (see JobListIndex):
 * what each changed job was and is, and how to compare settings and search sorted lists.
 */

/** One changed job, before and after (undefined: not there). */
export interface Version {
  readonly before: Job | undefined;
  readonly after: Job | undefined;
}

/** Settings are compared field by field, each by identity (maps and arrays are replaced, never mutated). */
export function sameSettings(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((key) => Object.is(x[key], y[key]));
}

/** Over every job: the assignee filter's names (a filter never hides the names to choose from). */
export class EveryJobPart {
  private constructor(
    private readonly assigneeCounts: Map<string, number>,
    readonly assignees: readonly string[],
  ) {}

  static for(
    last: EveryJobPart | undefined,
    jobs: readonly Job[],
    versions: readonly Version[] | undefined,
  ): EveryJobPart {
    if (last && versions) return versions.length ? last.patch(versions) : last;
    const assigneeCounts = new Map<string, number>();
    for (const job of jobs) {
      const name = assigneeName(job);
      if (name) assigneeCounts.set(name, (assigneeCounts.get(name) ?? 0) + 1);
    }
    return new EveryJobPart(assigneeCounts, [...assigneeCounts.keys()].sort(compareText));
  }

  private patch(versions: readonly Version[]): EveryJobPart {
    let assignees = this.assignees;
    const count = (job: Job | undefined, by: 1 | -1) => {
      const name = job && assigneeName(job);
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
    return new EveryJobPart(this.assigneeCounts, assignees);
  }
}

/**
 * The view buttons' counts over the jobs the search, status chips and filters let through
 * (`settings` with the view set to all): "Today 4" beside an empty filtered list would be false.
 */
export class ViewCountsPart {
  private constructor(
    private readonly settings: JobCriteria,
    private readonly matches: (job: Job) => boolean,
    readonly counts: Readonly<Record<JobView, number>>,
  ) {}

  static for(
    last: ViewCountsPart | undefined,
    jobs: readonly Job[],
    versions: readonly Version[] | undefined,
    settings: JobCriteria,
  ): ViewCountsPart {
    if (last && versions && sameSettings(last.settings, settings)) return versions.length ? last.patch(versions) : last;
    const matches = matcher(settings);
    return new ViewCountsPart(settings, matches, countViews(jobs.filter(matches), settings.today, settings.crewMember));
  }

  private patch(versions: readonly Version[]): ViewCountsPart {
    const { today, crewMember } = this.settings;
    const counts = { ...this.counts };
    const count = (job: Job | undefined, by: 1 | -1) => {
      if (!job || !this.matches(job)) return;
      for (const view of JOB_VIEWS) if (inView(job, view, today, crewMember)) counts[view] += by;
    };
    for (const { before, after } of versions) {
      count(before, -1);
      count(after, 1);
    }
    return new ViewCountsPart(this.settings, this.matches, counts);
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

/** The first position whose item does not sort before `item` (binary search). */
export function lowerBound<T>(list: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(list[middle] as T, item) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
