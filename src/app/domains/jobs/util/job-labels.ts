import { JobPriority, JobStatus } from '../../../../models';

export const JOB_STATUSES: readonly JobStatus[] = [
  JobStatus.OPEN,
  JobStatus.IN_PROGRESS,
  JobStatus.ON_HOLD,
  JobStatus.DONE,
  JobStatus.CANCELLED,
];

/** Most urgent first: the order crews scan in. */
export const JOB_PRIORITIES: readonly JobPriority[] = [
  JobPriority.URGENT,
  JobPriority.HIGH,
  JobPriority.NORMAL,
  JobPriority.LOW,
];

export const STATUS_LABELS: Readonly<Record<JobStatus, string>> = {
  [JobStatus.OPEN]: 'Open',
  [JobStatus.IN_PROGRESS]: 'In progress',
  [JobStatus.ON_HOLD]: 'On hold',
  [JobStatus.DONE]: 'Done',
  [JobStatus.CANCELLED]: 'Cancelled',
};

export const PRIORITY_LABELS: Readonly<Record<JobPriority, string>> = {
  [JobPriority.URGENT]: 'Urgent',
  [JobPriority.HIGH]: 'High',
  [JobPriority.NORMAL]: 'Normal',
  [JobPriority.LOW]: 'Low',
};
