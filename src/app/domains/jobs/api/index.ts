export { JobRepository } from '../data/job-repository';
export { JobCard } from '../ui/job-card';
export { NearViewport } from '../ui/near-viewport';
export { countByStatus, countOverdue, sortJobs } from '../util/job-filters';
export { JOB_STATUSES, STATUS_LABELS } from '../util/job-labels';
export { CLOCK, localDate } from '../util/local-date';
