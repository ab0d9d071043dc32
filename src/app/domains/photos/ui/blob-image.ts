import { ChangeDetectionStrategy, Component, computed, effect, input, untracked } from '@angular/core';

/** An image of bytes held on the device; the object URL is let go when the bytes change or the image goes. */
@Component({
  selector: 'fb-blob-image',
  template: `<img [src]="url()" [alt]="alt()" [attr.width]="width()" [attr.height]="height()" />`,
  styles: `
    :host {
      display: contents;
    }
    img {
      display: block;
      max-width: 100%;
      max-height: 100%;
      width: auto;
      height: auto;
      object-fit: contain;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BlobImage {
  readonly blob = input.required<Blob>();
  readonly alt = input.required<string>();
  readonly width = input<number | null>(null);
  readonly height = input<number | null>(null);
  protected readonly url = computed(() => URL.createObjectURL(this.blob()));

  constructor() {
    effect((onCleanup) => {
      const url = this.url();
      onCleanup(() => untracked(() => URL.revokeObjectURL(url)));
    });
  }
}
