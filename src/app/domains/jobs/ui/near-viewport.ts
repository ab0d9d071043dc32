import { afterNextRender, DestroyRef, Directive, effect, ElementRef, inject, input, output } from '@angular/core';

/**
 * Emits `fbNearViewport` when its element comes within `margin` of the screen, so a long list can
 * add its next rows before the user reaches the end. The element is watched afresh whenever `key`
 * changes: after rows are added it may still be near, and only a new watch reports that.
 */
@Directive({ selector: '[fbNearViewport]' })
export class NearViewport {
  readonly key = input<unknown>(undefined, { alias: 'fbNearViewportKey' });
  readonly margin = input('800px', { alias: 'fbNearViewportMargin' });
  readonly fbNearViewport = output<void>();

  private readonly element = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private observer?: IntersectionObserver;

  constructor() {
    afterNextRender(() => {
      if (typeof IntersectionObserver === 'undefined') return;
      this.observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((entry) => entry.isIntersecting)) this.fbNearViewport.emit();
        },
        { rootMargin: `${this.margin()} 0px` },
      );
      this.observer.observe(this.element);
    });
    effect(() => {
      this.key();
      this.observer?.unobserve(this.element);
      this.observer?.observe(this.element);
    });
    inject(DestroyRef).onDestroy(() => this.observer?.disconnect());
  }
}
