import { Injectable } from '@angular/core';
import { DataStore, type MutableModel, type ObserveQueryOptions, SortDirection } from '@aws-amplify/datastore';
import { map, type Observable } from 'rxjs';

import { type ChecklistItem, Job, type JobPriority, JobStatus } from '../../../../models';
import { durably } from '../../shared/data/durable-write';
import { changedFields } from '../../shared/util/changed-fields';
import { ascending } from '../../shared/util/list-patch';
import { liveList } from '../../shared/util/live-list';
import { addChecklistItem, removeChecklistItem, renameChecklistItem, toggleChecklistItem } from '../util/checklist';

export interface JobDraft {
  readonly siteID: string;
  readonly title: string;
  readonly description?: string | null;
  readonly status?: JobStatus;
  readonly priority: JobPriority;
  readonly assignee?: string | null;
  readonly dueDate?: string | null;
  readonly tags?: string[] | null;
  readonly checklist?: ChecklistItem[] | null;
}

export type JobChanges = Partial<JobDraft>;

const byTitle: ObserveQueryOptions<Job> = { sort: (job) => job.title(SortDirection.ASCENDING) };
const titleOrder = ascending<Job>((job) => job.title);
const anyJob = () => true;
const readJob = (id: string) => DataStore.query(Job, id);

/** The jobs aggregate's only door to DataStore. */
@Injectable({ providedIn: 'root' })
export class JobRepository {
  /** Every job on the device, sorted by title, live. */
  watchAll(): Observable<readonly Job[]> {
    return liveList({
      snapshots: DataStore.observeQuery(Job, undefined, byTitle),
      changes: DataStore.observe(Job),
      requery: () => DataStore.query(Job, undefined, byTitle),
      readOne: readJob,
      matches: anyJob,
      compare: titleOrder,
    });
  }

  /** The jobs at one site, sorted by title, live. */
  watchBySite(siteId: string): Observable<readonly Job[]> {
    return liveList({
      snapshots: DataStore.observeQuery(Job, (job) => job.siteID.eq(siteId), byTitle),
      changes: DataStore.observe(Job, (job) => job.siteID.eq(siteId)),
      requery: () => DataStore.query(Job, (job) => job.siteID.eq(siteId), byTitle),
      readOne: readJob,
      matches: (job) => job.siteID === siteId,
      compare: titleOrder,
    });
  }

  /** One job, live; emits undefined once it is deleted (here or on another device). */
  watchById(id: string): Observable<Job | undefined> {
    return liveList({
      snapshots: DataStore.observeQuery(Job, (job) => job.id.eq(id)),
      changes: DataStore.observe(Job, id),
      requery: () => DataStore.query(Job, (job) => job.id.eq(id)),
      readOne: readJob,
      matches: (job) => job.id === id,
      compare: titleOrder,
    }).pipe(map((jobs) => jobs[0]));
  }

  async findById(id: string): Promise<Job | undefined> {
    return DataStore.query(Job, id);
  }

  async create(draft: JobDraft): Promise<Job> {
    return durably(() => DataStore.save(new Job({ status: JobStatus.OPEN, checklist: [], tags: [], ...draft })));
  }

  /** Applies only the fields that differ, so a merge on the server sees just what the user changed. */
  async update(id: string, changes: JobChanges): Promise<Job> {
    return this.edit(id, (draft) => Object.assign(draft, changedFields(draft, changes)));
  }

  async setStatus(id: string, status: JobStatus): Promise<Job> {
    return this.edit(id, (draft) => {
      draft.status = status;
    });
  }

  async toggleChecklistItem(id: string, itemId: string, now = new Date()): Promise<Job> {
    return this.editChecklist(id, (items) => toggleChecklistItem(items, itemId, now));
  }

  async addChecklistItem(id: string, label: string): Promise<Job> {
    return this.editChecklist(id, (items) => addChecklistItem(items, label, crypto.randomUUID()));
  }

  async renameChecklistItem(id: string, itemId: string, label: string): Promise<Job> {
    return this.editChecklist(id, (items) => renameChecklistItem(items, itemId, label));
  }

  async removeChecklistItem(id: string, itemId: string): Promise<Job> {
    return this.editChecklist(id, (items) => removeChecklistItem(items, itemId));
  }

  /** Deletes the job; DataStore also deletes its field notes (hasMany cascade). */
  async remove(id: string): Promise<void> {
    const job = await this.requireJob(id);
    await durably(() => DataStore.delete(job));
  }

  private editChecklist(id: string, change: (items: readonly ChecklistItem[]) => ChecklistItem[]): Promise<Job> {
    return this.edit(id, (draft) => {
      draft.checklist = change(draft.checklist ?? []);
    });
  }

  /** Reads the latest local copy first, so an edit never overwrites a change that synced in meanwhile. */
  private async edit(id: string, mutate: (draft: MutableModel<Job>) => void): Promise<Job> {
    const current = await this.requireJob(id);
    return durably(() => DataStore.save(Job.copyOf(current, (draft) => void mutate(draft))));
  }

  private async requireJob(id: string): Promise<Job> {
    const job = await DataStore.query(Job, id);
    if (!job) throw new Error(`Job ${id} is not on this device`);
    return job;
  }
}
