import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';

import { AppNav } from './shell/app-nav';

@Component({
  selector: 'fb-root',
  imports: [RouterOutlet, AppNav],
  template: `
    <a class="skip-link" href="#main">Skip to content</a>
    <fb-app-nav />
    <main id="main" tabindex="-1">
      <router-outlet />
    </main>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {}
