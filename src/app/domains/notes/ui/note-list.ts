import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output, signal } from '@angular/core';

import { type FieldNote } from '../../../../models';
import { type NoteEdit, NoteEditForm } from './note-edit-form';

/** A job's field notes, as given (newest first from the repository). */
@Component({
  selector: 'fb-note-list',
  imports: [DatePipe, DecimalPipe, NoteEditForm],
  template: `
    @if (shown().length === 0) {
      <p class="muted">No field notes yet.</p>
    } @else {
      <ul class="card-list" aria-label="Field notes">
        @for (note of shown(); track note.id) {
          <li class="card">
            <span class="card-meta">
              <time [attr.datetime]="note.observedAt">{{ note.observedAt | date: 'medium' }}</time>
              @if (note.author) {
                · {{ note.author }}
              }
            </span>
            <span class="body">{{ note.body }}</span>
            @if (note.reading !== null && note.reading !== undefined) {
              <span class="card-title">Reading: {{ note.reading | number: '1.0-6' }} {{ note.unit }}</span>
            }
            @if (editing()?.id === note.id) {
              <fb-note-edit-form
                [note]="note"
                [deleted]="note === editedNoteGone()"
                (save)="edit.emit($event)"
                (cancelled)="finishEditing()"
              />
            } @else if (confirming() === note.id) {
              <span class="row" role="group" aria-label="Confirm deleting this note">
                <button type="button" class="danger" (click)="remove.emit(note.id); confirming.set(null)">
                  Yes, delete note
                </button>
                <button type="button" (click)="confirming.set(null)">Keep note</button>
              </span>
            } @else {
              <span class="row">
                <button type="button" (click)="startEditing(note)">
                  Edit note<span class="visually-hidden"> from {{ note.observedAt | date: 'medium' }}</span>
                </button>
                <button type="button" class="danger" (click)="confirming.set(note.id)">
                  Delete note<span class="visually-hidden"> from {{ note.observedAt | date: 'medium' }}</span>
                </button>
              </span>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .body {
      white-space: pre-wrap;
    }
    button {
      align-self: flex-start;
      margin-top: 0.25rem;
    }
    .row {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoteList {
  readonly notes = input.required<readonly FieldNote[]>();
  readonly remove = output<string>();
  readonly edit = output<NoteEdit>();

  /** Notes are evidence; deleting one takes a second, deliberate tap. */
  protected readonly confirming = signal<string | null>(null);
  private readonly editingId = signal<string | null>(null);
  /** The note being edited as last seen: it stays after another device deletes it. */
  protected readonly editing = linkedSignal<{ id: string | null; notes: readonly FieldNote[] }, FieldNote | null>({
    source: () => ({ id: this.editingId(), notes: this.notes() }),
    computation: ({ id, notes }, previous) =>
      notes.find((note) => note.id === id) ?? (previous?.value?.id === id ? previous.value : null),
  });
  /** The note being edited once another device deleted it: its form stays, so nothing typed is lost. */
  protected readonly editedNoteGone = computed(() => {
    const editing = this.editing();
    return editing && !this.notes().some((note) => note.id === editing.id) ? editing : null;
  });
  protected readonly shown = computed(() => {
    const gone = this.editedNoteGone();
    return gone ? [...this.notes(), gone] : this.notes();
  });

  /** Called by the page once the edit is saved, so a failed save keeps the form open. */
  finishEditing(): void {
    this.editingId.set(null);
  }

  protected startEditing(note: FieldNote): void {
    this.confirming.set(null);
    this.editingId.set(note.id);
  }
}
