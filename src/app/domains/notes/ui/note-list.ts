import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output, signal } from '@angular/core';

import { type FieldNote } from '../../../../models';
import { formatCoordinates } from '../../shared/util/geolocation';
import { mapsLink, opensMapsApp } from '../../shared/util/maps-link';
import { editMarkOf } from '../util/edit-mark';
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
        @for (row of rows(); track row.note.id) {
          @let note = row.note;
          <li class="card">
            <span class="card-meta">
              <time [attr.datetime]="note.observedAt">{{ note.observedAt | date: 'medium' }}</time>
              @if (note.author) {
                · {{ note.author }}
              }
              @if (row.edited; as edited) {
                ·
                <span class="edited"
                  >Edited <time [attr.datetime]="edited.at">{{ edited.at | date: 'medium' }}</time>{{
                    edited.by ? ' by ' + edited.by : ''
                  }}</span
                >
              }
            </span>
            <span class="body">{{ note.body }}</span>
            @if (note.reading !== null && note.reading !== undefined) {
              <span class="card-title">Reading: {{ note.reading | number: '1.0-6' }} {{ note.unit }}</span>
            }
            @if (row.map; as map) {
              <span class="location">
                Location: {{ map.coordinates }}
                <a [href]="map.link" [attr.target]="map.inApp ? null : '_blank'" rel="noopener">
                  Open in maps
                  <span class="visually-hidden">for the note from {{ note.observedAt | date: 'medium' }}</span>
                </a>
              </span>
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
    .location {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 0.5rem;
    }
    .location a {
      display: inline-block;
      min-height: 44px;
      line-height: 44px;
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
  /** Each note with what is shown about it beyond its fields: its last edit, and a link to its place. */
  protected readonly rows = computed(() =>
    this.shown().map((note) => {
      const link = note.location ? mapsLink(note.location) : null;
      return {
        note,
        edited: editMarkOf(note.attributes),
        map:
          note.location && link
            ? { link, inApp: opensMapsApp(link), coordinates: formatCoordinates(note.location) }
            : null,
      };
    }),
  );

  /** Called by the page once the edit is saved, so a failed save keeps the form open. */
  finishEditing(): void {
    this.editingId.set(null);
  }

  protected startEditing(note: FieldNote): void {
    this.confirming.set(null);
    this.editingId.set(note.id);
  }
}
