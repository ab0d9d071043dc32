/**
 * Who wrote, and what a refusal for permissions leaves behind. Every mutation a device sent carries
 * the token of the person signed in on it, never someone else's, across expiries and renewals; an
 * Office write is never refused; a write refused for permissions (AppSync's `Unauthorized`) is in
 * the review list of the device that made it, filed after it was sent, naming the record and the
 * operation and, for a create or an update, every value it sent, so its author can copy them; a
 * change whose token the server refused (HTTP 401) is sent again once the sign-in is renewed. That a
 * refused write changed nothing on the server is checkHistory's: no version follows from one.
 */
import type { Group } from '../src/user-pool/user-store.ts';
import type { SentMutation } from '../test/client-process.ts';
import { typedValues } from './canonical.ts';
import { refusedForPermission, type Sent, tokenRefused } from './oracle.ts';
import type { ClientEvents } from './server-state.ts';
import { field, holds } from './told.ts';

/** The person signed in where a write was made: a device, or the office system's script. */
export interface Writer {
  readonly username: string;
  readonly group: Group;
}

const OPERATION = /^(create|update|delete)(\w+)$/;

/**
 * Whether the device sent its change to `q`'s record again after the server refused `q`'s token and
 * had an answer: the change stays queued across a renewal (patches/LEDGER.md, D14), and may have been
 * folded with the person's later edits or delete of the record meanwhile.
 */
function sentAgain(q: Sent, sent: readonly Sent[]): boolean {
  const record = (p: Sent) => `${OPERATION.exec(p.field)?.[2] ?? ''}:${String(p.variables.input['id'])}`;
  return sent.some(
    (later) =>
      later.client === q.client &&
      later.sentAt > q.sentAt &&
      record(later) === record(q) &&
      later.response !== undefined &&
      !tokenRefused(later),
  );
}

/** `Model:id` of every create a device sent that was refused for permissions: the device keeps the record for review. */
export function refusedCreates(sent: readonly SentMutation[]): Set<string> {
  return new Set(
    sent.flatMap((q) => {
      const [, kind, model] = OPERATION.exec(q.field) ?? [];
      return kind === 'create' && refusedForPermission(q) ? [`${model}:${String(q.variables.input['id'])}`] : [];
    }),
  );
}

/**
 * Whether the device that sent `q` filed it for review after sending it, with everything it
 * carried, and still lists it: a value there may have given way only to the same person's later
 * write of that field (the list folds entries for one record, the newest value on top).
 */
function toldOfRefusal(q: Sent, sent: readonly Sent[], events: readonly ClientEvents[]): boolean {
  const [, operation, model] = OPERATION.exec(q.field) ?? [];
  const id = String(q.variables.input['id']);
  const values = Object.entries(typedValues(q.variables.input));
  const rewritten = (name: string) =>
    sent.some(
      (later) =>
        later.client === q.client &&
        later.sentAt > q.sentAt &&
        later.field === q.field &&
        String(later.variables.input['id']) === id &&
        name in later.variables.input,
    );
  type Entry = NonNullable<ClientEvents['reviews']>['list'][number];
  const about = (entry: Entry) => entry.model === model && entry.recordId === id && entry.operation === operation;
  const holding = (entry: Entry, name: string, value: unknown) => holds(field(entry.mine, name), value);
  const reviews = events[q.client]?.reviews;
  const filed = reviews?.filings.some(
    ({ at, entry }) => at >= q.sentAt && about(entry) && values.every(([name, value]) => holding(entry, name, value)),
  );
  const listed = reviews?.list.some(
    (entry) => about(entry) && values.every(([name, value]) => rewritten(name) || holding(entry, name, value)),
  );
  return Boolean(filed && listed);
}

export function checkRefusals(
  sent: readonly Sent[],
  writers: readonly Writer[],
  events: readonly ClientEvents[],
): { errors: string[]; refused: number } {
  const errors: string[] = [];
  let refused = 0;
  for (const q of sent) {
    const writer = writers[q.client];
    const what = `client ${q.client} ${q.field} ${String(q.variables.input['id'])}`;
    if (!writer) {
      errors.push(`${what}: sent by a client nobody signed in on`);
      continue;
    }
    if (q.as !== writer.username) {
      errors.push(`${what}: sent as ${q.as ?? 'nobody'}, but ${writer.username} is signed in there`);
    }
    if (tokenRefused(q) && !sentAgain(q, sent)) {
      errors.push(`${what}: its token was refused (HTTP 401) and the device never sent the change again`);
    }
    if (!refusedForPermission(q)) continue;
    refused++;
    if (writer.group === 'Office') errors.push(`${what}: refused for permissions, yet Office may do everything`);
    else if (!toldOfRefusal(q, sent, events)) {
      errors.push(`${what}: refused for permissions and not in that device's review list with its values`);
    }
  }
  return { errors, refused };
}
