import { noteEdit, type SentEdit, takeEdit } from '../util/sent-edit';
import { localLedger } from './local-ledger';

export { type SentEdit } from '../util/sent-edit';

/**
 * Enough for days of offline work; the oldest go first if a device never hears back about them. If
 * storage is full, the edit itself is saved and syncs; only the replaced-value notice is lost.
 */
const ledger = localLedger<SentEdit>('fieldbook.sentEdits', 'object', 1_000);

/**
 * What the user saved on this device and has not yet seen the server's answer to, kept in
 * localStorage so a reload in between does not forget it. A merge on the server may keep another
 * device's value instead; comparing its answer with this tells the user whose value was replaced.
 * Only the sync leader writes here (every save runs there).
 */
export function noteSentEdit(
  model: string,
  recordId: string,
  fields: Readonly<Record<string, unknown>>,
  at: string,
  bases: Readonly<Record<string, unknown>> = {},
  record?: Readonly<Record<string, unknown>>,
) {
  ledger.update((all) => noteEdit(all, model, recordId, fields, at, bases, record));
}

/** Whether anything saved for the record still waits to be compared with the server's answer. */
export function hasSentEdit(model: string, recordId: string): boolean {
  return ledger.read().has(`${model}:${recordId}`);
}

/** Every record's sent edit, least recently edited first. */
export function sentEdits(): SentEdit[] {
  return [...ledger.read().values()];
}

/** Removes and returns what was saved for the record, once the server has answered for all of it. */
export function takeSentEdit(model: string, recordId: string): SentEdit | undefined {
  return ledger.update((all) => takeEdit(all, model, recordId));
}

export function clearSentEdits(): void {
  ledger.clear();
}
