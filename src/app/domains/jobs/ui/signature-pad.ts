import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  output,
  signal,
  viewChild,
} from '@angular/core';

import { type StrokePoint, strokesToPath } from '../util/signature-strokes';
import { inkSignature } from './signature-ink';

/** The pad's drawing box, in its own pixels: a signature is kept in this box whatever the screen. */
export const PAD_WIDTH = 600;
export const PAD_HEIGHT = 200;

/**
 * A box to sign in with a finger, a pen or a mouse. Each stroke is kept as points in the pad's own
 * 600 × 200 box; `strokes` is emitted after each stroke ends and after Clear.
 */
@Component({
  selector: 'fb-signature-pad',
  template: `
    <canvas
      #canvas
      [attr.width]="width"
      [attr.height]="height"
      role="img"
      [attr.aria-label]="label()"
      (pointerdown)="start($event)"
      (pointermove)="move($event)"
      (pointerup)="end($event)"
      (pointercancel)="end($event)"
    ></canvas>
    <button type="button" (click)="clear()" [disabled]="!drawn()">Clear the signature</button>
  `,
  styles: `
    :host {
      display: grid;
      gap: 0.5rem;
      justify-items: start;
    }
    canvas {
      width: 100%;
      max-width: 600px;
      aspect-ratio: 3 / 1;
      border: 2px solid var(--border-strong, currentColor);
      border-radius: 0.5rem;
      background: #fff;
      touch-action: none;
      cursor: crosshair;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignaturePad {
  readonly strokes = output<readonly (readonly StrokePoint[])[]>();
  protected readonly width = PAD_WIDTH;
  protected readonly height = PAD_HEIGHT;
  protected readonly drawn = signal(false);
  protected readonly label = computed(() =>
    this.drawn() ? 'Signature box, signed' : 'Signature box: sign here with a finger, a pen or a mouse',
  );
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly kept: StrokePoint[][] = [];
  private current: StrokePoint[] | null = null;

  protected start(event: PointerEvent): void {
    event.preventDefault();
    // Keeps the stroke when the finger strays off the box; a pointer the browser no longer tracks
    // (lifted already) cannot be captured, and the stroke is drawn all the same.
    try {
      this.canvas().nativeElement.setPointerCapture(event.pointerId);
    } catch {
      /* drawn without capture */
    }
    this.current = [this.pointOf(event)];
    this.kept.push(this.current);
    this.draw();
  }

  protected move(event: PointerEvent): void {
    if (!this.current) return;
    this.current.push(this.pointOf(event));
    this.draw();
  }

  protected end(event: PointerEvent): void {
    if (!this.current) return;
    if (event.type === 'pointerup') this.current.push(this.pointOf(event));
    this.current = null;
    this.drawn.set(true);
    this.draw();
    this.strokes.emit(this.kept.map((stroke) => [...stroke]));
  }

  protected clear(): void {
    this.kept.length = 0;
    this.current = null;
    this.drawn.set(false);
    this.draw();
    this.strokes.emit([]);
  }

  /** The pointer in the pad's own box, whatever size the canvas is shown at. */
  private pointOf(event: PointerEvent): StrokePoint {
    const box = this.canvas().nativeElement.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) / box.width) * PAD_WIDTH,
      y: ((event.clientY - box.top) / box.height) * PAD_HEIGHT,
    };
  }

  private draw(): void {
    const context = this.canvas().nativeElement.getContext('2d');
    if (context) inkSignature(context, strokesToPath(this.kept));
  }
}
