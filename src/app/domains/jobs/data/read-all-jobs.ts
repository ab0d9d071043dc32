import { DataStore, type ObserveQueryOptions, SortDirection } from '@aws-amplify/datastore';

import { Job } from '../../../../models';
import { JOB_DUE_DATE_INDEX, readFirstStoredRecords, readStoredRecords } from '../../shared/data/stored-records';
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

/**
 * The jobs that come first by due date: at least `count` (fewer when fewer have a due date), and
 * every job due on the same day as the last of them. Read from an index, so it takes the same short
 * time whatever the device holds; undefined when the store cannot be read this way yet (no index
 * before the app's storage adapter opened it, or DataStore has still to set it up).
 */
export function readFirstJobsByDueDate(count: number): Promise<readonly Job[] | undefined> {
  return readFirstStoredRecords<Job>('Job', JOB_DUE_DATE_INDEX, count);
}
