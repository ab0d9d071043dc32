import { type JobPriority, type JobStatus } from '../../../../models';
import { crewLabel } from '../../crews/api';
import { PRIORITY_LABELS, STATUS_LABELS } from './job-labels';

export interface ListFilters {
  readonly query: string;
  readonly statuses: readonly JobStatus[];
  readonly priority: JobPriority | null;
  readonly assignee: string | null;
  readonly site: string | null;
  readonly crew?: string | null;
}

/**
 * The search and filters set on the jobs list, in words, for an empty result to say what hides
 * the jobs: `search “valve”`, `status Open or Done`, `High priority`, `assigned to Sam`, `site Weir`.
 */
export function filtersInWords(
  filters: ListFilters,
  siteNames: ReadonlyMap<string, string>,
  crewNames: ReadonlyMap<string, string> = new Map(),
): string[] {
  const query = filters.query.trim();
  const { statuses, priority, assignee, site, crew } = filters;
  return [
    query ? `search “${query}”` : '',
    statuses.length ? `status ${statuses.map((status) => STATUS_LABELS[status]).join(' or ')}` : '',
    priority ? `${PRIORITY_LABELS[priority]} priority` : '',
    assignee === null ? '' : assignee ? `assigned to ${assignee}` : 'unassigned',
    site === null ? '' : `site ${siteNames.get(site) ?? '(not on this device)'}`,
    crew === null || crew === undefined ? '' : `crew ${crewLabel(crew, crewNames)}`,
  ].filter(Boolean);
}
