/**
 * The app's review of sync outcomes, run in a test client process: the same cores as the app's
 * SyncHandlers and ReplacedEditCheck (sync/util/handler-review.ts, answer-review.ts) over this
 * process's memory instead of localStorage, so a client decides conflicts as the app does and
 * keeps the review list its user would see.
 */
import {
  type DeletedWith,
  type DeletedWithLedger,
  noteDeletedWith,
  takeDeletedWith,
} from '../../src/app/domains/shared/util/deleted-with.ts';
import { noteEdit, type SentEdits, takeEdit } from '../../src/app/domains/shared/util/sent-edit.ts';
import { AnswerReview, type StoredRecord } from '../../src/app/domains/sync/util/answer-review.ts';
import { type ChangeToReview, type FieldValues, userFields } from '../../src/app/domains/sync/util/change-to-review.ts';
import { HandlerReview, type RecordLookup } from '../../src/app/domains/sync/util/handler-review.ts';
import type { OutboxEntry } from '../../src/app/domains/sync/util/outbox-entry.ts';
import { fileForReview } from '../../src/app/domains/sync/util/review-list.ts';
import type { ReviewPorts } from '../../src/app/domains/sync/util/review-ports.ts';

/** One entry as it was filed (before the list folded it), with when. */
export interface Filing {
  at: number;
  entry: ChangeToReview;
}

export interface ReviewReport {
  list: readonly ChangeToReview[];
  filings: Filing[];
}

/** What a local save puts on DataStore's storage stream (storage/storage.js). */
export interface StorageChange {
  opType: string;
  model: { name: string };
  element: Record<string, unknown>;
  /** The whole record as stored (an update's `element` holds only its changed fields). */
  savedElement?: Record<string, unknown>;
  /** Set when the sync engine wrote it (a server answer or sync page), not the user. */
  mutator?: unknown;
}

export class DeviceReview {
  private sentEdits: SentEdits = new Map();
  private deletedWith: DeletedWithLedger = new Map();
  /** Each record as the device store last held it, for what a field held before a save. */
  private stored = new Map<string, FieldValues>();
  private list: readonly ChangeToReview[] = [];
  private filings: Filing[] = [];
  /** A deliberately broken device: its handlers run, and their entries are dropped. */
  dropFilings = false;
  private readonly ports: ReviewPorts = {
    outboxEntries: () => this.outboxEntries(),
    hasSentEdit: (model, recordId) => this.sentEdits.has(`${model}:${recordId}`),
    sentEdits: () => [...this.sentEdits.values()],
    takeSentEdit: (model, recordId) => takeEdit(this.sentEdits, model, recordId),
    takeDeletedWith: (model, recordId) => takeDeletedWith(this.deletedWith, model, recordId),
    filed: () => this.list,
    record: (entry) => {
      if (this.dropFilings) return;
      this.filings.push({ at: Date.now(), entry });
      this.list = fileForReview(this.list, entry);
    },
  };
  readonly handlers: HandlerReview;
  readonly answers: AnswerReview;

  constructor(
    private readonly outboxEntries: () => Promise<readonly OutboxEntry[]>,
    records: RecordLookup,
    stored: StoredRecord,
  ) {
    this.handlers = new HandlerReview(this.ports, records);
    this.answers = new AnswerReview(this.ports, (iso) => iso, stored);
  }

  /**
   * Notes every field a user's update changed, as the app's saveChanges notes its saves
   * (sent-edits.ts): the storage stream carries an update as its changed fields.
   */
  storageChanged({ opType, model, element, mutator, savedElement }: StorageChange): void {
    const key = `${model.name}:${String(element['id'])}`;
    const before = this.stored.get(key) ?? {};
    const record = userFields(savedElement ?? element);
    this.stored.set(key, record);
    // An edit stored as a new record (a sync deleted it under the save) is the user's edit all the same.
    const edit = opType === 'UPDATE' || (opType === 'INSERT' && typeof element['_version'] === 'number');
    if (!edit || mutator !== undefined) return;
    const fields = userFields(element);
    const bases = Object.fromEntries(Object.keys(fields).map((field) => [field, before[field] ?? null]));
    noteEdit(this.sentEdits, model.name, String(element['id']), fields, new Date().toISOString(), bases, record);
  }

  /** What a user's delete of a job or a site took with it, noted before it ran, as the app's deletes do. */
  deleting(entry: DeletedWith): void {
    noteDeletedWith(this.deletedWith, entry);
  }

  /** The review list and every filing, once every answer so far has been judged. */
  async report(): Promise<ReviewReport> {
    await this.answers.settled();
    return { list: this.list, filings: this.filings };
  }

  clear(): void {
    this.sentEdits = new Map();
    this.deletedWith = new Map();
    this.stored = new Map();
    this.list = [];
    this.filings = [];
    this.dropFilings = false;
  }
}
