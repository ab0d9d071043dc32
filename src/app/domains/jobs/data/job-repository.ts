import { inject, Injectable } from '@angular/core';
import { DataStore } from '@aws-amplify/datastore';
import { map, type Observable } from 'rxjs';

import { type ChecklistItem, Job, type JobStatus, type SignOff } from '../../../../models';
import { DeviceChanges } from '../../shared/data/device-changes';
import { serverNow } from '../../shared/data/device-clock';
import { DeviceWrites } from '../../shared/data/device-writes';
import { liveList } from '../../shared/util/live-list';
import { JOB_WRITES, type JobChanges, type JobDraft, type JobWriteCommand, requireJob } from './job-writes';
import { byTitle, readAllJobs, readFirstJobsByDueDate, titleOrder } from './read-all-jobs';

export type { JobChanges, JobDraft } from './job-writes';

const readJob = (id: string) => DataStore.query(Job, id);

/**
 * The jobs aggregate's only door to DataStore. Reads go to the device store in this tab; writes go
 * through DeviceWrites to the tab that runs the sync engine.
 */
@Injectable({ providedIn: 'root' })
export class JobRepository {
  private readonly writes = inject(DeviceWrites);
  private readonly changes = inject(DeviceChanges);
  /** The last firstByDueDate read; the read of every job waits for it (see there). */
  private firstRead: Promise<unknown> = Promise.resolve();

  constructor() {
    for (const [command, executor] of Object.entries(JOB_WRITES)) this.writes.register(command, executor);
  }

  /** Every job on the device, sorted by title, live; for showing them (edits read a job by id). */
  watchAll(): Observable<readonly Job[]> {
    return liveList({
      changes: this.changes.of('Job'),
      requery: () => this.firstRead.then(readAllJobs),
      readOne: readJob,
      matches: () => true,
      compare: titleOrder,
    });
  }

  /**
   * The jobs due first (at least `count` when that many have a due date, with every job due on the
   * day of the last), read quickly before watchAll reads every job; undefined when they cannot be.
   * A watchAll read starting meanwhile waits for it: IndexedDB answers a database's reads in turn,
   * so behind the read of every job (seconds with tens of thousands) this would come no sooner.
   */
  firstByDueDate(count: number): Promise<readonly Job[] | undefined> {
    const read = readFirstJobsByDueDate(count);
    this.firstRead = read.catch(() => undefined);
    return read;
  }

  /** The jobs at one site, sorted by title, live. */
  watchBySite(siteId: string): Observable<readonly Job[]> {
    return liveList({
      changes: this.changes.of('Job'),
      requery: () => DataStore.query(Job, (job) => job.siteID.eq(siteId), byTitle),
      readOne: readJob,
      matches: (job) => job.siteID === siteId,
      compare: titleOrder,
    });
  }

  /** One job, live; emits undefined once it is deleted (here, in another tab or on another device). */
  watchById(id: string): Observable<Job | undefined> {
    return liveList({
      changes: this.changes.of('Job', id),
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
    return this.write('job.create', { id: crypto.randomUUID(), draft });
  }

  /**
   * Saves what the user changed. A new site of another crew moves the job there: `handOver` (the
   * office) moves everything on it too and tells the old crew's devices; otherwise the job alone.
   */
  async update(id: string, changes: JobChanges, { handOver = false }: { handOver?: boolean } = {}): Promise<Job> {
    return this.write('job.update', { id, changes, handOver, at: serverNow().toISOString() });
  }

  async setStatus(id: string, status: JobStatus): Promise<Job> {
    return this.write('job.update', { id, changes: { status } });
  }

  /** Ticks an unticked item or unticks a ticked one, as this tab shows it now. */
  async toggleChecklistItem(id: string, itemId: string, now = new Date()): Promise<Job> {
    const item = (await requireJob(id)).checklist?.find((candidate) => candidate.id === itemId);
    return this.write('job.checklist.done', { id, itemId, done: !item?.done, at: now.toISOString() });
  }

  async addChecklistItem(id: string, label: string): Promise<Job> {
    return this.write('job.checklist.add', { id, itemId: crypto.randomUUID(), label });
  }

  async renameChecklistItem(id: string, itemId: string, label: string): Promise<Job> {
    return this.write('job.checklist.rename', { id, itemId, label });
  }

  async removeChecklistItem(id: string, itemId: string): Promise<Job> {
    return this.write('job.checklist.remove', { id, itemId });
  }

  /** Undoes a removal: the item comes back with its label, tick and time, at `position`. */
  async restoreChecklistItem(id: string, item: ChecklistItem, position: number): Promise<Job> {
    return this.write('job.checklist.restore', { id, item: { ...item }, position });
  }

  /**
   * Keeps the signature of the person who signed the report, with the report's fingerprint then,
   * signed now by the server's clock as this device knows it.
   */
  async signOff(id: string, signature: Omit<SignOff, 'signedAt'>): Promise<Job> {
    return this.write('job.signOff', { id, signOff: { ...signature, signedAt: serverNow().toISOString() } });
  }

  /** Deletes the job; DataStore also deletes its field notes (hasMany cascade). */
  async remove(id: string): Promise<void> {
    await requireJob(id);
    await this.writes.run('job.remove', { id });
  }

  private async write<C extends JobWriteCommand>(
    command: C,
    args: Parameters<(typeof JOB_WRITES)[C]>[0],
  ): Promise<Job> {
    return requireJob(await this.writes.run<string>(command, args));
  }
}
