import { ChangeDetectionStrategy, Component, inject } from '@angular/core';

import { AppUpdateStore } from './app-update-store';

@Component({
  selector: 'fb-update-banner',
  template: `
    @if (store.ready()) {
      <section class="update-banner" aria-labelledby="update-title" role="region">
        <h2 id="update-title">A new version of Fieldbook is ready</h2>
        @if (store.waitingForSync()) {
          <p role="status">
            This update resets the data stored on this device.
            {{ store.pendingChanges() }} {{ store.pendingChanges() === 1 ? 'change is' : 'changes are' }} saved only
            here, so it will wait until they have synced. Connect to the internet to finish syncing.
          </p>
        }
        @if (store.error(); as error) {
          <p class="error" role="alert">{{ error }}</p>
        }
        @if (store.requested() && store.waitingForSync()) {
          <p class="muted">Update scheduled: it installs by itself once everything has synced.</p>
        } @else {
          <button type="button" class="primary" (click)="store.requestUpdate()">
            {{ store.waitingForSync() ? 'Update after syncing' : 'Reload to update' }}
          </button>
        }
      </section>
    }
  `,
  styles: `
    .update-banner {
      margin: 0.5rem auto;
      max-width: 60rem;
      padding: 0.75rem;
      border-radius: var(--radius);
      background: var(--color-warning-bg);
      color: var(--color-warning-text);
    }
    h2 {
      margin: 0 0 0.25rem;
      font-size: 1rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UpdateBanner {
  protected readonly store = inject(AppUpdateStore);
}
