export { JobRepository } from '../data/job-repository';
export { JobCardList } from '../ui/job-card-list';
export { countByStatus, countOverdue, sortJobs } from '../util/job-filters';
export { JOB_STATUSES, STATUS_LABELS } from '../util/job-labels';
export { CLOCK, localDate } from '../util/local-date';
