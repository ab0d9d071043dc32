import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';

import { inkSignature } from './signature-ink';

/**
 * A kept signature as a picture: its strokes drawn on a white canvas and shown as a PNG, so a
 * printed or saved PDF holds it as an image, as it holds the photos.
 */
@Component({
  selector: 'fb-signature-image',
  template: `<img
    class="signature-image"
    [src]="url()"
    [alt]="alt()"
    [attr.width]="width()"
    [attr.height]="height()"
  />`,
  styles: `
    :host {
      display: contents;
    }
    img {
      display: block;
      max-width: 100%;
      height: auto;
      background: #fff;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignatureImage {
  /** SVG path data in a box of `width` × `height`. */
  readonly path = input.required<string>();
  readonly width = input.required<number>();
  readonly height = input.required<number>();
  readonly alt = input.required<string>();
  private readonly document = inject(DOCUMENT);

  protected readonly url = computed(() => {
    const canvas = this.document.createElement('canvas');
    canvas.width = this.width();
    canvas.height = this.height();
    const context = canvas.getContext('2d');
    if (!context) return '';
    inkSignature(context, this.path());
    return canvas.toDataURL('image/png');
  });
}
