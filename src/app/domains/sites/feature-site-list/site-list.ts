import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';

import { SiteListStore } from './site-list-store';

@Component({
  selector: 'fb-site-list',
  imports: [RouterLink],
  providers: [SiteListStore],
  templateUrl: './site-list.html',
  styleUrl: './site-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SiteList {
  protected readonly store = inject(SiteListStore);

  protected onSearch(event: Event): void {
    this.store.search((event.target as HTMLInputElement).value);
  }
}
