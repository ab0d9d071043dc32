import { Injectable } from '@angular/core';

import { JobPriority, JobStatus } from '../../../../models';
import { JOB_SORTS, JOB_VIEWS, type JobSort, type JobView } from '../util/job-filters';

/** How the jobs list is narrowed and ordered: what a crew member set and expects to find again. */
export interface JobListFilters {
  readonly view: JobView;
  readonly query: string;
  readonly statuses: readonly JobStatus[];
  readonly priority: JobPriority | null;
  /** null: anyone; '': unassigned jobs only. */
  readonly assignee: string | null;
  /** A site's id; null: every site. */
  readonly site: string | null;
  /** A crew's id; null: every crew. */
  readonly crew: string | null;
  readonly sort: JobSort;
}

const KEY = 'fieldbook.jobListFilters';
const SORTS: readonly string[] = JOB_SORTS;
const STATUSES: readonly string[] = Object.values(JobStatus);
const PRIORITIES: readonly string[] = Object.values(JobPriority);

/**
 * The jobs list's filters for this tab (sessionStorage), so opening a job and coming back finds the
 * list as it was left; a new tab or window starts from the full list.
 */
@Injectable({ providedIn: 'root' })
export class JobListFiltersMemory {
  read(): Partial<JobListFilters> {
    try {
      const parsed: unknown = JSON.parse(globalThis.sessionStorage?.getItem(KEY) ?? '{}');
      return parsed && typeof parsed === 'object' ? validFilters(parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  write(filters: JobListFilters): void {
    try {
      globalThis.sessionStorage?.setItem(KEY, JSON.stringify(filters));
    } catch {
      // Storage full or blocked: the list still works, it just starts over next time.
    }
  }
}

/** Only what is still a valid value: a stored entry from an older app version may not be. */
function validFilters(raw: Record<string, unknown>): Partial<JobListFilters> {
  const { view, query, statuses, priority, assignee, site, crew, sort } = raw;
  return {
    ...(typeof view === 'string' && (JOB_VIEWS as readonly string[]).includes(view) ? { view: view as JobView } : {}),
    ...(typeof query === 'string' ? { query } : {}),
    ...(Array.isArray(statuses) && statuses.every((s) => typeof s === 'string' && STATUSES.includes(s))
      ? { statuses: statuses as JobStatus[] }
      : {}),
    ...(priority === null || (typeof priority === 'string' && PRIORITIES.includes(priority))
      ? { priority: priority as JobPriority | null }
      : {}),
    ...(assignee === null || typeof assignee === 'string' ? { assignee } : {}),
    ...(site === null || (typeof site === 'string' && site !== '') ? { site } : {}),
    ...(crew === null || (typeof crew === 'string' && crew !== '') ? { crew } : {}),
    ...(typeof sort === 'string' && SORTS.includes(sort) ? { sort: sort as JobSort } : {}),
  };
}
