import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';

import { photoName, photoState, photosWaitingText, type PhotoView } from '../util/photo-view';
import { BlobImage } from './blob-image';
import { PhotoViewer } from './photo-viewer';

/** Files the user picked, and whether to add the device's location to them. */
export interface PhotoPick {
  readonly files: readonly File[];
  readonly withLocation: boolean;
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
  readonly canLocate = input(false);

  readonly attach = output<PhotoPick>();
  readonly loadPhoto = output<PhotoView>();
  readonly removePhoto = output<PhotoView>();

  protected readonly withLocation = signal(false);
  protected readonly viewing = signal<number | null>(null);
  protected readonly waitingText = computed(() => (this.waiting() > 0 ? photosWaitingText(this.waiting()) : ''));
  protected readonly name = photoName;
  protected readonly state = photoState;

  protected picked(input: HTMLInputElement): void {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length > 0) this.attach.emit({ files, withLocation: this.withLocation() });
  }

  protected removeViewed(photo: PhotoView): void {
    const count = this.photos().length - 1;
    this.viewing.set(count > 0 ? Math.min(this.viewing() ?? 0, count - 1) : null);
    this.removePhoto.emit(photo);
  }
}
