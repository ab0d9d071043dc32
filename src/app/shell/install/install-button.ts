import { ChangeDetectionStrategy, Component, inject } from '@angular/core';

import { InstallPrompt } from './install-prompt';

/** "Install app", shown only while the browser offers to install Fieldbook. */
@Component({
  selector: 'fb-install-button',
  template: `
    @if (prompt.canInstall()) {
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
}
