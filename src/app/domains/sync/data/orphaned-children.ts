import { inject, Injectable } from '@angular/core';
import { DataStore } from '@aws-amplify/datastore';

import { FieldNote, Job } from '../../../../models';
import { DeviceChanges } from '../../shared/data/device-changes';
import { type ChangeRecord, recordLabel, userFields } from '../util/change-record';
import { ConflictRepository } from './conflict-repository';

/** What a deleted parent can leave behind on this device: a job's notes, a site's jobs. */
const CHILDREN = {
  Job: {
    list: (jobId: string) => DataStore.query(FieldNote, (note) => note.jobID.eq(jobId)),
    parentOf: (fields: Readonly<Record<string, unknown>>) => fields['jobID'],
    childModel: 'FieldNote',
    summary: (notes: readonly FieldNote[]) => ({ notes: notes.map((note) => note.body) }),
    count: (n: number) => (n === 1 ? 'a note' : `${n} notes`),
    parentLabel: 'A job',
  },
  Site: {
    list: (siteId: string) => DataStore.query(Job, (job) => job.siteID.eq(siteId)),
    parentOf: (fields: Readonly<Record<string, unknown>>) => fields['siteID'],
    childModel: 'Job',
    summary: (jobs: readonly Job[]) => ({ jobs: jobs.map((job) => job.title) }),
    count: (n: number) => (n === 1 ? 'a job' : `${n} jobs`),
    parentLabel: 'A site',
  },
} as const;
type ParentModel = keyof typeof CHILDREN;
const isParent = (model: string): model is ParentModel => model in CHILDREN;

/**
 * Records left on a parent deleted elsewhere: notes on a deleted job, jobs on a deleted site. When
 * a parent is deleted on one device, DataStore there deletes the children it knows; a child added on
 * another device before that device heard of the delete (typically offline) reaches the server too,
 * attached to a parent no screen shows. This device keeps the parent's last copy and puts the
 * children in front of the user: restore the parent with them, or discard them. The entry is
 * withdrawn when the children go too (the deleting device's cascade can arrive after the parent).
 * Runs in the sync leader, whose store sees the deletes arrive.
 */
@Injectable({ providedIn: 'root' })
export class OrphanedChildren {
  private readonly changes = inject(DeviceChanges);
  private readonly conflicts = inject(ConflictRepository);
  private started = false;

  start(): void {
    if (this.started) return;
    this.started = true;
    this.changes.deletedHere().subscribe(({ model, fields }) => {
      if (isParent(model) && typeof fields['id'] === 'string')
        void this.checkDeletedParent(model, fields['id'], fields);
      for (const [parentModel, kind] of Object.entries(CHILDREN)) {
        const parentId = kind.parentOf(fields);
        if (kind.childModel === model && typeof parentId === 'string') {
          void this.withdrawIfEmpty(parentModel as ParentModel, parentId);
        }
      }
    });
  }

  private async checkDeletedParent(model: ParentModel, id: string, parent: Readonly<Record<string, unknown>>) {
    const kind = CHILDREN[model];
    const children = await kind.list(id);
    if (children.length === 0) return;
    const title = recordLabel(parent) ?? kind.parentLabel;
    const what = model === 'Job' ? 'job' : 'site';
    this.conflicts.record({
      id: crypto.randomUUID(),
      kind: 'orphaned',
      model,
      recordId: id,
      operation: 'delete',
      mine: kind.summary(children as never),
      theirs: userFields(parent),
      reason: `“${title}” was deleted on another device, and ${kind.count(children.length)} added to it would be lost with it. Restore the ${what} to keep them, or discard them.`,
      at: Date.now(),
      label: title,
    });
  }

  private async withdrawIfEmpty(model: ParentModel, parentId: string): Promise<void> {
    const open = this.conflicts.all().filter((entry: ChangeRecord) => isOrphanEntry(entry, model, parentId));
    if (open.length === 0 || (await CHILDREN[model].list(parentId)).length > 0) return;
    for (const entry of open) this.conflicts.resolve(entry.id);
  }
}

function isOrphanEntry(entry: ChangeRecord, model: string, parentId: string): boolean {
  return entry.kind === 'orphaned' && entry.model === model && entry.recordId === parentId;
}
