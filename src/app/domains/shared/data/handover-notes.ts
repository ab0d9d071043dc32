import { localLedger } from './local-ledger';

/**
 * A move to another crew whose handover waits for the move's answer: the handover names the
 * version the move made, which only the answer tells (crew-move.ts). Its id becomes the handover's.
 */
export interface HandoverNote {
  readonly id: string;
  /** The crew the record left, and its group: the handover is written in that crew's scope. */
  readonly crewID: string;
  readonly crewGroup: string | null;
  readonly recordModel: 'Site' | 'Job';
  readonly recordID: string;
  readonly toCrewID: string | null;
  readonly handedOverAt: string;
}

/**
 * Kept in localStorage, so a move made offline still gets its handover after a reload or a restart
 * of the app before the answer came. Only the sync leader writes here. A note outlives its answer
 * only when the app closed in between; the oldest go beyond the cap.
 */
const ledger = localLedger<HandoverNote>('fieldbook.handoverNotes', 'entry-list', 500);

/** Notes a move; the same move noted again (run again after the app closed) is noted once. */
export function noteHandover(note: HandoverNote): void {
  const same = (other: HandoverNote) =>
    other.recordModel === note.recordModel &&
    other.recordID === note.recordID &&
    other.toCrewID === note.toCrewID &&
    other.handedOverAt === note.handedOverAt;
  ledger.update((all) => {
    if (![...all.values()].some(same)) all.set(note.id, note);
  });
}

/** The moves still waiting, oldest first. */
export function handoverNotes(): HandoverNote[] {
  return [...ledger.read().values()];
}

export function dropHandoverNote(id: string): void {
  ledger.update((all) => all.delete(id));
}

let turn: Promise<unknown> = Promise.resolve();
/**
 * Runs `work` when no other work on the notes is under way. A move notes its handover and stores
 * the record in one turn, and an answer is judged in another: an answer to an earlier change of the
 * record cannot find the note without the move's own change queued, and drop it as a move that did
 * not take.
 */
export function withHandoverNotes<T>(work: () => Promise<T>): Promise<T> {
  const next = turn.then(work, work);
  turn = next.catch(() => undefined);
  return next;
}
