import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * One short line on whether the app can start with no connection. A live region from the start,
 * so a screen reader hears each change; small and quiet once ready.
 */
@Component({
  selector: 'fb-offline-readiness-note',
  template: `<span role="status" class="offline-note" [class.ready]="ready()">{{ message() }}</span>`,
  styles: `
    .offline-note {
      font-size: 0.8rem;
      line-height: 1.2;
    }
    .offline-note:not(.ready) {
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OfflineReadinessNote {
  readonly message = input<string | null>(null);
  readonly ready = input(false);
}
