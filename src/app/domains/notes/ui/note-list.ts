import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';

import { type FieldNote } from '../../../../models';

/** A job's field notes, as given (newest first from the repository). */
@Component({
  selector: 'fb-note-list',
  imports: [DatePipe, DecimalPipe],
  template: `
    @if (notes().length === 0) {
      <p class="muted">No field notes yet.</p>
    } @else {
      <ul class="card-list" aria-label="Field notes">
        @for (note of notes(); track note.id) {
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
            @if (confirming() === note.id) {
              <span class="row" role="group" aria-label="Confirm deleting this note">
                <button type="button" class="danger" (click)="remove.emit(note.id); confirming.set(null)">
                  Yes, delete note
                </button>
                <button type="button" (click)="confirming.set(null)">Keep note</button>
              </span>
            } @else {
              <button type="button" class="danger" (click)="confirming.set(note.id)">
                Delete note<span class="visually-hidden"> from {{ note.observedAt | date: 'medium' }}</span>
              </button>
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

  /** Notes are evidence; deleting one takes a second, deliberate tap. */
  protected readonly confirming = signal<string | null>(null);
}
