import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';

import { InstallButton } from './install/install-button';

export interface NavLink {
  readonly path: string;
  readonly label: string;
}

export const NAV_LINKS: readonly NavLink[] = [
  { path: '/jobs', label: 'Jobs' },
  { path: '/sites', label: 'Sites' },
  { path: '/dashboard', label: 'Dashboard' },
  { path: '/conflicts', label: 'Conflicts' },
  { path: '/settings', label: 'Settings' },
];

@Component({
  selector: 'fb-app-nav',
  imports: [RouterLink, RouterLinkActive, InstallButton],
  template: `
    <header class="app-bar">
      <span class="brand" aria-hidden="true">Fieldbook</span>
      <nav aria-label="Main">
        <ul>
          @for (link of links; track link.path) {
            <li>
              <a [routerLink]="link.path" routerLinkActive="active" ariaCurrentWhenActive="page"
                >{{ link.label }}
                @if (counts()[link.path]; as count) {
                  <span class="badge" aria-hidden="true">{{ count }}</span>
                  <span class="visually-hidden">({{ count }} to review)</span>
                }
              </a>
            </li>
          }
        </ul>
      </nav>
      <!-- A short status line (whether the app can start offline) beside the install button. -->
      <div class="app-bar-status"><ng-content /></div>
      <fb-install-button />
    </header>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppNav {
  /** Numbers to show beside a link, by path (e.g. conflicts waiting for review). */
  readonly counts = input<Readonly<Record<string, number>>>({});

  protected readonly links = NAV_LINKS;
}
