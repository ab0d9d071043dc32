import { DataStore, type ObserveQueryOptions, SortDirection } from '@aws-amplify/datastore';

import { Job } from '../../../../models';
import { readStoredRecords } from '../../shared/data/stored-records';
import { ascending } from '../../shared/util/list-patch';

/** The jobs lists' order: by title, as DataStore sorts (`<`, stable). */
export const byTitle: ObserveQueryOptions<Job> = { sort: (job) => job.title(SortDirection.ASCENDING) };
export const titleOrder = ascending<Job>((job) => job.title);

/**
 * Every job, sorted by title: the records `DataStore.query(Job, undefined, byTitle)` returns, as
 * plain records rather than model instances, which DataStore takes ~140 µs each to build
 * (bench/README.md). For lists that show jobs; edits read a job by id through DataStore.
 */
export async function readAllJobs(): Promise<readonly Job[]> {
  const stored =
    (await readStoredRecords<Job>('Job')) ??
    // DataStore opens (and on a models change, clears) the store first, as its own query would.
    (await DataStore.start().then(() => readStoredRecords<Job>('Job')));
  return stored ? stored.sort(titleOrder) : DataStore.query(Job, undefined, byTitle);
}
