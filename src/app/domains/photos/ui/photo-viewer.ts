import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  type ElementRef,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';

import { photoName, photoState, type PhotoView, takenAtText } from '../util/photo-view';
import { BlobImage } from './blob-image';

/** A horizontal drag longer than this (CSS px) turns the page. */
const SWIPE_PX = 50;

/** One photo at full size in a modal dialog; previous/next by buttons, arrow keys or a swipe; delete after a confirm step. */
@Component({
  selector: 'fb-photo-viewer',
  imports: [BlobImage],
  templateUrl: './photo-viewer.html',
  styleUrl: './photo-viewer.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PhotoViewer {
  readonly photos = input.required<readonly PhotoView[]>();
  readonly index = input.required<number>();
  readonly online = input(true);
  readonly indexChange = output<number>();
  readonly closed = output<void>();
  readonly loadPhoto = output<PhotoView>();
  readonly removePhoto = output<PhotoView>();

  protected readonly photo = computed(() => this.photos()[this.index()] ?? null);
  protected readonly title = computed(() => {
    const photo = this.photo();
    return photo ? photoName(photo, this.index(), this.photos().length) : '';
  });
  protected readonly state = photoState;
  protected readonly taken = takenAtText;
  protected readonly confirming = signal(false);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly deleteButton = viewChild<ElementRef<HTMLButtonElement>>('deleteButton');
  private readonly keepButton = viewChild<ElementRef<HTMLButtonElement>>('keepButton');
  private swipeFrom: number | null = null;

  constructor() {
    afterNextRender(() => this.dialog().nativeElement.showModal());
    // The confirm step takes the focus, on its safe choice, so a keyboard or screen reader user is
    // in it at once and Enter does not delete.
    effect(() => this.keepButton()?.nativeElement.focus());
  }

  protected go(step: number): void {
    const next = this.index() + step;
    if (next < 0 || next >= this.photos().length) return;
    this.confirming.set(false);
    this.indexChange.emit(next);
  }

  protected keydown(event: KeyboardEvent): void {
    if (event.key === 'ArrowLeft') this.go(-1);
    else if (event.key === 'ArrowRight') this.go(1);
  }

  protected pointerDown(event: PointerEvent): void {
    this.swipeFrom = event.clientX;
  }

  protected pointerUp(event: PointerEvent): void {
    if (this.swipeFrom === null) return;
    const dx = event.clientX - this.swipeFrom;
    this.swipeFrom = null;
    if (Math.abs(dx) >= SWIPE_PX) this.go(dx < 0 ? 1 : -1);
  }

  protected close(): void {
    this.dialog().nativeElement.close();
  }

  /** Back to the photo, with the focus where the user started the delete. */
  protected keep(): void {
    this.confirming.set(false);
    this.deleteButton()?.nativeElement.focus();
  }

  protected confirmDelete(photo: PhotoView): void {
    this.confirming.set(false);
    this.removePhoto.emit(photo);
  }
}
