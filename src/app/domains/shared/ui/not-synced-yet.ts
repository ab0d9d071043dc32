import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * An empty list on a device that has not synced that kind of record yet (new, or cleared): nothing
 * came yet, which is not the same as a crew with none, so it offers nothing to create.
 */
@Component({
  selector: 'fb-not-synced-yet',
  template: `
    <section class="empty-state" [attr.aria-labelledby]="'no-' + records()">
      <h2 [id]="'no-' + records()">No {{ records() }} on this device yet</h2>
      @if (online()) {
        <p>
          This device has not synced the crew’s {{ records() }} yet: they appear here as they arrive from the server.
        </p>
      } @else {
        <p>
          This device has not synced since it was set up or cleared: the crew’s {{ records() }} arrive once it is
          online.
        </p>
      }
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotSyncedYet {
  /** What the list holds, in the plural: "jobs", "sites". */
  readonly records = input.required<string>();
  readonly online = input.required<boolean>();
}
