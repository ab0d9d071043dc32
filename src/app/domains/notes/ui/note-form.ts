import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  input,
  type OnInit,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';

import type { NoteDraftText } from '../util/note-draft-text';
import { fromLocalInput, toLocalInput } from '../util/observed-at';
import { parseReading, READING_ERROR, readingValidator } from '../util/reading';

export interface NoteFormValue {
  readonly body: string;
  readonly observedAt: string;
  readonly reading: number | null;
  readonly unit: string | null;
}

/**
 * Add a field note: what was seen, an optional reading with its unit, and when: the moment of saving
 * unless the user sets another time.
 */
@Component({
  selector: 'fb-note-form',
  imports: [ReactiveFormsModule],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate aria-labelledby="note-form-title">
      <h3 id="note-form-title">Add a field note</h3>
      <label for="note-body" class="field-label">Note</label>
      <textarea
        id="note-body"
        formControlName="body"
        rows="3"
        [attr.aria-invalid]="bodyError()"
        [attr.aria-describedby]="bodyError() ? 'note-body-error' : null"
      ></textarea>
      @if (bodyError()) {
        <p id="note-body-error" class="field-error">Write what you observed.</p>
      }
      <div class="row">
        <label>
          <span class="field-label">Reading</span>
          <input
            inputmode="decimal"
            autocomplete="off"
            formControlName="reading"
            [attr.aria-invalid]="readingError()"
            [attr.aria-describedby]="readingError() ? 'note-reading-error' : null"
          />
        </label>
        <label>
          <span class="field-label">Unit</span>
          <input formControlName="unit" placeholder="bar, °C, mm" />
        </label>
      </div>
      @if (readingError()) {
        <p id="note-reading-error" class="field-error">{{ readingMessage }}</p>
      }
      <label for="note-observed" class="field-label">Observed at</label>
      <input
        id="note-observed"
        type="datetime-local"
        formControlName="observedAt"
        [attr.aria-invalid]="timeError()"
        [attr.aria-describedby]="timeError() ? 'note-time-error' : null"
      />
      @if (timeError()) {
        <p id="note-time-error" class="field-error">Enter the date and time of the observation.</p>
      }
      <button type="submit" class="primary">Add note</button>
    </form>
  `,
  styleUrl: './note-fields.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoteForm implements OnInit {
  /** Text typed earlier and not yet added (kept by the page while the user was elsewhere). */
  readonly draft = input<NoteDraftText | null>(null);
  readonly add = output<NoteFormValue>();
  /** What is typed and not yet added, as it changes; null once there is nothing to keep. */
  readonly draftChange = output<NoteDraftText | null>();

  protected readonly form = new FormGroup({
    body: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(/\S/)] }),
    reading: new FormControl('', { nonNullable: true, validators: [readingValidator] }),
    unit: new FormControl('', { nonNullable: true }),
    observedAt: new FormControl(toLocalInput(new Date()), { nonNullable: true }),
  });
  private readonly submitted = signal(false);
  protected readonly readingMessage = READING_ERROR;

  private readonly destroyRef = inject(DestroyRef);

  ngOnInit(): void {
    const draft = this.draft();
    if (draft) {
      this.form.patchValue(draft);
      if (draft.observedAt) this.form.controls.observedAt.markAsDirty();
    }
    this.form.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.emitDraft());
  }

  protected bodyError(): boolean {
    return this.submitted() && this.form.controls.body.invalid;
  }

  protected readingError(): boolean {
    return this.submitted() && this.form.controls.reading.invalid;
  }

  protected timeError(): boolean {
    return this.submitted() && !fromLocalInput(this.form.controls.observedAt.value);
  }

  protected submit(): void {
    this.submitted.set(true);
    const value = this.form.getRawValue();
    // The time shown is when the form opened; left alone, it means "now", which is when the user saves.
    const observedAt = this.form.controls.observedAt.dirty
      ? fromLocalInput(value.observedAt)
      : new Date().toISOString();
    const reading = parseReading(value.reading);
    if (this.form.invalid || !observedAt || reading === undefined) return;
    this.add.emit({ body: value.body.trim(), observedAt, reading, unit: value.unit.trim() || null });
  }

  /** Called by the page once the note is saved, so a failed save keeps the text. */
  reset(): void {
    this.submitted.set(false);
    this.form.reset({ body: '', reading: '', unit: '', observedAt: toLocalInput(new Date()) }, { emitEvent: false });
    this.draftChange.emit(null);
  }

  private emitDraft(): void {
    const { body, reading, unit, observedAt } = this.form.getRawValue();
    const timeSet = this.form.controls.observedAt.dirty;
    const empty = !body.trim() && !reading.trim() && !unit.trim() && !timeSet;
    this.draftChange.emit(empty ? null : { body, reading, unit, ...(timeSet ? { observedAt } : {}) });
  }
}
