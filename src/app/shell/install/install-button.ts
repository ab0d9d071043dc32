import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';

import { OfflineReadinessStore } from '../../domains/device/api';
import { InstallPrompt } from './install-prompt';

/**
 * "Install app", shown only while the browser offers to install Fieldbook and once the device is
 * ready for offline use: an icon on the home screen that opens an error page with no signal would
 * break the promise it makes.
 */
@Component({
  selector: 'fb-install-button',
  template: `
    @if (offered()) {
      <button type="button" class="install" (click)="prompt.install()">Install app</button>
    }
  `,
  styles: `
    .install {
      min-height: 36px;
      margin: 0.25rem 0;
      padding: 0 0.75rem;
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstallButton {
  protected readonly prompt = inject(InstallPrompt);
  private readonly offline = inject(OfflineReadinessStore);
  protected readonly offered = computed(() => this.prompt.canInstall() !== null && this.offline.ready());
}
