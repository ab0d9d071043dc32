import { DataStore, type PersistentModel } from '@aws-amplify/datastore';

import { FieldNote, Job } from '../../../../models';

/** Records that hang off a parent: a job's notes, a site's jobs (DataStore deletes them with it). */
export interface ChildRecords {
  /** The child model, as DataStore names it. */
  readonly model: string;
  /** The child's field holding the parent's id. */
  readonly key: 'jobID' | 'siteID';
  /** The children of one parent held on this device. */
  list(parentId: string): Promise<PersistentModel[]>;
}

export const CHILD_RECORDS: Readonly<Record<'Job' | 'Site', ChildRecords>> = {
  Job: { model: 'FieldNote', key: 'jobID', list: (id) => DataStore.query(FieldNote, (note) => note.jobID.eq(id)) },
  Site: { model: 'Job', key: 'siteID', list: (id) => DataStore.query(Job, (job) => job.siteID.eq(id)) },
};

export function isParentModel(model: string): model is keyof typeof CHILD_RECORDS {
  return model in CHILD_RECORDS;
}
