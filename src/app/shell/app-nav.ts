import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';

export interface NavLink {
  readonly path: string;
  readonly label: string;
}

export const NAV_LINKS: readonly NavLink[] = [
  { path: '/jobs', label: 'Jobs' },
  { path: '/sites', label: 'Sites' },
  { path: '/dashboard', label: 'Dashboard' },
];

@Component({
  selector: 'fb-app-nav',
  imports: [RouterLink, RouterLinkActive],
  template: `
    <header class="app-bar">
      <span class="brand" aria-hidden="true">Fieldbook</span>
      <nav aria-label="Main">
        <ul>
          @for (link of links; track link.path) {
            <li>
              <a [routerLink]="link.path" routerLinkActive="active" ariaCurrentWhenActive="page">{{ link.label }}</a>
            </li>
          }
        </ul>
      </nav>
    </header>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppNav {
  protected readonly links = NAV_LINKS;
}
