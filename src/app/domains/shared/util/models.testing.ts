import { Job, JobPriority, JobStatus } from '../../../../models';

export type JobFields = Partial<ConstructorParameters<typeof Job>[0]>;

/** A job for specs: open, normal priority, on site `site-1`; `fields` override any of that. */
export function job(title: string, fields: JobFields = {}): Job {
  return new Job({ siteID: 'site-1', title, status: JobStatus.OPEN, priority: JobPriority.NORMAL, ...fields });
}
