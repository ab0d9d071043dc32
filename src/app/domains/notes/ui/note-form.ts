import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  type OnInit,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';

import { type GeoPoint } from '../../../../models';
import type { NoteDraftText } from '../util/note-draft-text';
import { fromLocalInput, toLocalInput } from '../util/observed-at';
import { parseReading, READING_ERROR, readingValidator } from '../util/reading';
import { NoteLocation } from './note-location';

export interface NoteFormValue {
  readonly body: string;
  readonly observedAt: string;
  readonly reading: number | null;
  readonly unit: string | null;
  readonly location: GeoPoint | null;
  /** The crew member adding the note: the name known on this device, or the one typed in the form. */
  readonly author: string;
}

/**
 * Add a field note: what was seen, an optional reading with its unit, and when: the moment of saving
 * unless the user sets another time; where, if they ask for the device's location. While the device
 * knows no crew member, the form asks for a name, which the page remembers. The name is asked, not
 * required: an observation is never held back for want of it.
 */
@Component({
  selector: 'fb-note-form',
  imports: [ReactiveFormsModule, NoteLocation],
  templateUrl: './note-form.html',
  styleUrl: './note-fields.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoteForm implements OnInit {
  /** Text typed earlier and not yet added (kept by the page while the user was elsewhere). */
  readonly draft = input<NoteDraftText | null>(null);
  /** The crew member named on this device; '' when nobody is, and then the form asks. */
  readonly crewMember = input('');
  /** The name is the signed-in person's: shown, never asked for or changed. */
  readonly nameFromAccount = input(false);
  readonly add = output<NoteFormValue>();
  /** What is typed and not yet added, as it changes; null once there is nothing to keep. */
  readonly draftChange = output<NoteDraftText | null>();

  protected readonly form = new FormGroup({
    body: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(/\S/)] }),
    reading: new FormControl('', { nonNullable: true, validators: [readingValidator] }),
    unit: new FormControl('', { nonNullable: true }),
    observedAt: new FormControl(toLocalInput(new Date()), { nonNullable: true }),
    location: new FormControl<GeoPoint | null>(null),
    author: new FormControl('', { nonNullable: true }),
  });
  private readonly changingName = signal(false);
  protected readonly askName = computed(() => !this.crewMember() || this.changingName());
  private readonly submitted = signal(false);
  /** What the last submit sent, to tell it from a next note typed while it saved. */
  private sent: string | null = null;
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

  protected changeName(): void {
    this.form.controls.author.setValue(this.crewMember(), { emitEvent: false });
    this.changingName.set(true);
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
    this.sent = typedText(value);
    this.add.emit({
      body: value.body.trim(),
      observedAt,
      reading,
      unit: value.unit.trim() || null,
      location: value.location,
      author: this.askName() ? value.author.trim() : this.crewMember(),
    });
  }

  /**
   * Called by the page once the note is saved, so a failed save keeps the text. A save takes a
   * moment: if the user has begun the next note meanwhile, what they typed stays.
   */
  reset(): void {
    const typedSince = this.sent !== null && typedText(this.form.getRawValue()) !== this.sent;
    this.sent = null;
    this.submitted.set(false);
    if (typedSince) return;
    this.changingName.set(false);
    this.form.reset(
      { body: '', reading: '', unit: '', observedAt: toLocalInput(new Date()), location: null, author: '' },
      { emitEvent: false },
    );
    this.draftChange.emit(null);
  }

  private emitDraft(): void {
    const { body, reading, unit, observedAt, location } = this.form.getRawValue();
    const timeSet = this.form.controls.observedAt.dirty;
    const empty = !body.trim() && !reading.trim() && !unit.trim() && !timeSet && !location;
    this.draftChange.emit(
      empty ? null : { body, reading, unit, ...(timeSet ? { observedAt } : {}), ...(location ? { location } : {}) },
    );
  }
}

function typedText({ body, reading, unit }: { body: string; reading: string; unit: string }): string {
  return JSON.stringify([body, reading, unit]);
}
