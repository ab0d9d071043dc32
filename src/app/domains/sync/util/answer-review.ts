import { sameValue } from '../../shared/util/changed-fields';
import { type SentEdit } from '../../shared/util/sent-edit';
import { type ChangeToReview, type FieldValues, recordLabel, userFields } from './change-to-review';
import { describeReplaced, replacedValues } from './replaced-values';
import { type ReviewPorts } from './review-ports';

/** A record as the device store holds it, sync metadata included; null when the store holds none. */
export type StoredRecord = (model: string, recordId: string) => Promise<Record<string, unknown> | null>;

/** A sent edit whose answer no check saw, with the record as the device held it when the engine started. */
interface Unanswered {
  readonly model: string;
  readonly recordId: string;
  readonly last: Record<string, unknown> | null;
}

/**
 * Compares every answer the server sends for this device's saves with what the user saved, without
 * Angular or DataStore (ReplacedEditCheck feeds it DataStore's answers). A merge on the server
 * (Auto Merge, or the Job handler keeping a later edit) may keep another device's value: the user
 * is told in the review list, with their value to restore, and sync goes on.
 */
export class AnswerReview {
  private checking = Promise.resolve();
  /** The newest version each record's answers have reached, noted as they arrive (checks run later). */
  private readonly newestVersion = new Map<string, number>();
  private unanswered: Promise<readonly Unanswered[]> = Promise.resolve([]);

  constructor(
    private readonly ports: ReviewPorts,
    private readonly formatTime: (iso: string) => string,
    private readonly stored: StoredRecord,
  ) {}

  /** Routes DataStore's sync events (as Hub dispatches them) to the checks they start. */
  syncEvent(event: string, data?: { readonly model?: { readonly name?: string }; readonly element?: object }): void {
    if (event === 'storageSubscribed') this.engineStarting();
    else if (event === 'syncQueriesReady') this.engineSynced();
    else if (event === 'outboxMutationProcessed' && data?.element && data.model?.name)
      this.answered(data.model.name, data.element as Record<string, unknown>);
  }

  /** The server answered one of the device's writes of `model` with `element`. */
  answered(model: string, element: Record<string, unknown>): void {
    // A delete the server took: what it took with it here went as the user meant.
    if (element['_deleted'] === true) this.ports.takeDeletedWith(model, String(element['id']));
    const version = element['_version'];
    if (typeof version === 'number') this.newestVersion.set(`${model}:${String(element['id'])}`, version);
    this.checking = this.checking.then(() => this.check(model, element)).catch(() => undefined);
  }

  /**
   * The sync engine is starting and sends nothing before its first sync: a sent edit with nothing
   * queued for its record now was answered to an engine that stopped before reporting the answer
   * (its tab closed between the two), so no answer will come for it. Each is noted with the record
   * as the device holds it, the last copy the user saw should the answer have been its delete.
   */
  private engineStarting(): void {
    const edits = this.ports.sentEdits();
    const unanswered = async () => {
      const queued = await this.ports.outboxEntries();
      const lost = edits.filter(
        ({ model, recordId }) => !queued.some((q) => q.model === model && q.modelId === recordId),
      );
      return Promise.all(
        lost.map(async ({ model, recordId }) => ({ model, recordId, last: await this.stored(model, recordId) })),
      );
    };
    // The store stopping under the start (a quick hand-over): the edits stay noted for the next start.
    this.unanswered = unanswered().catch(() => []);
  }

  /**
   * The first sync has brought the server's copy of every record: each edit whose answer was lost
   * is judged against it as against that answer, and a record the sync removed was deleted on the
   * server, which is what the answer said.
   */
  private engineSynced(): void {
    const unanswered = this.unanswered;
    this.unanswered = Promise.resolve([]);
    this.checking = this.checking
      .then(async () => {
        for (const { model, recordId, last } of await unanswered) {
          const server = (await this.stored(model, recordId)) ?? { ...last, id: recordId, _deleted: true };
          await this.judge(model, server);
        }
      })
      .catch(() => undefined);
  }

  /** Resolves once every answer so far has been judged. */
  settled(): Promise<void> {
    return this.checking;
  }

  private async check(model: string, server: Record<string, unknown>): Promise<void> {
    const recordId = server['id'];
    // Creates, deletes and history entries leave nothing to compare: skip them before reading the outbox.
    if (typeof recordId !== 'string' || !this.ports.hasSentEdit(model, recordId)) return;
    // An answer overtaken by a newer one for the record (checks queue up behind outbox reads):
    // the newer answer is the one to judge against, or an edit sent after this answer would
    // look replaced by the value the record had before it.
    const version = server['_version'];
    if (typeof version === 'number' && version < (this.newestVersion.get(`${model}:${recordId}`) ?? 0)) return;
    await this.judge(model, server);
  }

  private async judge(model: string, server: Record<string, unknown>): Promise<void> {
    const recordId = String(server['id']);
    // Later saves of this record are still queued: judge once the server has answered for all of them.
    const queued = await this.ports.outboxEntries();
    if (queued.some((entry) => entry.model === model && entry.modelId === recordId)) return;
    const sent = this.ports.takeSentEdit(model, recordId);
    if (!sent) return;
    const filed = this.ports.filed().filter((entry) => entry.model === model && entry.recordId === recordId);
    const entry = reviewAnswer(sent, server, filed, this.formatTime);
    if (entry) this.ports.record(entry);
  }
}

/**
 * What to file for a sent edit once the server has answered for all of it: the values its answer
 * did not keep, or, when the answer is the record's delete, the whole edit. A change the server
 * turned down is in the review list already (`filed`), with the user's values: each field and
 * value is reported once, and an edit of another field (or to another value) still is.
 */
export function reviewAnswer(
  sent: SentEdit,
  server: Record<string, unknown>,
  filed: readonly ChangeToReview[],
  formatTime: (iso: string) => string,
): ChangeToReview | null {
  const { model, recordId } = sent;
  const unreported = (field: string, value: unknown) =>
    !filed.some((entry) => field in entry.mine && sameValue(entry.mine[field], value));
  const theirs = userFields(server);
  if (server['_deleted'] === true) {
    if (!Object.entries(sent.fields).some(([field, { value }]) => unreported(field, value))) return null;
    return editOfDeleted(sent, theirs);
  }
  // A field set without an edit time (another AppSync client) counts as saved when the server
  // stored it, as the Job conflict handler counts it.
  const replaced = replacedValues(sent, {
    ...theirs,
    fieldEditedAt: server['fieldEditedAt'],
    _lastChangedAt: server['_lastChangedAt'],
  }).filter(({ field, mine }) => unreported(field, mine));
  if (replaced.length === 0) return null;
  return {
    id: crypto.randomUUID(),
    kind: 'replaced',
    model,
    recordId,
    operation: 'update',
    mine: Object.fromEntries(replaced.map(({ field, mine }) => [field, mine])),
    theirs,
    reason: describeReplaced(replaced, formatTime),
    at: Date.now(),
    label: recordLabel(theirs),
  };
}

/**
 * The user edited a record that another device had deleted (a checklist tick on a job deleted
 * meanwhile): the delete stands on the server, and the edit would vanish with the record.
 */
function editOfDeleted(sent: SentEdit, theirs: FieldValues): ChangeToReview {
  const edited = Object.fromEntries(Object.entries(sent.fields).map(([field, { value }]) => [field, value]));
  return {
    id: crypto.randomUUID(),
    kind: 'conflict',
    model: sent.model,
    recordId: sent.recordId,
    operation: 'update',
    // The whole record as the user last had it, so keeping it can bring it back as a new one.
    mine: { ...sent.record, ...theirs, ...edited },
    theirs,
    changed: Object.keys(edited),
    reason: 'This was deleted on another device after you changed it. Keep mine to add it back as a new record.',
    at: Date.now(),
    label: recordLabel(theirs),
  };
}
