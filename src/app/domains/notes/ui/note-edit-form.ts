import {
  ChangeDetectionStrategy,
  Component,
  effect,
  input,
  type OnInit,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';

import { type FieldNote, type GeoPoint } from '../../../../models';
import {
  type ChangedUnderneath,
  ChangedUnderneathNotice,
  followStoredRecord,
  settled,
  withFresh,
} from '../../shared/ui/changed-underneath-notice';
import { changedFields } from '../../shared/util/changed-fields';
import { fieldLabel, formatValue } from '../../shared/util/format-field';
import { fromLocalInput, toLocalInput } from '../util/observed-at';
import { parseReading, READING_ERROR, readingText, readingValidator } from '../util/reading';
import { NoteLocation } from './note-location';

/** A note's editable fields as the form holds them (the time as a `datetime-local` value). */
interface NoteDraft {
  readonly body: string;
  /** As typed: a decimal comma is kept until the note is saved (util/reading.ts). */
  readonly reading: string;
  readonly unit: string;
  readonly observedAt: string;
  readonly location: GeoPoint | null;
}
type NoteField = keyof NoteDraft;

/** The edit to save: only the fields the user changed, and the whole note should it be gone. */
export interface NoteEdit {
  readonly id: string;
  readonly changes: Readonly<Partial<NoteFields>>;
  readonly whole: Readonly<NoteFields & { jobID: string; author: string | null; attributes: string | null }>;
}
interface NoteFields {
  body: string;
  reading: number | null;
  unit: string | null;
  observedAt: string;
  location: GeoPoint | null;
}

function draftOf(note: FieldNote): NoteDraft {
  return {
    body: note.body,
    reading: readingText(note.reading),
    unit: note.unit ?? '',
    observedAt: toLocalInput(new Date(note.observedAt)),
    location: note.location ?? null,
  };
}

/**
 * Edits one field note in place. Like the job and site forms, it sends only what the user changed
 * from the note as the form opened, and follows the stored note while open: another device's
 * change to a field the user has not touched is taken in, a field both changed is theirs to decide.
 */
@Component({
  selector: 'fb-note-edit-form',
  imports: [ReactiveFormsModule, ChangedUnderneathNotice, NoteLocation],
  templateUrl: './note-edit-form.html',
  styleUrl: './note-fields.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoteEditForm implements OnInit {
  /** The note as stored now (its last copy once deleted). */
  readonly note = input.required<FieldNote>();
  readonly deleted = input(false);
  readonly save = output<NoteEdit>();
  readonly cancelled = output<void>();

  protected readonly form = new FormGroup({
    body: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(/\S/)] }),
    reading: new FormControl('', { nonNullable: true, validators: [readingValidator] }),
    unit: new FormControl('', { nonNullable: true }),
    observedAt: new FormControl('', { nonNullable: true }),
    location: new FormControl<GeoPoint | null>(null),
  });
  protected readonly underneath = signal<readonly ChangedUnderneath[]>([]);
  private readonly submitted = signal(false);
  protected readonly readingMessage = READING_ERROR;
  /** The note as the form last followed it: what the user's changes are judged against. */
  private base: NoteDraft | null = null;

  constructor() {
    effect(() => {
      const latest = this.note();
      untracked(() => this.follow(latest));
    });
  }

  ngOnInit(): void {
    this.base = draftOf(this.note());
    this.form.setValue({ ...this.base });
  }

  protected bodyError(): boolean {
    return this.submitted() && this.form.controls.body.invalid;
  }

  protected readingError(): boolean {
    return this.submitted() && this.form.controls.reading.invalid;
  }

  protected useTheirs(field: string): void {
    this.take(field as NoteField, draftOf(this.note()));
    this.underneath.update((list) => settled(list, field));
  }

  protected submit(): void {
    this.submitted.set(true);
    const mine = this.form.getRawValue();
    const observedAt = fromLocalInput(mine.observedAt);
    const reading = parseReading(mine.reading);
    if (this.form.invalid || !observedAt || reading === undefined || !this.base) return;
    const edited = changedFields<NoteDraft>(this.base, { ...mine, body: mine.body.trim() });
    // "6,9" for a stored 6.9 is the same reading, not an edit.
    const { reading: typedReading, ...rest } = edited;
    const readingChanged = typedReading !== undefined && reading !== parseReading(this.base.reading);
    const changes = {
      ...rest,
      ...(readingChanged ? { reading } : {}),
      ...(edited.unit !== undefined ? { unit: edited.unit.trim() || null } : {}),
      ...(edited.observedAt !== undefined ? { observedAt } : {}),
    };
    const note = this.note();
    this.save.emit({
      id: note.id,
      changes,
      whole: {
        jobID: note.jobID,
        author: note.author ?? null,
        attributes: note.attributes ?? null,
        location: mine.location,
        body: mine.body.trim(),
        reading,
        unit: mine.unit.trim() || null,
        observedAt,
      },
    });
  }

  private follow(latest: FieldNote): void {
    if (!this.base) return;
    const theirs = draftOf(latest);
    const mine = this.form.getRawValue();
    const fresh = followStoredRecord(
      this.base,
      theirs,
      mine,
      (field) => this.take(field, theirs),
      (field, clash) => ({
        field,
        label: fieldLabel(field),
        theirs: formatValue(theirs[field], field),
        mine: formatValue(mine[field], field),
        clash,
      }),
    );
    this.base = theirs;
    if (fresh.length > 0) this.underneath.update((list) => withFresh(list, fresh));
  }

  private take(field: NoteField, from: NoteDraft): void {
    this.form.controls[field].setValue(from[field] as never);
  }
}
