import { DataStore } from '@aws-amplify/datastore';

import { Job, Site } from '../../../../models';
import { writeHandover } from '../../shared/data/crew-move';
import { queuedMutationsInSendingOrder } from '../../shared/data/datastore-store';
import {
  dropHandoverNote,
  type HandoverNote,
  handoverNotes,
  withHandoverNotes,
} from '../../shared/data/handover-notes';
import { movedByAnother, noteOutcome } from '../util/handover-answer';

type Fields = Readonly<Record<string, unknown>>;

const notesOf = (recordId: string): HandoverNote[] => handoverNotes().filter((note) => note.recordID === recordId);

async function queuedChanges(recordId: string): Promise<number> {
  const entries = await queuedMutationsInSendingOrder<{ readonly modelId?: unknown }>();
  return entries.filter((entry) => entry.modelId === recordId).length;
}

/**
 * Writes the handovers of this device's moves once the server has answered them (framework-free:
 * the app's sync leader and the Node tests' devices run it). The handover names the version the
 * move made, so the old crew's devices let go of that version and no later one: not the record
 * moved back meanwhile by another office device, nor one another device's move already put there.
 */
export class PendingHandovers {
  /** DataStore merged the server's answer to a change of a record (`outboxMutationProcessed`). */
  answered(model: string, element: Fields): Promise<void> {
    const id = String(element['id']);
    if ((model !== 'Site' && model !== 'Job') || notesOf(id).length === 0) return Promise.resolve();
    return withHandoverNotes(async () => this.judge(id, element, (await queuedChanges(id)) > 0));
  }

  /** A change met a newer version on the server (the conflict handler): the server's copy. */
  conflict(remote: Fields): Promise<void> {
    const id = String(remote['id']);
    if (notesOf(id).length === 0) return Promise.resolve();
    return withHandoverNotes(async () => {
      for (const note of notesOf(id)) if (movedByAnother(note.toCrewID, remote)) dropHandoverNote(note.id);
    });
  }

  /**
   * The server refused a change of a record (the error handler, before DataStore drops it): with
   * no other change of it queued, the move did not take, whichever change carried it. The device's
   * copy keeps the new crew, so it would otherwise be handed over at a version still the old crew's.
   */
  refused(recordId: string): Promise<void> {
    if (notesOf(recordId).length === 0) return Promise.resolve();
    return withHandoverNotes(async () => {
      if ((await queuedChanges(recordId)) > 1) return;
      for (const note of notesOf(recordId)) dropHandoverNote(note.id);
    });
  }

  /**
   * Moves whose answer this device never judged (the app closed between the answer and the
   * handover): with no change of the record queued, its copy here is the server's last word.
   */
  settle(): Promise<void> {
    if (handoverNotes().length === 0) return Promise.resolve();
    return withHandoverNotes(async () => {
      for (const note of handoverNotes()) {
        if ((await queuedChanges(note.recordID)) > 0) continue;
        const copy =
          note.recordModel === 'Site'
            ? await DataStore.query(Site, note.recordID)
            : await DataStore.query(Job, note.recordID);
        if (copy) await this.judge(note.recordID, copy as unknown as Fields, false);
        else dropHandoverNote(note.id);
      }
    });
  }

  private async judge(recordId: string, record: Fields, queued: boolean): Promise<void> {
    for (const note of notesOf(recordId)) {
      const outcome = noteOutcome(note.toCrewID, { record, queued });
      if (outcome.kind === 'hand-over') await writeHandover(note, outcome.version);
      else if (outcome.kind === 'drop') dropHandoverNote(note.id);
    }
  }
}
