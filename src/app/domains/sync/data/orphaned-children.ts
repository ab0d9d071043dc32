import { inject, Injectable } from '@angular/core';
import { type PersistentModel } from '@aws-amplify/datastore';

import { type FieldNote, type Job } from '../../../../models';
import { CHILD_RECORDS, isParentModel } from '../../shared/data/child-records';
import { DeviceChanges } from '../../shared/data/device-changes';
import { type ChangeToReview, recordLabel, userFields } from '../util/change-to-review';
import { ReviewRepository } from './review-repository';

/** How the children a deleted parent leaves behind are named to the user. */
const DESCRIBE = {
  Job: {
    items: (children: readonly PersistentModel[]) => ({ notes: children.map((note) => (note as FieldNote).body) }),
    count: (n: number) => (n === 1 ? 'a note' : `${n} notes`),
    parentLabel: 'A job',
  },
  Site: {
    items: (children: readonly PersistentModel[]) => ({ jobs: children.map((job) => (job as Job).title) }),
    count: (n: number) => (n === 1 ? 'a job' : `${n} jobs`),
    parentLabel: 'A site',
  },
} as const;
type ParentModel = keyof typeof CHILD_RECORDS;

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
  private readonly conflicts = inject(ReviewRepository);
  private started = false;

  start(): void {
    if (this.started) return;
    this.started = true;
    this.changes.deletedHere().subscribe(({ model, fields }) => {
      if (isParentModel(model) && typeof fields['id'] === 'string')
        void this.checkDeletedParent(model, fields['id'], fields);
      for (const [parentModel, children] of Object.entries(CHILD_RECORDS)) {
        const parentId = fields[children.key];
        if (children.model === model && typeof parentId === 'string') {
          void this.withdrawIfEmpty(parentModel as ParentModel, parentId);
        }
      }
    });
  }

  private async checkDeletedParent(model: ParentModel, id: string, parent: Readonly<Record<string, unknown>>) {
    const kind = DESCRIBE[model];
    const children = await CHILD_RECORDS[model].list(id);
    if (children.length === 0) return;
    const title = recordLabel(parent) ?? kind.parentLabel;
    const what = model === 'Job' ? 'job' : 'site';
    this.conflicts.record({
      id: crypto.randomUUID(),
      kind: 'orphaned',
      model,
      recordId: id,
      operation: 'delete',
      mine: kind.items(children),
      theirs: userFields(parent),
      reason: `“${title}” was deleted on another device, and ${kind.count(children.length)} added to it would be lost with it. Restore the ${what} to keep them, or discard them.`,
      at: Date.now(),
      label: title,
    });
  }

  private async withdrawIfEmpty(model: ParentModel, parentId: string): Promise<void> {
    const open = this.conflicts.all().filter((entry: ChangeToReview) => isOrphanEntry(entry, model, parentId));
    if (open.length === 0 || (await CHILD_RECORDS[model].list(parentId)).length > 0) return;
    for (const entry of open) this.conflicts.resolve(entry.id);
  }
}

function isOrphanEntry(entry: ChangeToReview, model: string, parentId: string): boolean {
  return entry.kind === 'orphaned' && entry.model === model && entry.recordId === parentId;
}
