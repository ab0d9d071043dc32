import { noteEdit, type SentEdit, takeEdit } from '../util/sent-edit';

export { type SentEdit } from '../util/sent-edit';

const SENT_EDITS_KEY = 'fieldbook.sentEdits';
/** Enough for days of offline work; the oldest go first if a device never hears back about them. */
const MAX_RECORDS = 1_000;

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
  const all = readAll();
  noteEdit(all, model, recordId, fields, at, bases, record);
  writeAll([...all].slice(-MAX_RECORDS));
}

/** Whether anything saved for the record still waits to be compared with the server's answer. */
export function hasSentEdit(model: string, recordId: string): boolean {
  return readAll().has(`${model}:${recordId}`);
}

/** Every record's sent edit, least recently edited first. */
export function sentEdits(): SentEdit[] {
  return [...readAll().values()];
}

/** Removes and returns what was saved for the record, once the server has answered for all of it. */
export function takeSentEdit(model: string, recordId: string): SentEdit | undefined {
  const all = readAll();
  const found = takeEdit(all, model, recordId);
  if (found) writeAll([...all]);
  return found;
}

export function clearSentEdits(): void {
  localStorage.removeItem(SENT_EDITS_KEY);
}

function readAll(): Map<string, SentEdit> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(SENT_EDITS_KEY) ?? '{}');
    const entries = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : [];
    return new Map(entries as [string, SentEdit][]);
  } catch {
    return new Map();
  }
}

function writeAll(entries: readonly [string, SentEdit][]): void {
  try {
    localStorage.setItem(SENT_EDITS_KEY, JSON.stringify(Object.fromEntries(entries)));
  } catch {
    // Storage full: the edit itself is saved and syncs; only the replaced-value notice is lost.
  }
}
