/**
 * What becomes of a handover waiting for its move's answer (shared/data/handover-notes.ts), judged
 * from the record as the server last showed it to this device.
 */
export type NoteOutcome =
  /** The record is in the crew it was moved to: hand it over, naming this version. */
  | { readonly kind: 'hand-over'; readonly version: number }
  /** The move did not take, or the record is gone: no handover from this device. */
  | { readonly kind: 'drop' }
  /** A change of the record is still queued, the move among them: its answer decides. */
  | { readonly kind: 'wait' };

type Fields = Readonly<Record<string, unknown>>;

/** The record as an answer (or the device's copy, with nothing queued for it) shows it. */
export interface AnsweredRecord {
  readonly record: Fields;
  /** Whether a change of the record is still queued on this device. */
  readonly queued: boolean;
}

/**
 * In the new crew with a version, the move landed (or a later change of it, which names a version
 * no older): the handover names that version. Elsewhere with nothing queued, the move did not take
 * (moved on, or back, before it was answered). Deleted, there is nothing to hand over.
 */
export function noteOutcome(toCrewID: string | null, { record, queued }: AnsweredRecord): NoteOutcome {
  if (record['_deleted']) return { kind: 'drop' };
  const version = record['_version'];
  if ((record['crewID'] ?? null) === toCrewID && typeof version === 'number') return { kind: 'hand-over', version };
  return queued ? { kind: 'wait' } : { kind: 'drop' };
}

/**
 * A conflict showing the server's copy already where the move meant to take it (another office
 * device moved it, and wrote the handover), or deleted: the move is not sent again, and this device
 * writes no handover.
 */
export function movedByAnother(toCrewID: string | null, remote: Fields): boolean {
  return Boolean(remote['_deleted']) || (remote['crewID'] ?? null) === toCrewID;
}
