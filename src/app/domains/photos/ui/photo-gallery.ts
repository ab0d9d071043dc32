import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';

import {
  type NoteChoice,
  photoName,
  photoState,
  photosWaitingText,
  type PhotoView,
  uploadWaitReason,
} from '../util/photo-view';
import { BlobImage } from './blob-image';
import { PhotoViewer } from './photo-viewer';

/**
 * Files the user picked, the field note they are for (null: the job), whether to add the device's
 * location, and the caption typed for them.
 */
export interface PhotoPick {
  readonly files: readonly File[];
  readonly withLocation: boolean;
  readonly fieldNoteID: string | null;
  readonly caption?: string | null;
}

/**
 * A job's photos: take one with the camera or choose files, thumbnails in order, full size on tap
 * (PhotoViewer). Photos taken on another device show a placeholder until loaded.
 */
@Component({
  selector: 'fb-photo-gallery',
  imports: [BlobImage, PhotoViewer],
  templateUrl: './photo-gallery.html',
  styleUrl: './photo-gallery.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PhotoGallery {
  readonly photos = input.required<readonly PhotoView[]>();
  /** This job's photos whose bytes wait on this device for upload. */
  readonly waiting = input(0);
  /** How many picked files are being resized and saved. */
  readonly saving = input(0);
  readonly online = input(true);
  readonly message = input<string | null>(null);
  /** Why the last upload attempt failed (it is retried). */
  readonly uploadProblem = input<string | null>(null);
  readonly canLocate = input(false);
  /** The job's field notes, which a photo can be taken for. */
  readonly notes = input<readonly NoteChoice[]>([]);

  readonly attach = output<PhotoPick>();
  readonly loadPhoto = output<PhotoView>();
  readonly removePhoto = output<PhotoView>();

  protected readonly withLocation = signal(false);
  protected readonly forNote = signal('');
  protected readonly caption = signal('');
  private readonly noteLabels = computed(() => new Map(this.notes().map((note) => [note.id, note.label])));
  protected readonly viewing = signal<number | null>(null);
  /**
   * Saving, waiting and why an upload has not happened, in one polite status line. No connection
   * is no news: the photo waits for one, as it should.
   */
  protected readonly status = computed(() => {
    const saving = this.saving();
    const waiting = this.waiting();
    return [
      saving === 1 ? 'Saving 1 photo…' : saving > 1 ? `Saving ${saving} photos…` : '',
      waiting > 0 ? photosWaitingText(waiting) : '',
      waiting > 0 ? uploadWaitReason(this.online(), this.uploadProblem()) : '',
    ]
      .filter(Boolean)
      .join(' · ');
  });
  protected readonly name = photoName;

  /** What a thumbnail is called: its place, its note, and whether its bytes are here and uploaded. */
  protected label(photo: PhotoView, index: number): string {
    const note = photo.fieldNoteID ? this.noteLabels().get(photo.fieldNoteID) : undefined;
    const onNote = note ? `, on ${note}` : '';
    return `${photoName(photo, index, this.photos().length)}${onNote}, ${photoState(photo)}`;
  }

  protected picked(input: HTMLInputElement): void {
    const files = [...(input.files ?? [])];
    input.value = '';
    const note = this.forNote();
    const fieldNoteID = this.noteLabels().has(note) ? note : null;
    if (files.length === 0) return;
    const caption = this.caption().trim() || null;
    // A caption describes the photos it was typed for, not the next ones.
    this.caption.set('');
    this.attach.emit({ files, withLocation: this.withLocation(), fieldNoteID, caption });
  }

  protected removeViewed(photo: PhotoView): void {
    const count = this.photos().length - 1;
    this.viewing.set(count > 0 ? Math.min(this.viewing() ?? 0, count - 1) : null);
    this.removePhoto.emit(photo);
  }
}
