import { from, map, of, type OperatorFunction, switchMap } from 'rxjs';

import { type Job, type Site } from '../../../../models';

export interface JobWithSite {
  readonly job: Job | null;
  readonly site: Site | null;
}

/** Pairs each version of a job with its site as the device holds it; a job gone comes with no site. */
export function withItsSite(
  findSite: (id: string) => Promise<Site | undefined>,
): OperatorFunction<Job | undefined, JobWithSite> {
  return switchMap((job) =>
    job ? from(findSite(job.siteID)).pipe(map((site) => ({ job, site: site ?? null }))) : of({ job: null, site: null }),
  );
}
