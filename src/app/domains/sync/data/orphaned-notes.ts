import { inject, Injectable } from '@angular/core';
import { DataStore } from '@aws-amplify/datastore';

import { FieldNote } from '../../../../models';
import { DeviceChanges } from '../../shared/data/device-changes';
import { recordLabel, userFields } from '../util/change-record';
import { ConflictRepository } from './conflict-repository';

/**
 * Notes left on a job that was deleted elsewhere. When a job is deleted on one device, DataStore
 * there deletes the notes it knows; a note added on another device before that device heard of
 * the delete (typically offline) reaches the server too, attached to a job no screen shows. This
 * device keeps the job's last copy and puts the notes in front of the user: restore the job with
 * them, or discard them. Runs in the sync leader, whose store sees the deletes arrive.
 */
@Injectable({ providedIn: 'root' })
export class OrphanedNotes {
  private readonly changes = inject(DeviceChanges);
  private readonly conflicts = inject(ConflictRepository);
  private started = false;

  start(): void {
    if (this.started) return;
    this.started = true;
    this.changes.deletedHere().subscribe(({ model, fields }) => {
      if (model === 'Job' && typeof fields['id'] === 'string') void this.checkDeletedJob(fields['id'], fields);
    });
  }

  private async checkDeletedJob(jobId: string, job: Readonly<Record<string, unknown>>): Promise<void> {
    const notes = await DataStore.query(FieldNote, (note) => note.jobID.eq(jobId));
    if (notes.length === 0) return;
    const title = recordLabel(job) ?? 'A job';
    const count = notes.length === 1 ? 'a note' : `${notes.length} notes`;
    this.conflicts.record({
      id: crypto.randomUUID(),
      kind: 'orphaned',
      model: 'Job',
      recordId: jobId,
      operation: 'delete',
      mine: { notes: notes.map((note) => note.body) },
      theirs: userFields(job),
      reason: `“${title}” was deleted on another device, and ${count} added to it would be lost with it. Restore the job to keep them, or discard them.`,
      at: Date.now(),
      label: title,
    });
  }
}
